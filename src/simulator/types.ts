// The simulator's options, its request log and its handle; the wire vocabulary lives in call-, fault- and quota-types.
import type { SimulatedOperation, SimulatedProvider } from './call-types.js';
import type { AppliedFault, FaultRule } from './fault-types.js';
import type { SimulatorQuotas } from './quota-types.js';
import type { ReplayRule } from './recorded-reply-types.js';

export type { ErrorReply, SimulatedOperation, SimulatedProvider } from './call-types.js';
export type { AppliedFault, FaultAction, FaultMatch, FaultRule } from './fault-types.js';
export type { RecordedReply, ReplayRule } from './recorded-reply-types.js';
export type { ElevenLabsQuotas, GeminiModelQuota, GeminiQuotas, OpenAIQuotas, SimulatorQuotas } from './quota-types.js';

/**
 * Which API keys the simulator accepts.
 *
 * @example
 * ```ts
 * const keys: SimulatorKeys = { accept: (key) => key.startsWith('sk-test-'), reject: ['sk-test-revoked'] };
 * const sim = await startSimulator({ keys });
 * ```
 */
export interface SimulatorKeys {
  /** Accepted keys: a list, or a predicate. @default any non-empty key */
  readonly accept?: readonly string[] | ((key: string) => boolean);
  /** Keys always refused as invalid, checked first. @default [] */
  readonly reject?: readonly string[];
  /** ElevenLabs keys scoped without `user_read`: 401 `missing_permissions` on `/v1/user*`. @default [] */
  readonly elevenlabsWithoutUserRead?: readonly string[];
}

/**
 * Options of {@link startSimulator}.
 *
 * @example
 * ```ts
 * const options: SimulatorOptions = { port: 8787, latencyMs: 50, chunkIntervalMs: 10, replyWords: 20 };
 * const sim = await startSimulator(options);
 * ```
 */
export interface SimulatorOptions {
  /** Port to bind on 127.0.0.1. @default 0 (a random free port) */
  readonly port?: number;
  /** Clock for quotas, windows and timestamps, in epoch ms. @default Date.now */
  readonly now?: () => number;
  /** Delay before each response head, in ms. @default 0 */
  readonly latencyMs?: number;
  /** Pause between stream chunks (SSE events, audio chunks), in ms. @default 0 */
  readonly chunkIntervalMs?: number;
  /** Accepted and rejected keys. @default any non-empty key accepted */
  readonly keys?: SimulatorKeys;
  /** Account limits. @default unlimited */
  readonly quotas?: SimulatorQuotas;
  /** Words in the deterministic chat reply, before `max_tokens` / `maxOutputTokens` caps it. @default 12 */
  readonly replyWords?: number;
}

/**
 * One HTTP request as the simulator saw it. Never holds a key value, only its fingerprint.
 *
 * @example
 * ```ts
 * await sim.settled();
 * const last: SimulatedRequest | undefined = sim.requests.at(-1);
 * console.log(last?.operation, last?.model, last?.status, last?.keyFingerprint, last?.usage);
 * ```
 */
export interface SimulatedRequest {
  /** Sequence number, from 1. */
  readonly id: number;
  /** Arrival time by the simulator clock (epoch ms). */
  readonly time: number;
  readonly provider: SimulatedProvider;
  readonly operation: SimulatedOperation;
  readonly method: string;
  /** Path and query, with any `key=` value redacted. */
  readonly path: string;
  /** Request headers; `authorization`, `x-goog-api-key` and `xi-api-key` replaced by the key fingerprint. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON body, or a summary for multipart / binary bodies. */
  readonly body: unknown;
  /** Model named by the path or body, if any. */
  readonly model: string | undefined;
  /** `x-stainless-retry-count` (openai-node), if sent. */
  readonly retryCount: number | undefined;
  /** Fingerprint of the key (see {@link keyFingerprint}), if one was sent. */
  readonly keyFingerprint: string | undefined;
  /** Status sent, or undefined if no response head went out (hang, reset, client gone first). */
  readonly status: number | undefined;
  /** The usage object the simulator put on the wire, exactly, if any reached the wire. */
  readonly usage: unknown;
  /** Body chunks written (SSE events, audio chunks; a JSON body counts as one). */
  readonly chunksSent: number;
  /** The client disconnected before the response finished. */
  readonly clientClosedEarly: boolean;
  /** The fault applied, if any. */
  readonly fault: AppliedFault | undefined;
}

/**
 * A running simulator.
 *
 * @example
 * ```ts
 * const sim: Simulator = await startSimulator({ chunkIntervalMs: 5 });
 * const ai = createAIClient({ providers: { openai: openai({ baseURL: sim.openaiBaseURL }) }, keys: { byProvider: { openai: 'sk-test' } } });
 * await ai.chat({ model: 'openai:gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
 * console.log(sim.requests.length); // 1
 * await sim.close();
 * ```
 */
export interface Simulator {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** `url + '/v1'`: openai-node needs `/v1` in its base URL. */
  readonly openaiBaseURL: string;
  /** `url`, without a trailing slash (`@google/generative-ai` would otherwise request `//v1beta`): `gemini({ baseURL })`. */
  readonly geminiBaseURL: string;
  /** `url`: `elevenlabs({ baseURL })`. */
  readonly elevenlabsBaseURL: string;
  /** @deprecated The same as {@link Simulator.geminiBaseURL}, the spelling the adapters' `baseURL` option uses. */
  readonly geminiBaseUrl: string;
  /** @deprecated The same as {@link Simulator.elevenlabsBaseURL}, the spelling the adapters' `baseURL` option uses. */
  readonly elevenlabsBaseUrl: string;
  /** The request log, in arrival order. Entries update while their response is in flight. */
  readonly requests: readonly SimulatedRequest[];
  /** Adds a fault rule; returns a function that removes it. */
  fault(rule: FaultRule): () => void;
  /** Removes every fault rule. */
  clearFaults(): void;
  /** Answers matching requests with a recorded reply (see {@link ReplayRule}); returns a function that removes the rule. */
  replay(rule: ReplayRule): () => void;
  /** Clears the log, the faults, the replay rules, the quota counters and the prompt cache. */
  reset(): void;
  /** Resolves once every request received so far has finished or been closed. */
  settled(): Promise<void>;
  /** Stops listening and destroys open sockets. Never hangs. */
  close(): Promise<void>;
}
