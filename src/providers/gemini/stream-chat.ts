import type { GenerateContentRequest, GenerativeModel } from '@google/generative-ai';
import type { AdapterCall } from '../../adapter.js';
import type { StreamCallResult } from '../../call-result.js';
import { AbortedError } from '../../errors/aborted-error.js';
import type { ChatDelta, ChatOutput, ToolCall } from '../../operations/chat.js';
import { defineStream } from '../../stream/define-stream.js';
import { mapChunks } from '../../stream/map-chunks.js';
import { preloadTokenizer } from '../shared/tokenizer.js';
import { finishReason, responseText, responseToolCalls, type GeminiResponse } from './from-gemini-response.js';
import { geminiUsage, partialGeminiUsage, type GeminiUsageMetadata } from './gemini-usage.js';
import { geminiTimeout, mapGeminiError } from './map-gemini-error.js';
import { RequestSignal } from '../shared/request-signal.js';
import { requestText, toGeminiRequest } from './to-gemini-request.js';

type Chunk = GeminiResponse & { usageMetadata?: GeminiUsageMetadata };

/**
 * `streamGenerateContent` as a stream result. Usage is the last chunk's `usageMetadata` (it is cumulative:
 * summing would over-count); a stream cut or cancelled before its end gets {@link partialGeminiUsage}, the
 * tokenizer having started loading as the stream opened.
 */
export async function streamGemini(model: GenerativeModel, call: AdapterCall<'streamChat'>, timeoutMs: number): Promise<StreamCallResult<ChatDelta, ChatOutput>> {
  const body = toGeminiRequest(call.request);
  preloadTokenizer('o200k_base');
  const request = new RequestSignal(call.signal, timeoutMs);
  const mapError = (error: unknown): unknown => (request.timedOut ? geminiTimeout(timeoutMs) : mapGeminiError(error, call.key?.value));
  let result;
  try {
    result = await model.generateContentStream(body as GenerateContentRequest, { signal: request.signal });
  } catch (error) {
    request.done();
    if (call.signal?.aborted) throw new AbortedError('the request was aborted', { cause: call.signal.reason });
    throw mapError(error);
  }
  // The SDK's aggregate reads a tee of the same body; it rejects when the stream is cut or cancelled. Unused.
  result.response.catch(() => undefined);
  const sdkStream = result.stream;

  let text = '';
  const toolCalls: ToolCall[] = [];
  let usage: GeminiUsageMetadata | undefined;
  let rawFinish: string | undefined;
  let blocked = false;
  let responseId: string | undefined;

  const deltas = mapChunks(sdkStream, (sdkChunk): ChatDelta | undefined => {
    request.touch();
    const chunk = sdkChunk as Chunk;
    responseId ??= chunk.responseId;
    usage = chunk.usageMetadata ?? usage;
    rawFinish = chunk.candidates?.[0]?.finishReason ?? rawFinish;
    blocked ||= Boolean(chunk.promptFeedback?.blockReason);
    const piece = responseText(chunk);
    text += piece;
    const calls = responseToolCalls(chunk, toolCalls.length);
    if (calls.length === 0) return piece ? { text: piece } : undefined;
    const deltaCalls = calls.map((c, i) => ({ index: toolCalls.length + i, id: c.id, name: c.name, argumentsDelta: c.arguments }));
    toolCalls.push(...calls);
    return piece ? { text: piece, toolCalls: deltaCalls } : { toolCalls: deltaCalls };
  });

  return defineStream({
    chunks: deltas,
    settle: (outcome) => {
      request.done();
      const output = { text, toolCalls, finishReason: finishReason(rawFinish, toolCalls.length, blocked) };
      return {
        output,
        usage: outcome === 'ok' ? geminiUsage(usage) : partialGeminiUsage(usage, requestText(body), output),
        status: 200,
        ...(responseId ? { requestId: responseId } : {}),
      };
    },
    cancel: () => request.cancel(),
    signal: call.signal,
    mapError,
    status: 200,
  });
}
