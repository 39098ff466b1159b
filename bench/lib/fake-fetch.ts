import OpenAI from 'openai';
import { MODELS } from './fixtures.js';

const HEAD = { id: 'chatcmpl-bench', created: 1_700_000_000, model: MODELS.openaiChat, system_fingerprint: 'fp_bench' };
const USAGE = { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21 };

/** A chat completion reply as the API sends it. */
export const CHAT_REPLY = JSON.stringify({
  ...HEAD,
  object: 'chat.completion',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello there, benchmark!', refusal: null }, logprobs: null, finish_reason: 'stop' }],
  usage: USAGE,
});

/**
 * An SSE chat stream with `pieces` content chunks, a finish chunk and the include_usage chunk, as the API sends
 * it: one string per SSE event (a socket delivers them about one a packet).
 */
export function chatStream(pieces: number): string[] {
  const event = (choices: unknown[], extra: object = {}): string =>
    `data: ${JSON.stringify({ ...HEAD, object: 'chat.completion.chunk', choices, ...extra })}\n\n`;
  const delta = (content: string, finish: string | null = null): unknown => ({ index: 0, delta: { content }, logprobs: null, finish_reason: finish });
  const events = [event([{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }], { usage: null })];
  for (let i = 0; i < pieces; i++) events.push(event([delta(` w${i}`)], { usage: null }));
  events.push(event([delta('', 'stop')], { usage: null }), event([], { usage: { ...USAGE, completion_tokens: pieces } }), 'data: [DONE]\n\n');
  return events;
}

/**
 * A `fetch` that answers every request at once with `body`: no socket, no server. A body given as pieces arrives
 * as those pieces: handed a whole long SSE body at once, the SDK's line decoder copies the rest of its buffer after
 * every event, a cost no socket delivery has.
 */
export function fakeFetch(body: string | readonly string[], contentType: string): () => Promise<Response> {
  const encoder = new TextEncoder();
  const pieces = (typeof body === 'string' ? [body] : body).map((piece) => encoder.encode(piece));
  const stream = (): ReadableStream<Uint8Array> =>
    new ReadableStream({
      start(controller) {
        for (const piece of pieces) controller.enqueue(piece);
        controller.close();
      },
    });
  const headers = { 'content-type': contentType, 'x-request-id': 'req_bench' };
  return () => Promise.resolve(new Response(pieces.length === 1 ? pieces[0] : stream(), { status: 200, headers }));
}

/**
 * An OpenAI client (of the ESM build, or of `Client`, e.g. a CommonJS copy) whose `fetch` is {@link fakeFetch}:
 * a benchmark of it measures the SDK's and the chain's CPU alone. Settings as the adapter's own clients.
 */
export function fetchFreeClient(body: string | readonly string[], contentType: string, Client: typeof OpenAI = OpenAI): OpenAI {
  return new Client({ apiKey: 'sk-bench-unused', baseURL: FETCH_FREE_BASE_URL, maxRetries: 0, timeout: 60_000, fetch: fakeFetch(body, contentType) });
}

/** The base URL fetch-free clients are given: never resolved, `fakeFetch` answers first. */
export const FETCH_FREE_BASE_URL = 'http://fetch-free.invalid/v1';
export const JSON_TYPE = 'application/json';
export const SSE_TYPE = 'text/event-stream; charset=utf-8';
