import type { AdapterCall } from '../../adapter.js';
import type { StreamCallResult } from '../../call-result.js';
import { AbortedError } from '../../errors/aborted-error.js';
import { ProviderError } from '../../errors/provider-error.js';
import type { ChatDelta, ChatOutput, ToolCall } from '../../operations/chat.js';
import { defineStream } from '../../stream/define-stream.js';
import { heldChunks } from '../../stream/held-chunks.js';
import { mapChunks } from '../../stream/map-chunks.js';
import { preloadTokenizer } from '../shared/tokenizer.js';
import { finishReason, responseText, responseToolCalls } from './from-gemini-response.js';
import { keptHeaders, type GeminiChunk, type GeminiSdk } from './gemini-sdk.js';
import { geminiUsage, partialGeminiUsage, type GeminiUsageMetadata } from './gemini-usage.js';
import { geminiTimeout, mapGeminiStreamError } from './map-gemini-error.js';
import { RequestSignal } from '../shared/request-signal.js';
import { requestText, toGeminiRequest } from './to-gemini-request.js';

type Chunk = GeminiChunk;

/**
 * `streamGenerateContent` as a stream result. Usage is the last chunk's `usageMetadata` (it is cumulative:
 * summing would over-count); a stream cut, cancelled or failed before its end gets {@link partialGeminiUsage},
 * the tokenizer having started loading as the stream opened.
 *
 * The API reports a failure after the 200 as a `{"error": …}` event, which the seed SDK yields as an ordinary
 * chunk (it fails the stream with {@link mapGeminiStreamError}) and the successor throws (its `mapError`). The stream's head is read before the result is
 * returned, up to the first chunk with an answer: a failure there (an error event, a cut) is thrown from the
 * call, where the retry layer can retry it, since nothing has reached the caller yet.
 */
export async function streamGemini(sdk: GeminiSdk, call: AdapterCall<'streamChat'>, timeoutMs: number): Promise<StreamCallResult<ChatDelta, ChatOutput>> {
  const body = toGeminiRequest(call.request);
  preloadTokenizer('o200k_base', call.tokenCounting);
  const request = new RequestSignal(call.signal, timeoutMs);
  const mapError = (error: unknown): unknown => {
    if (ProviderError.isInstance(error)) return error;
    return request.timedOut ? geminiTimeout(timeoutMs) : sdk.mapError(error, call.key?.value);
  };
  const failed = (chunk: Chunk): ProviderError => {
    request.cancel();
    return mapGeminiStreamError(chunk.error, call.key?.value);
  };
  let sdkStream: AsyncIterator<Chunk>;
  let head: IteratorResult<Chunk>[];
  let headers: Record<string, string> | undefined;
  try {
    const opened = await sdk.stream(call.model, body, request.signal);
    sdkStream = opened.chunks;
    head = await readHead(sdkStream, () => request.touch());
    headers = keptHeaders(opened.headers());
  } catch (error) {
    request.done();
    if (call.signal?.aborted) throw new AbortedError('the request was aborted', { cause: call.signal.reason });
    throw mapError(error);
  }
  const headError = head.find((r) => !r.done && r.value.error !== undefined);
  if (headError) throw failed(headError.value as Chunk);

  let text = '';
  const toolCalls: ToolCall[] = [];
  let usage: GeminiUsageMetadata | undefined;
  let rawFinish: string | undefined;
  let blocked = false;
  let responseId: string | undefined;

  const deltas = mapChunks(heldChunks(head, sdkStream), (chunk): ChatDelta | undefined => {
    request.touch();
    if (chunk.error !== undefined) throw failed(chunk);
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
      const end = { output, status: 200, ...(responseId ? { requestId: responseId } : {}), ...(headers ? { headers } : {}) };
      if (outcome === 'ok') return { ...end, usage: geminiUsage(usage) };
      return partialGeminiUsage(usage, requestText(body), output, call.tokenCounting).then((counted) => ({ ...end, usage: counted }));
    },
    cancel: () => request.cancel(),
    signal: call.signal,
    mapError,
    status: 200,
    ...(headers ? { headers } : {}),
  });
}

/**
 * Reads the stream up to its first chunk with an answer (text or a function call), an error event, or its end,
 * restarting the timeout at each chunk; returns what it read.
 */
async function readHead(stream: AsyncIterator<Chunk>, touch: () => void): Promise<IteratorResult<Chunk>[]> {
  const head: IteratorResult<Chunk>[] = [];
  for (;;) {
    const next = await stream.next();
    touch();
    head.push(next);
    if (next.done || next.value.error !== undefined || responseText(next.value) || responseToolCalls(next.value).length > 0) return head;
  }
}
