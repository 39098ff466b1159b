import type OpenAI from 'openai';
import { assertKnownKeys } from '../../config/known-keys.js';
import { ConfigError } from '../../errors/config-error.js';

/**
 * Options of {@link openai}.
 *
 * @example
 * ```ts
 * const options: OpenAIOptions = { baseURL: sim.openaiBaseURL, timeoutMs: 30_000 };
 * ```
 */
export interface OpenAIOptions {
  /** API base URL, including `/v1` (the offline simulator's `openaiBaseURL`). @default the SDK's: `OPENAI_BASE_URL`, else 'https://api.openai.com/v1' */
  readonly baseURL?: string;
  /** A client you built; then no key is resolved for OpenAI calls. Its retries are still turned off per request. @default a client per resolved key */
  readonly client?: OpenAI;
  /** Longest wait for a reply head, in ms. @default 60000 */
  readonly timeoutMs?: number;
}

/** The options after validation, with defaults applied. */
export interface ResolvedOpenAIOptions {
  readonly baseURL: string | undefined;
  readonly client: OpenAI | undefined;
  readonly timeoutMs: number;
}

const KNOWN = ['baseURL', 'client', 'timeoutMs'];
const DEFAULT_TIMEOUT_MS = 60_000;

/** Checks the options, naming the bad field in a {@link ConfigError}. */
export function resolveOpenAIOptions(options: OpenAIOptions | undefined): ResolvedOpenAIOptions {
  if (options === undefined) return { baseURL: undefined, client: undefined, timeoutMs: DEFAULT_TIMEOUT_MS };
  if (typeof options !== 'object' || options === null) throw new ConfigError('openai', 'expected an options object');
  assertKnownKeys(options, KNOWN, 'openai');
  const { baseURL, client, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  if (baseURL !== undefined && (typeof baseURL !== 'string' || !URL.canParse(baseURL))) {
    throw new ConfigError('openai.baseURL', 'expected an absolute URL ending in /v1, such as http://127.0.0.1:8787/v1');
  }
  if (client !== undefined && (typeof client !== 'object' || client === null || typeof client.chat?.completions?.create !== 'function' || typeof client.withOptions !== 'function')) {
    throw new ConfigError('openai.client', 'expected an OpenAI instance from the openai package');
  }
  if (typeof timeoutMs !== 'number' || !Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new ConfigError('openai.timeoutMs', 'expected a positive whole number of milliseconds');
  }
  return { baseURL, client, timeoutMs };
}
