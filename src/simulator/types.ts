/**
 * The three providers the simulator speaks for.
 *
 * @example
 * ```ts
 * const count = (provider: SimulatedProvider) => sim.requests.filter((r) => r.provider === provider).length;
 * console.log(count('openai'), count('gemini'), count('elevenlabs'));
 * ```
 */
export type SimulatedProvider = 'openai' | 'gemini' | 'elevenlabs';

/**
 * What a request asked for, named like aimeter's own operations where one exists.
 * `unknown` is a path no route matched.
 *
 * @example
 * ```ts
 * const operation: SimulatedOperation = 'streamChat';
 * sim.fault({ match: { provider: 'gemini', operation }, action: { cutAfterChunks: 3 } });
 * ```
 */
export type SimulatedOperation =
  | 'chat'
  | 'streamChat'
  | 'embed'
  | 'batchEmbed'
  | 'speak'
  | 'streamSpeak'
  | 'transcribe'
  | 'streamTranscribe'
  | 'countTokens'
  | 'subscription'
  | 'user'
  | 'unknown';

/**
 * A provider error as it goes on the wire: what a status fault sends and what the error helpers build.
 *
 * @example
 * ```ts
 * const overloaded: ErrorReply = { status: 503, body: { error: { message: 'Overloaded' } }, headers: { 'retry-after': '2' } };
 * sim.fault({ match: { provider: 'openai' }, times: 1, action: overloaded });
 * ```
 */
