import type { ElevenLabsClient as SeedClient } from 'elevenlabs';
import type { ElevenLabsClient as SuccessorClient } from '@elevenlabs/elevenlabs-js';
import { assertKnownKeys } from '../../config/known-keys.js';
import { ConfigError } from '../../errors/config-error.js';
import { ELEVENLABS_SDK_NAMES, type ElevenLabsDriver, type ElevenLabsSdkName } from './elevenlabs-sdk.js';
import { driverForClient } from './load-elevenlabs-sdk.js';

/**
 * Options of {@link elevenlabs}.
 *
 * @example
 * ```ts
 * const options: ElevenLabsOptions = { baseURL: sim.elevenlabsBaseURL, timeoutMs: 30_000 };
 * ```
 */
export interface ElevenLabsOptions {
  /** Origin of the API (the offline simulator's `elevenlabsBaseUrl`). @default 'https://api.elevenlabs.io' */
  readonly baseURL?: string;
  /**
   * The SDK to drive: `@elevenlabs/elevenlabs-js` (2.x: credits `reported` from the `character-cost` header) or
   * `elevenlabs` (1.59: credits `estimated`, it hides the reply headers). One that is not installed is an
   * `SdkMissingError` on the first call.
   * @default '@elevenlabs/elevenlabs-js' when it can be loaded, else 'elevenlabs'
   */
  readonly sdk?: ElevenLabsSdkName;
  /**
   * A client you built (`new ElevenLabsClient(...)` from `@elevenlabs/elevenlabs-js` 2.x or `elevenlabs` 1.59,
   * recognised by shape; `sdk` is then ignored); no key is resolved for its calls. Turn its retries off
   * yourself (`maxRetries: 0` in 2.x's options): aimeter's retry layer decides on retries.
   * @default a client per resolved key
   */
  readonly client?: SeedClient | SuccessorClient;
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
  readonly sdk: ElevenLabsSdkName | undefined;
  /** The driver over the user's client, when one was given. */
  readonly driver: ElevenLabsDriver | undefined;
  readonly timeoutMs: number;
  readonly creditsPerCharacter: Readonly<Record<string, number>>;
}

const KNOWN = ['baseURL', 'sdk', 'client', 'timeoutMs', 'creditsPerCharacter'];

/** Checks the options, naming the bad field in a {@link ConfigError}. */
export function resolveElevenLabsOptions(options: ElevenLabsOptions | undefined): ResolvedElevenLabsOptions {
  if (options === undefined) return { baseUrl: undefined, sdk: undefined, driver: undefined, timeoutMs: 60_000, creditsPerCharacter: {} };
  if (typeof options !== 'object' || options === null) throw new ConfigError('elevenlabs', 'expected an options object');
  assertKnownKeys(options, KNOWN, 'elevenlabs');
  const { baseURL, sdk, client, timeoutMs = 60_000, creditsPerCharacter = {} } = options;
  if (baseURL !== undefined && (typeof baseURL !== 'string' || !URL.canParse(baseURL))) {
    throw new ConfigError('elevenlabs.baseURL', 'expected an absolute URL such as http://127.0.0.1:8787');
  }
  if (sdk !== undefined && !ELEVENLABS_SDK_NAMES.includes(sdk)) {
    throw new ConfigError('elevenlabs.sdk', `expected ${ELEVENLABS_SDK_NAMES.map((n) => `'${n}'`).join(' or ')}`);
  }
  const driver = client === undefined ? undefined : driverForClient(client);
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
  return { baseUrl: baseURL, sdk, driver, timeoutMs, creditsPerCharacter };
}
