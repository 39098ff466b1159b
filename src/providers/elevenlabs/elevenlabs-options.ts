import type { ElevenLabsClient } from 'elevenlabs';
import { assertKnownKeys } from '../../config/known-keys.js';
import { ConfigError } from '../../errors/config-error.js';

/**
 * Options of {@link elevenlabs}.
 *
 * @example
 * ```ts
 * const options: ElevenLabsOptions = { baseURL: sim.elevenlabsBaseUrl, timeoutMs: 30_000 };
 * ```
 */
export interface ElevenLabsOptions {
  /** Origin of the API (the offline simulator's `elevenlabsBaseUrl`). @default 'https://api.elevenlabs.io' */
  readonly baseURL?: string;
  /** A client you built (`new ElevenLabsClient(...)` from `elevenlabs`); then no key is resolved for its calls. @default a client per resolved key */
  readonly client?: ElevenLabsClient;
  /** Longest wait for the reply, or for the next audio chunk, in ms. @default 60000 */
  readonly timeoutMs?: number;
  /**
   * Credits per character by model id, over the built-in table (Flash and Turbo 0.5, others 1): used to compute
   * the credits of a request, because the `elevenlabs` 1.59 SDK cannot read the `character-cost` header.
   * Set it when your plan or voice bills differently. @default {}
   */
  readonly creditsPerCharacter?: Readonly<Record<string, number>>;
}

/** The options after validation, with defaults applied. */
export interface ResolvedElevenLabsOptions {
  readonly baseUrl: string | undefined;
  readonly client: ElevenLabsClient | undefined;
  readonly timeoutMs: number;
  readonly creditsPerCharacter: Readonly<Record<string, number>>;
}

const KNOWN = ['baseURL', 'client', 'timeoutMs', 'creditsPerCharacter'];

/** Checks the options, naming the bad field in a {@link ConfigError}. */
export function resolveElevenLabsOptions(options: ElevenLabsOptions | undefined): ResolvedElevenLabsOptions {
  if (options === undefined) return { baseUrl: undefined, client: undefined, timeoutMs: 60_000, creditsPerCharacter: {} };
  if (typeof options !== 'object' || options === null) throw new ConfigError('elevenlabs', 'expected an options object');
  assertKnownKeys(options, KNOWN, 'elevenlabs');
  const { baseURL, client, timeoutMs = 60_000, creditsPerCharacter = {} } = options;
  if (baseURL !== undefined && (typeof baseURL !== 'string' || !URL.canParse(baseURL))) {
    throw new ConfigError('elevenlabs.baseURL', 'expected an absolute URL such as http://127.0.0.1:8787');
  }
  const tts = (client as { textToSpeech?: { convertAsStream?: unknown } } | undefined)?.textToSpeech;
  if (client !== undefined && (typeof client !== 'object' || client === null || typeof tts?.convertAsStream !== 'function')) {
    throw new ConfigError('elevenlabs.client', 'expected an ElevenLabsClient from the elevenlabs package (1.x)');
  }
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new ConfigError('elevenlabs.timeoutMs', 'expected a positive number of milliseconds');
  }
  if (typeof creditsPerCharacter !== 'object' || creditsPerCharacter === null) {
    throw new ConfigError('elevenlabs.creditsPerCharacter', 'expected an object of model id → credits per character');
  }
  for (const [model, factor] of Object.entries(creditsPerCharacter)) {
    if (typeof factor !== 'number' || !Number.isFinite(factor) || factor < 0) {
      throw new ConfigError(`elevenlabs.creditsPerCharacter.${model}`, 'expected a non-negative number of credits per character');
    }
  }
  return { baseUrl: baseURL, client, timeoutMs, creditsPerCharacter };
}
