import type { GoogleGenerativeAI } from '@google/generative-ai';
import { assertKnownKeys } from '../../config/known-keys.js';
import { ConfigError } from '../../errors/config-error.js';

/**
 * Options of {@link gemini}.
 *
 * @example
 * ```ts
 * const options: GeminiOptions = { baseURL: sim.geminiBaseUrl, timeoutMs: 30_000 };
 * ```
 */
export interface GeminiOptions {
  /** Origin of the API, without a path or trailing slash (the offline simulator's `geminiBaseUrl`). @default 'https://generativelanguage.googleapis.com' */
  readonly baseURL?: string;
  /** A client you built; then no key is resolved for Gemini calls. @default a client per resolved key */
  readonly client?: GoogleGenerativeAI;
  /** Longest wait for a reply, or for the next chunk of a stream, in ms. @default 60000 */
  readonly timeoutMs?: number;
  /** API version in the URL. @default 'v1beta' */
  readonly apiVersion?: string;
}

/** The options after validation, with defaults applied. */
export interface ResolvedGeminiOptions {
  readonly baseUrl: string | undefined;
  readonly client: GoogleGenerativeAI | undefined;
  readonly timeoutMs: number;
  readonly apiVersion: string | undefined;
}

const KNOWN = ['baseURL', 'client', 'timeoutMs', 'apiVersion'];

/** Checks the options, naming the bad field in a {@link ConfigError}. */
export function resolveGeminiOptions(options: GeminiOptions | undefined): ResolvedGeminiOptions {
  if (options === undefined) return { baseUrl: undefined, client: undefined, timeoutMs: 60_000, apiVersion: undefined };
  if (typeof options !== 'object' || options === null) throw new ConfigError('gemini', 'expected an options object');
  assertKnownKeys(options, KNOWN, 'gemini');
  const { baseURL, client, timeoutMs = 60_000, apiVersion } = options;
  if (baseURL !== undefined && (typeof baseURL !== 'string' || !URL.canParse(baseURL))) {
    throw new ConfigError('gemini.baseURL', 'expected an absolute URL such as http://127.0.0.1:8787');
  }
  if (client !== undefined && (typeof client !== 'object' || client === null || typeof client.getGenerativeModel !== 'function')) {
    throw new ConfigError('gemini.client', 'expected a GoogleGenerativeAI instance from @google/generative-ai');
  }
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new ConfigError('gemini.timeoutMs', 'expected a positive number of milliseconds');
  }
  if (apiVersion !== undefined && (typeof apiVersion !== 'string' || !/^v\d+\w*$/.test(apiVersion))) {
    throw new ConfigError('gemini.apiVersion', 'expected a version such as "v1beta"');
  }
  // The SDK appends `/${apiVersion}` itself: a trailing slash would make `//v1beta`.
  return { baseUrl: baseURL?.replace(/\/+$/, ''), client, timeoutMs, apiVersion };
}
