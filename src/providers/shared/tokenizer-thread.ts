import type { TokenEncoding } from './token-encoding.js';

/**
 * A message to the tokenizer thread. `load` builds an encoding's table ahead of need; `count` answers by
 * message (the caller's thread never waits on the tokenizer thread).
 *
 * @example
 * ```ts
 * worker.postMessage({ kind: 'count', id: 7, encoding: 'o200k_base', texts: ['Hello, world!'] } satisfies ThreadMessage);
 * ```
 */
export type ThreadMessage =
  | { readonly kind: 'load'; readonly encoding: TokenEncoding }
  | { readonly kind: 'count'; readonly id: number; readonly encoding: TokenEncoding; readonly texts: readonly string[] };

/**
 * A message from the tokenizer thread: an encoding is ready (or could not be loaded), or the answer to a `count`.
 *
 * @example
 * ```ts
 * worker.on('message', (reply: ThreadReply) => (reply.kind === 'loaded' ? ready.add(reply.encoding) : undefined));
 * ```
 */
export type ThreadReply =
  | { readonly kind: 'loaded'; readonly encoding: TokenEncoding }
  | { readonly kind: 'failed'; readonly encoding: TokenEncoding; readonly error: string; readonly id?: number }
  | { readonly kind: 'counts'; readonly id: number; readonly counts: number[] };

/**
 * What the thread is started with: where to resolve js-tiktoken from, and the encodings it may load.
 *
 * @example
 * ```ts
 * const workerData: ThreadData = { base: import.meta.url, encodings: TOKEN_ENCODINGS };
 * ```
 */
export interface ThreadData {
  readonly base: string;
  readonly encodings: readonly TokenEncoding[];
}

/**
 * The tokenizer thread's code, run as an eval worker: plain JavaScript rather than a module file, so that it runs
 * the same from the built package and from TypeScript sources (a worker does not inherit tsx's loader on
 * Node 20). It loads js-tiktoken's CommonJS build, one rank table per encoding on first use, and counts without
 * special tokens: a text that spells one (`<|endoftext|>`) is ordinary text, as the API bills it. Counts of
 * longer texts are kept (512 at most, least recently used out): a conversation resends its history every turn.
 *
 * @example
 * ```ts
 * const worker = new Worker(THREAD_SOURCE, { eval: true, workerData, execArgv: [] });
 * ```
 */
export const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const load = require('node:module').createRequire(workerData.base);
const encoders = new Map();
const kept = new Map();
function encoder(name) {
  if (!encoders.has(name)) {
    if (!workerData.encodings.includes(name)) throw new Error('unknown encoding "' + name + '"');
    encoders.set(name, new (load('js-tiktoken/lite').Tiktoken)(load('js-tiktoken/ranks/' + name)));
    parentPort.postMessage({ kind: 'loaded', encoding: name });
  }
  return encoders.get(name);
}
function count(name, text) {
  if (text.length < 64 || text.length > 8192) return encoder(name).encode(text, [], []).length;
  const key = name + '\\n' + text;
  const known = kept.get(key);
  kept.delete(key);
  const tokens = known ?? encoder(name).encode(text, [], []).length;
  kept.set(key, tokens);
  if (kept.size > 512) kept.delete(kept.keys().next().value);
  return tokens;
}
parentPort.on('message', (message) => {
  try {
    if (message.kind === 'load') return void encoder(message.encoding);
    const counts = message.texts.map((text) => count(message.encoding, text));
    parentPort.postMessage({ kind: 'counts', id: message.id, counts });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    parentPort.postMessage({ kind: 'failed', encoding: message.encoding, error: reason, id: message.id });
  }
});
`;
