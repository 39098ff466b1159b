// What the ElevenLabs adapter needs from an SDK, whichever generation drives it: one implementation per SDK
// (`legacy-elevenlabs-sdk.ts` for `elevenlabs` 1.59, `elevenlabs-js-sdk.ts` for `@elevenlabs/elevenlabs-js` 2.x).

/**
 * The ElevenLabs SDK packages the adapter can drive: the successor `@elevenlabs/elevenlabs-js` (2.x, credits
 * reported from `character-cost`) and the seed `elevenlabs` (1.59, credits estimated).
 *
 * @example
 * ```ts
 * const sdk: ElevenLabsSdkName = '@elevenlabs/elevenlabs-js';
 * const adapter = elevenlabs({ sdk });
 * ```
 */
export type ElevenLabsSdkName = '@elevenlabs/elevenlabs-js' | 'elevenlabs';

/** Every SDK name {@link ElevenLabsSdkName} allows, successor first (the default when both load). */
export const ELEVENLABS_SDK_NAMES: readonly ElevenLabsSdkName[] = ['@elevenlabs/elevenlabs-js', 'elevenlabs'];

/** A text-to-speech request in the API's own (wire, snake_case) terms. */
export interface SpeechParams {
  readonly voice: string;
  readonly text: string;
  readonly model: string;
  readonly format: string;
  /** `providerOptions.elevenlabs`, keys in the API's snake_case (body fields and the query's `enable_logging`, …). */
  readonly extra: Readonly<Record<string, unknown>>;
}

/** A speech-to-text request in the API's own terms. */
export interface TranscribeParams {
  readonly file: File;
  readonly model: string;
  readonly language: string | undefined;
  /** `providerOptions.elevenlabs`, keys in the API's snake_case. */
  readonly extra: Readonly<Record<string, unknown>>;
}

/** Per-request options: the signal (our timeout and the caller's abort) and the SDK's own timer. */
export interface DriverRequest {
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
}

/** Audio as it arrives, with the reply headers when the SDK exposes them (2.x; 1.59 does not). */
export interface AudioReply {
  readonly audio: AsyncIterable<Uint8Array>;
  readonly headers: Headers | undefined;
}

/** A transcript, normalized from either SDK's casing. */
export interface TranscriptReply {
  readonly text: string;
  readonly language: string | undefined;
  /** `audio_duration_secs`, when the reply has it. */
  readonly durationSeconds: number | undefined;
  readonly raw: unknown;
  readonly headers: Headers | undefined;
}

/** One SDK client behind the operations the adapter uses. */
export interface ElevenLabsDriver {
  readonly sdk: ElevenLabsSdkName;
  /** `POST /v1/text-to-speech/{voice}`. */
  speak(params: SpeechParams, request: DriverRequest): Promise<AudioReply>;
  /** `POST /v1/text-to-speech/{voice}/stream`. */
  stream(params: SpeechParams, request: DriverRequest): Promise<AudioReply>;
  /** `POST /v1/speech-to-text` (multipart). */
  transcribe(params: TranscribeParams, request: DriverRequest): Promise<TranscriptReply>;
  /** `GET /v1/user/subscription`, as the SDK returned it. */
  subscription(request: DriverRequest): Promise<unknown>;
}

/** Query fields of the TTS endpoints: the SDKs move them out of the body. */
export const SPEECH_QUERY_FIELDS: ReadonlySet<string> = new Set(['enable_logging', 'optimize_streaming_latency', 'output_format']);

/** `voiceSettings` → `voice_settings`, deep: the API's casing, whichever casing the caller used. */
export function toSnakeCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toSnakeCase);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = toSnakeCase(item);
  return out;
}

/** `language_code` → `languageCode`, top level only (the 2.x SDK's multipart request fields). */
export function toCamelCaseKeys(value: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())] = item;
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
