import type OpenAI from 'openai';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { inProcessFetch, type CannedReply } from '../shared/in-process-fetch.js';
import { openAIChat } from './chat-completion.js';
import { streamOpenAIChat } from './stream-chat.js';

/**
 * A chat completion reply in the shape of OpenAI's documented example (the "chat completion object" of
 * https://platform.openai.com/docs/api-reference/chat/object), with the headers a real reply carries that the
 * adapter reads (`x-request-id`, `openai-processing-ms`, the `x-ratelimit-*` windows).
 */
const CHAT_REPLY: CannedReply = {
  status: 200,
  headers: {
    'content-type': 'application/json',
    'x-request-id': 'req_aimeter_warm_up',
    'openai-processing-ms': '1',
    'x-ratelimit-limit-requests': '10000',
    'x-ratelimit-remaining-requests': '9999',
    'x-ratelimit-reset-requests': '6ms',
  },
  body: JSON.stringify({
    id: 'chatcmpl-warm-up',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [{ index: 0, message: { role: 'assistant', content: 'Hello!', refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' }],
    usage: {
      prompt_tokens: 9,
      completion_tokens: 2,
      total_tokens: 11,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
    service_tier: 'default',
    system_fingerprint: 'fp_warm_up',
  }),
};

/** A chunk of a streamed chat completion (https://platform.openai.com/docs/api-reference/chat-streaming). */
const chunk = (delta: object, finish: string | null, usage: object | null = null): string =>
  `data: ${JSON.stringify({ id: 'chatcmpl-warm-up', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-4o-mini-2024-07-18', system_fingerprint: 'fp_warm_up', choices: usage ? [] : [{ index: 0, delta, logprobs: null, finish_reason: finish }], usage })}\n\n`;

/** A streamed chat completion as OpenAI sends it with `stream_options.include_usage`: the usage chunk last. */
const STREAM_REPLY: CannedReply = {
  status: 200,
  headers: { 'content-type': 'text/event-stream; charset=utf-8', 'x-request-id': 'req_aimeter_warm_up', 'openai-processing-ms': '1' },
  body: [
    chunk({ role: 'assistant', content: '', refusal: null }, null),
    chunk({ content: 'Hello' }, null),
    chunk({ content: '!' }, null),
    chunk({}, 'stop'),
    chunk({}, null, { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 }),
    'data: [DONE]\n\n',
  ].join(''),
};

/** How long the warm-up may take before it is given up (it never delays a call: calls do not wait for it). */
const WARM_UP_LIMIT_MS = 5_000;

/**
 * Runs the code of a first chat completion, then of a first streamed one, ahead of time, so the first real call does not compile it while the
 * caller's event loop waits: an SDK client built as the adapter builds its own, the adapter's request body and
 * reply reading, the SDK's request building and reply parsing, and Node's `fetch` (undici) down to its HTTP/1.1
 * parser, all through {@link inProcessFetch}: no socket, no packet, no key (a placeholder the SDK requires),
 * no usage event (the adapter's functions emit none; the chain is not involved). Each step runs in a turn of the
 * loop of its own. Never rejects: any failure (an SDK or Node version this does not fit) only leaves the code
 * cold, and the warm-up is abandoned after 5 s.
 *
 * @returns how many of the two warm-up completions ran to the end (2 where everything fits)
 *
 * @param createClient - builds an SDK client with the given `fetch`, as the adapter builds its clients
 *
 * @example
 * ```ts
 * const { default: OpenAIClient } = await import('openai');
 * const warmed = await warmOpenAIChat((fetch) => new OpenAIClient({ apiKey: 'placeholder', maxRetries: 0, fetch })); // 2
 * ```
 */
export async function warmOpenAIChat(createClient: (fetch: typeof globalThis.fetch) => OpenAI): Promise<number> {
  const messages = [{ role: 'user' as const, content: 'Hello there' }];
  const call = { model: 'gpt-4o-mini', request: { model: 'openai:gpt-4o-mini' as const, messages }, key: undefined, tokenCounting: 'off' as const };
  const chat = await warmWith(CHAT_REPLY, createClient, (client, signal) => openAIChat(client, { ...call, signal }));
  const streamed = await warmWith(STREAM_REPLY, createClient, async (client, signal) => {
    const { stream, final } = await streamOpenAIChat(client, { ...call, signal });
    for await (const _delta of stream);
    if ((await final).outcome !== 'ok') throw new Error('the warm-up stream did not end');
  });
  return Number(chat) + Number(streamed);
}

/**
 * One warm-up request: a client over an in-process fetch answering `reply`, then `run`, each in a turn of its
 * own. Whether it ran to the end.
 */
async function warmWith(reply: CannedReply, createClient: (fetch: typeof globalThis.fetch) => OpenAI, run: (client: OpenAI, signal: AbortSignal) => Promise<unknown>): Promise<boolean> {
  await nextTurn();
  const local = inProcessFetch(reply);
  if (!local) return false;
  try {
    await nextTurn();
    const client = createClient(local.fetch);
    await nextTurn();
    await run(client, AbortSignal.timeout(WARM_UP_LIMIT_MS));
    return true;
  } catch {
    // Warming only: the code stays cold; the first real call reports any real failure.
    return false;
  } finally {
    local.close();
  }
}