export interface ErrorReply {
  /** HTTP status. */
  readonly status: number;
  /** JSON body (a string is sent verbatim). */
  readonly body?: unknown;
  /** Extra response headers. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Per-key OpenAI limits. Every key gets its own counters with these limits.
 *
 * @example
 * ```ts
 * const openai: OpenAIQuotas = { rpm: 3, tpm: 10_000, insufficientQuotaKeys: ['sk-no-credit'] };
 * const sim = await startSimulator({ quotas: { openai } });
 * ```
 */
export interface OpenAIQuotas {
  /** Requests per rolling minute per key, all endpoints. @default unlimited */
  readonly rpm?: number;
  /** Tokens (prompt + completion) per rolling minute per key, chat and embeddings. @default unlimited */
  readonly tpm?: number;
  /** Keys whose account has no credit left: every request gets 429 `insufficient_quota`. @default [] */
  readonly insufficientQuotaKeys?: readonly string[];
}

/**
 * Gemini request limits for one model.
 *
 * @example
 * ```ts
 * const pro: GeminiModelQuota = { rpm: 5, rpd: 100 };
 * const sim = await startSimulator({ quotas: { gemini: { rpm: 15, models: { 'gemini-2.5-pro': pro } } } });
 * ```
 */
export interface GeminiModelQuota {
  /** generateContent + streamGenerateContent requests per rolling minute. @default unlimited */
  readonly rpm?: number;
  /** Requests per Pacific day (resets at midnight America/Los_Angeles). @default unlimited */
  readonly rpd?: number;
}

/**
 * Per-key, per-model Gemini limits (as the free tier counts them).
 *
 * @example
 * ```ts
 * const gemini: GeminiQuotas = { rpm: 10, rpd: 250, models: { 'gemini-2.5-pro': { rpm: 5, rpd: 100 } } };
 * const sim = await startSimulator({ quotas: { gemini } });
 * ```
 */
export interface GeminiQuotas extends GeminiModelQuota {
  /** Overrides for named models, e.g. `{ 'gemini-2.5-pro': { rpm: 5, rpd: 100 } }`. @default {} */
  readonly models?: Readonly<Record<string, GeminiModelQuota>>;
}

/**
 * Per-key ElevenLabs account.
 *
 * @example
 * ```ts
 * const elevenlabs: ElevenLabsQuotas = { characterLimit: 30_000, anchorDay: 15, concurrency: 2, tier: 'starter' };
 * const sim = await startSimulator({ quotas: { elevenlabs } });
 * ```
 */
export interface ElevenLabsQuotas {
  /** Credits per billing cycle (reported as `character_limit`). @default 10_000_000 (effectively unlimited) */
  readonly characterLimit?: number;
  /** Day of the month (UTC, clamped to short months) on which the cycle resets. @default 1 */
  readonly anchorDay?: number;
  /** Concurrent text-to-speech requests per key; one more gets 429. @default unlimited */
  readonly concurrency?: number;
  /** Reported `tier`. @default 'creator' */
  readonly tier?: string;
}

/**
 * Account limits the simulator enforces itself, like the real services. Unlimited by default.
 *
 * @example
 * ```ts
 * const quotas: SimulatorQuotas = { openai: { rpm: 60 }, gemini: { rpd: 100 }, elevenlabs: { characterLimit: 10_000 } };
 * const sim = await startSimulator({ quotas });
 * ```
 */
export interface SimulatorQuotas {
  readonly openai?: OpenAIQuotas;
  readonly gemini?: GeminiQuotas;
  readonly elevenlabs?: ElevenLabsQuotas;
}

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
 * What a fault rule applies to; every given field must match.
 *
 * @example
 * ```ts
 * const match: FaultMatch = { provider: 'gemini', operation: 'chat', model: 'gemini-2.5-flash' };
 * sim.fault({ match, action: { status: 503 } });
 * ```
 */
export interface FaultMatch {
  readonly provider?: SimulatedProvider;
  readonly operation?: SimulatedOperation;
  /** Exact path (without query) or a pattern tested against it. */
  readonly path?: string | RegExp;
  /** The full key value the request carries. */
  readonly key?: string;
  readonly model?: string;
}

/**
 * What a fault does instead of (or on top of) the normal answer.
 *
 * @example
 * ```ts
 * const flaky: FaultAction[] = [{ status: 500 }, { delayMs: 2_000 }, { reset: true }, { errorAfterChunks: 2, error: { status: 503 } }, { malformed: true }];
 * for (const action of flaky) sim.fault({ match: { provider: 'openai' }, times: 1, action }); // one per request, in order
 * ```
 */
export type FaultAction =
  | ErrorReply
  | { readonly delayMs: number }
  | { readonly hang: true }
  | { readonly reset: true }
  | { readonly cutAfterChunks: number }
  | { readonly errorAfterChunks: number; readonly error?: ErrorReply }
  | { readonly malformed: true };

/**
 * A scripted fault. Rules are checked in the order they were added; the first match applies.
 *
 * @example
 * ```ts
 * const rule: FaultRule = { match: { provider: 'openai', operation: 'chat' }, times: 2, action: { status: 429 } };
 * const remove = sim.fault(rule); // the next two OpenAI chat requests get 429
 * remove(); // or retire it early
 * ```
 */
export interface FaultRule {
  /** @default every request */
  readonly match?: FaultMatch;
  /** Apply to the next N matching requests, then retire. @default unlimited */
  readonly times?: number;
  /**
   * `status`: send this error (provider-shaped default body if none). `delayMs`: wait, then answer normally.
   * `hang`: never answer. `reset`: destroy the socket. `cutAfterChunks`: send N body chunks, then destroy the socket.
   * `errorAfterChunks`: send N events of an event stream (fewer if it has fewer), then, still under the 200, one
   * `data:` event holding `error`'s body (provider-shaped default for its status, 500 if none; its headers are
   * ignored), and end the stream: how Gemini reports a failure mid-stream (`{"error":{"code":503,…,"status":
   * "UNAVAILABLE"}}`). A reply that is not an event stream gets `error` as a plain status reply instead.
   * `malformed`: 200 with a corrupt body.
   */
  readonly action: FaultAction;
}

/**
 * The kind of fault that was applied to a request.
 *
 * @example
 * ```ts
 * sim.fault({ times: 1, action: { reset: true } });
 * await ai.chat({ model: 'openai:gpt-4o-mini', messages }).catch(() => undefined);
 * const applied: AppliedFault | undefined = sim.requests.at(-1)?.fault; // 'reset'
 * ```
 */
export type AppliedFault = 'status' | 'delay' | 'hang' | 'reset' | 'cut' | 'stream-error' | 'malformed';

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
 * const ai = createAIClient({ providers: { openai: openai({ baseURL: sim.openaiBaseURL }) }, keys: { openai: 'sk-test' } });
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
  /** `url`, without a trailing slash (`@google/generative-ai` would otherwise request `//v1beta`). */
  readonly geminiBaseUrl: string;
  /** `url`. */
  readonly elevenlabsBaseUrl: string;
  /** The request log, in arrival order. Entries update while their response is in flight. */
  readonly requests: readonly SimulatedRequest[];
  /** Adds a fault rule; returns a function that removes it. */
  fault(rule: FaultRule): () => void;
  /** Removes every fault rule. */
  clearFaults(): void;
  /** Clears the log, the faults, the quota counters and the prompt cache. */
  reset(): void;
  /** Resolves once every request received so far has finished or been closed. */
  settled(): Promise<void>;
  /** Stops listening and destroys open sockets. Never hangs. */
  close(): Promise<void>;
}
