import type OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { AdapterCall } from '../../adapter.js';
import type { StreamCallResult } from '../../call-result.js';
import { AbortedError } from '../../errors/aborted-error.js';
import type { ChatDelta, ChatOutput, ToolCallDelta } from '../../operations/chat.js';
import { defineStream } from '../../stream/define-stream.js';
import { mapChunks } from '../../stream/map-chunks.js';
import { encodingFor } from '../shared/token-encoding.js';
import { preloadTokenizer } from '../shared/tokenizer.js';
import { mapOpenAIError } from './map-openai-error.js';
import { chatUsage, partialChatUsage, type OpenAICompletionUsage } from './openai-usage.js';
import { replyMeta, requestOptions } from './request-options.js';
import { finishReason, toOpenAIChatBody } from './to-openai-request.js';

interface PendingToolCall {
  id: string;
  name: string;
  arguments: string;
}

/**
 * A streamed chat completion. `stream_options.include_usage` is always requested, so the reported usage is the
 * one chunk with `choices: []` before `[DONE]`; tool-call fragments are passed on and accumulated by index. A
 * stream that ends without that chunk (consumer `break`, `AbortSignal`, a cut connection) gets
 * {@link partialChatUsage} for the part received: the model's tokenizer starts loading as the stream opens.
 */
export async function streamOpenAIChat(client: OpenAI, call: AdapterCall<'streamChat'>): Promise<StreamCallResult<ChatDelta, ChatOutput>> {
  const base = toOpenAIChatBody(call.model, call.request);
  const streamOptions = typeof base['stream_options'] === 'object' ? base['stream_options'] : {};
  const body = { ...base, stream: true, stream_options: { ...streamOptions, include_usage: true } } as unknown as ChatCompletionCreateParamsStreaming;
  const mapError = (error: unknown): unknown => mapOpenAIError(error, call.key?.value, call.signal);
  // A cut stream's tokens are counted with this encoding's table (on the tokenizer thread): it starts loading now.
  const encoding = encodingFor('openai', call.model);
  preloadTokenizer(encoding, call.tokenCounting);
  let opened;
  try {
    opened = await client.chat.completions.create(body, requestOptions(call.signal)).withResponse();
  } catch (error) {
    throw mapError(error);
  }
  const sdkStream = opened.data;
  const meta = replyMeta(opened.response, opened.request_id);

  let text = '';
  const toolCalls: PendingToolCall[] = [];
  let usage: OpenAICompletionUsage | undefined;
  let rawFinish: string | null | undefined;
  let serviceTier: string | null | undefined;

  const deltas = mapChunks(
    sdkStream as AsyncIterable<ChatCompletionChunk>,
    (chunk): ChatDelta | undefined => {
      if (chunk.usage) usage = chunk.usage;
      serviceTier = chunk.service_tier ?? serviceTier;
      const choice = chunk.choices[0];
      if (!choice) return undefined;
      rawFinish = choice.finish_reason ?? rawFinish;
      const piece = choice.delta.content ?? '';
      text += piece;
      const fragments = choice.delta.tool_calls;
      if (!fragments?.length) return piece ? { text: piece } : undefined;
      const calls = fragments.map(accumulate);
      return piece ? { text: piece, toolCalls: calls } : { toolCalls: calls };
    },
    () => {
      // openai-node ends the iteration quietly when its request is aborted: that is not a complete stream.
      if (call.signal?.aborted) throw new AbortedError('the OpenAI stream was aborted', { cause: call.signal.reason });
    },
  );

  function accumulate(fragment: ChatCompletionChunk.Choice.Delta.ToolCall): ToolCallDelta {
    const pending = (toolCalls[fragment.index] ??= { id: '', name: '', arguments: '' });
    pending.id ||= fragment.id ?? '';
    pending.name += fragment.function?.name ?? '';
    pending.arguments += fragment.function?.arguments ?? '';
    return {
      index: fragment.index,
      ...(fragment.id ? { id: fragment.id } : {}),
      ...(fragment.function?.name ? { name: fragment.function.name } : {}),
      ...(fragment.function?.arguments ? { argumentsDelta: fragment.function.arguments } : {}),
    };
  }

  return defineStream({
    chunks: deltas,
    settle: () => {
      const output = { text, toolCalls: toolCalls.filter(Boolean).map((c) => ({ ...c })), finishReason: finishReason(rawFinish) };
      const tier = serviceTier ? { serviceTier } : {};
      if (usage) return { output, usage: chatUsage(usage, serviceTier), ...meta };
      return partialChatUsage(encoding, call.request, output, call.tokenCounting).then((counted) => ({ output, usage: { ...counted, ...tier }, ...meta }));
    },
    cancel: () => sdkStream.controller.abort(),
    signal: call.signal,
    mapError,
    status: meta.status,
    ...(meta.requestId ? { requestId: meta.requestId } : {}),
    headers: meta.headers,
  });
}
