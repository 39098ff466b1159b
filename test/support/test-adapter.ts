// An in-process ProviderAdapterV1 for testing the chain: every operation, no network, no SDK. Its streams are
// controllable (length, a failure after K chunks, a hold until cancelled) and record how they were ended.
import type { AdapterCall, ProviderAdapterV1 } from '../../src/adapter.js';
import type { CallResult, StreamOutcome } from '../../src/call-result.js';
import { AbortedError } from '../../src/errors/aborted-error.js';
import { ProviderError } from '../../src/errors/provider-error.js';
import type { Operation } from '../../src/operations/operation.js';
import { defineStream } from '../../src/stream/define-stream.js';
import { estimated, reported, type Usage } from '../../src/usage.js';

export interface TestAdapterOptions {
  /** Provider name. @default 'test' */
  readonly provider?: string;
  /** Key variables; empty means no key is resolved. @default [] */
  readonly keyVariables?: readonly string[];
  /** Chunks each stream yields. @default 3 */
  readonly deltas?: number;
  /** A stream throws `streamError` after this many chunks. */
  readonly failAfter?: number;
  /** A stream stops producing after this many chunks until its request is cancelled. */
  readonly holdAfter?: number;
  /** What a failing stream throws. @default a ProviderError kind 'server' */
  readonly streamError?: () => unknown;
  /** Non-stream operations (and stream openings) throw this instead of replying. */
  readonly error?: () => unknown;
  /** Non-stream operations wait until the call's signal aborts, then throw AbortedError. */
  readonly hang?: boolean;
  /** A stream's settle answers after this long (a cut stream's count off the loop). @default settles at once */
  readonly settleDelayMs?: number;
  /** Operations left out of the adapter (unsupported). */
  readonly without?: readonly Operation[];
}

/** What one stream went through. */
export interface StreamProbe {
  /** Chunks the adapter produced. */
  produced: number;
  /** The adapter's cancel() ran (consumer stopped early). */
  cancelled: boolean;
  /** The underlying request's signal was aborted (by cancel() or by the caller's AbortSignal). */
  requestAborted: boolean;
  /** How defineStream settled it. */
  outcome: StreamOutcome | undefined;
}

export interface TestAdapter extends ProviderAdapterV1 {
  /** Every call the adapter received, in order. */
  readonly calls: { operation: Operation; call: AdapterCall }[];
  /** One probe per opened stream. */
  readonly streams: StreamProbe[];
}

export const RAW_ID = 'raw-test-response';

/** Creates a fresh test adapter; each test should use its own. */
export function testAdapter(options: TestAdapterOptions = {}): TestAdapter {
  const provider = options.provider ?? 'test';
  const calls: TestAdapter['calls'] = [];
  const streams: StreamProbe[] = [];

  const reply = async <O>(operation: Operation, call: AdapterCall, output: O, usage: Usage): Promise<CallResult<O>> => {
    calls.push({ operation, call });
    if (options.error) throw options.error();
    if (options.hang) await untilAborted(call.signal);
    return { output, usage, raw: { id: RAW_ID, operation, model: call.model }, status: 200, requestId: `req-${calls.length}`, headers: { 'x-test': '1' } };
  };

  const openStream = <D, O>(operation: Operation, call: AdapterCall, chunk: (i: number) => D, output: (n: number) => O) => {
    calls.push({ operation, call });
    if (options.error) return Promise.reject(options.error());
    const probe: StreamProbe = { produced: 0, cancelled: false, requestAborted: false, outcome: undefined };
    streams.push(probe);
    // Stands for the SDK's HTTP request: aborted by cancel() or by the caller's signal.
    const request = new AbortController();
    request.signal.addEventListener('abort', () => (probe.requestAborted = true), { once: true });
    const onCallerAbort = () => request.abort(call.signal?.reason);
    if (call.signal?.aborted) onCallerAbort();
    call.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const total = options.deltas ?? 3;

    async function* produce(): AsyncGenerator<D> {
      try {
        for (let i = 0; i < total; i++) {
          if (options.holdAfter !== undefined && i === options.holdAfter) await untilAborted(request.signal);
          await nextTick(request.signal);
          if (options.failAfter !== undefined && i === options.failAfter) {
            throw options.streamError ? options.streamError() : new ProviderError('stream cut', { provider, kind: 'server', status: 500 });
          }
          probe.produced++;
          yield chunk(i);
        }
      } finally {
        call.signal?.removeEventListener('abort', onCallerAbort);
      }
    }

    return Promise.resolve(
      defineStream<D, O>({
        chunks: produce(),
        settle: (outcome) => {
          probe.outcome = outcome;
          const tokens = outcome === 'ok' ? reported(probe.produced) : estimated(probe.produced);
          const end = { output: output(probe.produced), usage: { requests: 1, inputTokens: outcome === 'ok' ? reported(5) : estimated(5), outputTokens: tokens }, raw: { id: RAW_ID } };
          const delay = options.settleDelayMs;
          return delay === undefined ? end : new Promise<typeof end>((resolve) => setTimeout(() => resolve(end), delay));
        },
        cancel: () => {
          probe.cancelled = true;
          request.abort(new Error('cancelled by consumer'));
        },
        signal: call.signal,
        status: 200,
        requestId: `req-${calls.length}`,
      }),
    );
  };

  const adapter: TestAdapter = {
    specificationVersion: 'v1',
    provider,
    keyVariables: options.keyVariables ?? [],
    calls,
    streams,
    chat: (call) => reply('chat', call, { text: `echo ${call.model}`, toolCalls: [], finishReason: 'stop' as const }, { requests: 1, inputTokens: reported(5), outputTokens: reported(2) }),
    streamChat: (call) => openStream('streamChat', call, (i) => ({ text: `t${i} ` }), (n) => ({ text: Array.from({ length: n }, (_, i) => `t${i} `).join(''), toolCalls: [], finishReason: 'stop' as const })),
    embed: (call) => reply('embed', call, { embeddings: [[0.1, 0.2]] }, { requests: 1, inputTokens: reported(3) }),
    speak: (call) => reply('speak', call, { audio: new Uint8Array([1, 2, 3]), mediaType: 'audio/mpeg' }, { requests: 1, characters: reported(call.request.text.length) }),
    streamSpeak: (call) => openStream('streamSpeak', call, (i) => new Uint8Array([i]), (n) => ({ bytes: n, mediaType: 'audio/mpeg' })),
    transcribe: (call) => reply('transcribe', call, { text: 'hello', durationSeconds: 1.5 }, { requests: 1, audioSeconds: reported(1.5) }),
  };
  for (const operation of options.without ?? []) delete (adapter as Partial<Record<Operation, unknown>>)[operation];
  return adapter;
}

function untilAborted(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () => reject(new AbortedError('aborted by the test adapter', { cause: signal?.reason }));
    if (signal?.aborted) fail();
    else signal?.addEventListener('abort', fail, { once: true });
  });
}

/** One macrotask per chunk, like bytes arriving from a socket; rejects as soon as the request is aborted. */
function nextTick(signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearImmediate(timer);
      reject(signal.reason as Error);
    };
    const timer = setImmediate(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
