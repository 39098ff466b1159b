import type { Exchange, WireChunk } from '../exchange.js';
import { seededId } from '../tokens.js';
import { answer, type ModelAnswer } from './answer.js';
import { invalidArgument } from './errors.js';
import type { PromptCache } from './prompt-cache.js';
import { contentModalities, contentTokens, parseGenerateRequest, promptContents, promptText, toolUsePromptTokens } from './request.js';
import { usageMetadata, type TokenCounts } from './usage-metadata.js';

/** What a generate handler needs besides the exchange. */
export interface GenerateContext {
  readonly model: string;
  /** Key fingerprint: quotas and the cache are per key. */
  readonly keyId: string;
  readonly cache: PromptCache;
  readonly replyWords: number;
}

const DEFAULT_REPLY_WORDS = 12;

/** Reply words from the simulator options. */
export function replyWords(option: number | undefined): number {
  return option ?? DEFAULT_REPLY_WORDS;
}

/**
 * `:generateContent` and `:streamGenerateContent`. With `alt=sse` the stream is one `data: <JSON>\r\n\r\n` event per
 * token, each carrying the cumulative `usageMetadata` (candidates so far; prompt and thoughts from the first);
 * without it the API sends the same chunks as one JSON array.
 */
export async function handleGenerate(exchange: Exchange, ctx: GenerateContext, stream: boolean): Promise<void> {
  const request = parseGenerateRequest(exchange.body?.json);
  if (typeof request === 'string') return exchange.error(invalidArgument(request));
  const prompt = promptContents(request);
  const base = {
    prompt: contentTokens(prompt),
    promptModalities: contentModalities(prompt),
    cached: ctx.cache.lookup(ctx.keyId, ctx.model, prompt),
    thoughts: 0,
    candidates: 0,
    toolUsePrompt: toolUsePromptTokens(request),
  };
  const result = answer(request, ctx.model, ctx.replyWords);
  const responseId = seededId(`${exchange.entry.id}:${promptText(request)}`, 23);
  const body = (parts: unknown[], counts: TokenCounts, finishReason: string | undefined): Record<string, unknown> => ({
    candidates: [{ content: { parts, role: 'model' }, ...(finishReason ? { finishReason } : {}), index: 0 }],
    usageMetadata: usageMetadata(counts),
    modelVersion: ctx.model,
    responseId,
  });
  const total = { ...base, candidates: result.candidatesTokens, thoughts: result.thoughtsTokens };
  if (!stream) {
    const finished = body(wholeParts(result), total, result.finishReason);
    return exchange.json(200, finished, { usage: finished.usageMetadata });
  }
  const events = streamEvents(result, total, body);
  if (exchange.url.searchParams.get('alt') !== 'sse') {
    return exchange.json(200, `[${events.map((e) => JSON.stringify(e)).join(',\r\n')}]`, { usage: events.at(-1)?.usageMetadata });
  }
  const chunks: WireChunk[] = events.map((event) => ({ data: `data: ${JSON.stringify(event)}\r\n\r\n`, usage: event.usageMetadata }));
  return exchange.reply(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' }, chunks, 'sse-crlf');
}

function wholeParts(result: ModelAnswer): unknown[] {
  if (result.functionCall) return [{ functionCall: result.functionCall }];
  return result.pieces.length > 0 ? [{ text: result.pieces.join('') }] : [];
}

type BodyBuilder = (parts: unknown[], counts: TokenCounts, finishReason: string | undefined) => Record<string, unknown>;

function streamEvents(result: ModelAnswer, total: TokenCounts, body: BodyBuilder): Record<string, unknown>[] {
  if (result.functionCall || result.pieces.length === 0) return [body(wholeParts(result), total, result.finishReason)];
  return result.pieces.map((piece, i) => {
    const last = i === result.pieces.length - 1;
    return body([{ text: piece }], { ...total, candidates: i + 1 }, last ? result.finishReason : undefined);
  });
}
