import type { GoogleGenAI } from '@google/genai';
import type { GoogleGenerativeAI } from '@google/generative-ai';
import { assertKnownKeys } from '../../config/known-keys.js';
import { ConfigError } from '../../errors/config-error.js';
import { geminiClientKind, type GeminiSdkName } from './gemini-sdk.js';

/**
 * Options of {@link gemini}.
 *
 * @example
 * ```ts
 * const options: GeminiOptions = { baseURL: sim.geminiBaseURL, timeoutMs: 30_000 };
 * ```
 */
export interface GeminiOptions {
  /** Origin of the API, without a path or trailing slash (the offline simulator's `geminiBaseUrl`). @default 'https://generativelanguage.googleapis.com' */
  readonly baseURL?: string;
  /**
   * A client you built, a `GoogleGenAI` (`@google/genai`) or a `GoogleGenerativeAI` (`@google/generative-ai`),
   * recognised by its shape; then no key is resolved for Gemini calls. A `GoogleGenAI` must be one for the
   * Gemini API (not Vertex); its own retries are capped at one attempt per request (the retry layer retries).
   * @default a client per resolved key, of the SDK `sdk` names
   */
  readonly client?: GoogleGenAI | GoogleGenerativeAI;
  /**
   * The SDK to drive when the adapter builds its clients: the successor `@google/genai` (2.x on Node 20, 3.x on
   * Node 22 and later) or the seed `@google/generative-ai` 0.24 (deprecated upstream). Naming one that is not
   * installed fails the first call with `SdkMissingError`.
   * @default '@google/genai' when it can be loaded, else '@google/generative-ai'
   */
  readonly sdk?: GeminiSdkName;
  /** Longest wait for a reply, or for the next chunk of a stream, in ms. @default 60000 */
  readonly timeoutMs?: number;
  /** API version in the URL. @default 'v1beta' */
  readonly apiVersion?: string;
}

/** The options after validation, with defaults applied. */
export interface ResolvedGeminiOptions {
  readonly baseUrl: string | undefined;
  readonly client: GoogleGenAI | GoogleGenerativeAI | undefined;
  readonly sdk: GeminiSdkName | undefined;
  readonly timeoutMs: number;
  readonly apiVersion: string | undefined;
}

const KNOWN = ['baseURL', 'client', 'timeoutMs', 'apiVersion', 'sdk'];
const SDKS: readonly string[] = ['@google/genai', '@google/generative-ai'] satisfies GeminiSdkName[];

/** Checks the options, naming the bad field in a {@link ConfigError}. */
export function resolveGeminiOptions(options: GeminiOptions | undefined): ResolvedGeminiOptions {
  if (options === undefined) return { baseUrl: undefined, client: undefined, sdk: undefined, timeoutMs: 60_000, apiVersion: undefined };
  if (typeof options !== 'object' || options === null) throw new ConfigError('gemini', 'expected an options object');
  assertKnownKeys(options, KNOWN, 'gemini');
  const { baseURL, client, timeoutMs = 60_000, apiVersion, sdk } = options;
  if (baseURL !== undefined && (typeof baseURL !== 'string' || !URL.canParse(baseURL))) {
    throw new ConfigError('gemini.baseURL', 'expected an absolute URL such as http://127.0.0.1:8787');
  }
  if (sdk !== undefined && !SDKS.includes(sdk)) throw new ConfigError('gemini.sdk', `expected ${SDKS.map((n) => `"${n}"`).join(' or ')}`);
  const kind = client === undefined ? undefined : geminiClientKind(client);
  if (client !== undefined && kind === undefined) {
    throw new ConfigError('gemini.client', 'expected a GoogleGenAI instance from @google/genai or a GoogleGenerativeAI instance from @google/generative-ai');
  }
  if (kind !== undefined && sdk !== undefined && kind !== sdk) throw new ConfigError('gemini.sdk', `the client is from ${kind}, not ${sdk}`);
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new ConfigError('gemini.timeoutMs', 'expected a positive number of milliseconds');
  }
  if (apiVersion !== undefined && (typeof apiVersion !== 'string' || !/^v\d+\w*$/.test(apiVersion))) {
    throw new ConfigError('gemini.apiVersion', 'expected a version such as "v1beta"');
  }
  // The SDK appends `/${apiVersion}` itself: a trailing slash would make `//v1beta`.
  return { baseUrl: baseURL?.replace(/\/+$/, ''), client, sdk, timeoutMs, apiVersion };
}
