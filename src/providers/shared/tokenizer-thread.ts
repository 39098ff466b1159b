import { BpeCounter } from './bpe-counter.js';
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
 * Node 20); it carries `BpeCounter`'s own source. It reads js-tiktoken's rank data for an encoding on first
 * use (dropped once the compact table is built) and counts without special
 * tokens: a text that spells one (`<|endoftext|>`) is ordinary text, as the API bills it. Counts of longer texts
 * are kept by the text's SHA-256 (512 at most, least recently used out): a conversation resends its history every
 * turn.
 *
 * @example
 * ```ts
 * const worker = new Worker(THREAD_SOURCE, { eval: true, workerData, execArgv: [] });
 * ```
 */
export const THREAD_SOURCE = `
// The helper esbuild's keepNames output (tsx) calls in the class's source; the bundle has none.
var __name = (target) => target;
const BpeCounter = (${String(BpeCounter)});
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const load = createRequire(workerData.base);
const counters = new Map();
const kept = new Map();
// js-tiktoken's rank data, read as the JSON it is (the file is \`module.exports = {…};\`) rather than required:
// compiling a 2 MB module leaves ~5 MB of the parser's memory in the process, and a requiring module keeps what
// it loaded (module.children). If the file is not in that form, it is required, by a require of its own.
function rankData(path) {
  const text = readFileSync(path, 'utf8');
  try {
    const data = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1));
    if (typeof data.pat_str === 'string' && typeof data.bpe_ranks === 'string') return data;
  } catch {}
  const data = createRequire(workerData.base)(path);
  delete load.cache[path];
  return data;
}
// One table for encodings with the same ranks and pattern (gpt2 and r50k_base; p50k_base and p50k_edit, whose
// special tokens differ, and are not counted).
const tables = new Map();
function counter(name) {
  if (!counters.has(name)) {
    if (!workerData.encodings.includes(name)) throw new Error('unknown encoding "' + name + '"');
    const data = rankData(load.resolve('js-tiktoken/ranks/' + name));
    const digest = createHash('sha256').update(data.pat_str).update('\\n').update(data.bpe_ranks).digest('base64');
    if (!tables.has(digest)) tables.set(digest, BpeCounter.fromRanks(data));
    counters.set(name, tables.get(digest));
    parentPort.postMessage({ kind: 'loaded', encoding: name });
  }
  return counters.get(name);
}
function count(name, text) {
  if (text.length < 64) return counter(name).count(text);
  const key = name + ' ' + createHash('sha256').update(text).digest('base64');
  const known = kept.get(key);
  kept.delete(key);
  const tokens = known ?? counter(name).count(text);
  kept.set(key, tokens);
  if (kept.size > 512) kept.delete(kept.keys().next().value);
  return tokens;
}
parentPort.on('message', (message) => {
  try {
    if (message.kind === 'load') return void counter(message.encoding);
    const counts = message.texts.map((text) => count(message.encoding, text));
    parentPort.postMessage({ kind: 'counts', id: message.id, counts });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    parentPort.postMessage({ kind: 'failed', encoding: message.encoding, error: reason, id: message.id });
  }
});
`;
