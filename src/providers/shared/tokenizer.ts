import type { Worker } from 'node:worker_threads';
import { estimateTokens } from '../../estimate-tokens.js';
import type { TokenCounting } from '../../token-counting.js';
import { TOKEN_ENCODINGS, type TokenEncoding } from './token-encoding.js';
import { THREAD_SOURCE, type ThreadData, type ThreadMessage, type ThreadReply } from './tokenizer-thread.js';

// The longest a cut stream's exact count may take (the table still building on a loaded machine) before the
// word count stands in: its usage event is never lost to a shutdown's deadline (`closeTimeoutMs`, 10 s).
const EXACT_DEADLINE_MS = 5_000;

let thread: Promise<Worker | undefined> | undefined;
const ready = new Set<TokenEncoding>();
const loading = new Set<TokenEncoding>();
const pending = new Map<number, (counts: number[] | undefined) => void>();
let nextId = 0;
let warned = false;

/**
 * Starts loading an encoding's rank table, so that {@link countCutTokens} can count exactly, and soon, when a stream is cut.
 * The table (`BpeCounter`: js-tiktoken's ranks held as bytes and an integer hash, 4.9 MB for `o200k_base`,
 * 2.4 MB for `cl100k_base`, a fraction of a second to build) is built in a worker thread that also does the
 * counting, so neither ever blocks the caller's event loop; the thread and both tables add ~22 MB of RSS. The
 * thread is started on first use and kept; it never holds the process open while idle or loading.
 *
 * @param encoding - the model's, from `encodingFor`
 * @param mode - the client's `tokenCounting`: only `'exact'` loads anything @default 'exact'
 *
 * @example
 * ```ts
 * preloadTokenizer(encodingFor('openai', call.model)); // as a stream starts
 * ```
 */
export function preloadTokenizer(encoding: TokenEncoding, mode: TokenCounting = 'exact'): void {
  if (mode !== 'exact' || ready.has(encoding) || loading.has(encoding)) return;
  loading.add(encoding);
  void start().then((worker) => worker?.postMessage({ kind: 'load', encoding } satisfies ThreadMessage));
}

/**
 * Counts the tokens of each text, waiting for the encoding's table if it is still loading: for usage no reply
 * carries (Gemini embeddings). Never rejects: if the thread or the table cannot be loaded, the counts come from
 * {@link estimateTokens} and a process warning `AIMETER_TOKENIZER_UNAVAILABLE` says so, once.
 *
 * @param texts - the texts, each counted on its own
 * @param encoding - the model's, from `encodingFor`
 * @returns one count per text
 *
 * @example
 * ```ts
 * const counts = await countTokens(inputs, 'o200k_base');
 * ```
 */
export async function countTokens(texts: readonly string[], encoding: TokenEncoding): Promise<number[]> {
  if (texts.every((text) => text === '')) return texts.map(() => 0);
  const worker = await start();
  const counts = worker
    ? await new Promise<number[] | undefined>((resolve) => {
        const id = ++nextId;
        pending.set(id, resolve);
        // Held open while a count is owed, so that awaiting one never lets the process exit under it.
        worker.ref();
        worker.postMessage({ kind: 'count', id, encoding, texts } satisfies ThreadMessage);
      })
    : undefined;
  return counts ?? texts.map(estimateTokens);
}

/**
 * Counts the tokens of a cut stream's texts as `mode` says, never blocking the caller's thread: `'exact'` on the
 * tokenizer thread ({@link countTokens}: the answer comes by message, after the encoding's table is built if it
 * was still loading; past 5 s, on a machine too loaded to build it, the word count stands in), `'fast'` with
 * {@link estimateTokens} inline, `'off'` not at all (`undefined`: the figures are `missing`).
 *
 * @param texts - the texts, each counted on its own
 * @param encoding - the model's, from `encodingFor`
 * @param mode - the client's `tokenCounting` @default 'exact'
 * @param deadlineMs - how long an `'exact'` count may take before the word count stands in @default 5000
 * @returns one count per text, or undefined when counting is off
 *
 * @example
 * ```ts
 * const counts = await countCutTokens([promptText, receivedText], encoding, call.tokenCounting);
 * ```
 */
export function countCutTokens(texts: readonly string[], encoding: TokenEncoding, mode: TokenCounting = 'exact', deadlineMs = EXACT_DEADLINE_MS): Promise<number[] | undefined> {
  if (mode === 'off') return Promise.resolve(undefined);
  if (mode === 'fast') return Promise.resolve(texts.map(estimateTokens));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<number[]>((resolve) => {
    // Checked after pending I/O (setImmediate): when this thread's loop was late past the deadline (a loaded
    // machine), the thread's reply already waiting is read first and wins, rather than losing to the timer.
    timer = setTimeout(() => setImmediate(() => resolve(texts.map(estimateTokens))), deadlineMs);
    timer.unref();
  });
  return Promise.race([countTokens(texts, encoding), late]).finally(() => clearTimeout(timer));
}

function start(): Promise<Worker | undefined> {
  thread ??= spawn();
  return thread;
}

async function spawn(): Promise<Worker | undefined> {
  try {
    const { Worker } = await import('node:worker_threads');
    const workerData: ThreadData = { base: import.meta.url, encodings: TOKEN_ENCODINGS };
    // No inherited flags: the caller's `--import` hooks (tsx, tracing) have nothing to do in this thread. A small
    // young generation: counting a long text allocates its pieces, and V8's default lets that grow to ~16 MB of
    // RSS the thread keeps; with 2 MB the thread's growth after counting is ~5 MB, at no measurable cost in speed.
    const worker = new Worker(THREAD_SOURCE, { eval: true, workerData, execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: 2 } });
    worker.on('message', (reply: ThreadReply) => receive(worker, reply));
    const stop = (reason: unknown): void => {
      thread = Promise.resolve(undefined);
      ready.clear();
      unavailable(reason instanceof Error ? reason.message : `the tokenizer thread exited (${String(reason)})`);
      for (const resolve of pending.values()) resolve(undefined);
      pending.clear();
    };
    worker.on('error', stop);
    worker.on('exit', stop);
    // After the listeners: adding a 'message' listener refs the worker again.
    worker.unref();
    return worker;
  } catch (error) {
    unavailable(error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

function receive(worker: Worker, reply: ThreadReply): void {
  if (reply.kind === 'loaded') {
    ready.add(reply.encoding);
    return;
  }
  if (reply.kind === 'failed') unavailable(reply.error);
  const id = reply.id;
  if (id === undefined) return;
  const resolve = pending.get(id);
  pending.delete(id);
  if (pending.size === 0) worker.unref();
  resolve?.(reply.kind === 'counts' ? reply.counts : undefined);
}

function unavailable(reason: string): void {
  if (warned) return;
  warned = true;
  process.emitWarning(`aimeter: token estimates fall back to a word count: ${reason}`, { code: 'AIMETER_TOKENIZER_UNAVAILABLE' });
}
