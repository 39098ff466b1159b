import type { GoogleGenAI, HttpOptions } from '@google/genai';
import type { GoogleGenerativeAI, RequestOptions } from '@google/generative-ai';
import type { ResolvedKey } from '../../context.js';
import { ConfigError } from '../../errors/config-error.js';
import { SdkMissingError } from '../../errors/sdk-missing-error.js';
import { lazySdk } from '../../lazy-sdk.js';
import { ClientCache } from '../shared/client-cache.js';
import { preloadFetch } from '../shared/preload-fetch.js';
import { geminiClientKind, type GeminiSdk, type GeminiSdkName } from './gemini-sdk.js';
import { genaiSdk } from './genai-sdk.js';
import { generativeAiSdk } from './generative-ai-sdk.js';
import type { ResolvedGeminiOptions } from './gemini-options.js';

const loadGenai = lazySdk('@google/genai', () => import('@google/genai'));
const loadGenerativeAi = lazySdk('@google/generative-ai', () => import('@google/generative-ai'));

/**
 * The {@link GeminiSdk} of each call: the one over the client the user passed, else one per resolved key over a
 * client the adapter builds with the SDK `sdk` names, or by default `@google/genai` when it loads and
 * `@google/generative-ai` when only that one is installed (neither: `SdkMissingError` for `@google/genai`).
 * Nothing is loaded before the first call.
 *
 * @param settings - the checked `gemini()` options
 */
export function geminiSdkSource(settings: ResolvedGeminiOptions): (key: ResolvedKey | undefined) => Promise<GeminiSdk> {
  if (settings.client) {
    const given = overClient(settings.client, settings);
    return () => Promise.resolve(given);
  }
  const clients = new ClientCache<GeminiSdk>();
  let chosen: Promise<GeminiSdkName> | undefined;
  return async (key) => {
    if (!key) throw new ConfigError('keys.gemini', 'no Gemini API key was resolved; set GOOGLE_API_KEY or GEMINI_API_KEY, or pass a client');
    chosen ??= settings.sdk ? Promise.resolve(settings.sdk) : defaultSdk();
    const name = await chosen.catch((error: unknown) => {
      chosen = undefined; // installed later: found on the next call
      throw error;
    });
    if (name === '@google/genai') {
      const { GoogleGenAI: Client } = await loadGenai();
      // 3.x defaults to `v1`, 2.x to `v1beta`: pinned to the version the options document (`v1beta`).
      const httpOptions: HttpOptions = { apiVersion: 'v1beta', ...location(settings) };
      return clients.get(key.fingerprint, () => genaiSdk(new Client({ apiKey: key.value, vertexai: false, httpOptions }), undefined));
    }
    const { GoogleGenerativeAI: Client } = await loadGenerativeAi();
    return clients.get(key.fingerprint, () => generativeAiSdk(new Client(key.value), location(settings)));
  };
}

/**
 * Loads the SDK the first call of {@link geminiSdkSource} would load (nothing when the user passed a client);
 * rejects with the error that call would get.
 *
 * @param settings - the checked `gemini()` options
 */
export async function preloadGeminiSdk(settings: ResolvedGeminiOptions): Promise<void> {
  await preloadFetch();
  if (settings.client) return;
  const name = settings.sdk ?? (await defaultSdk());
  await (name === '@google/genai' ? loadGenai() : loadGenerativeAi());
}

function overClient(client: GoogleGenAI | GoogleGenerativeAI, settings: ResolvedGeminiOptions): GeminiSdk {
  if (geminiClientKind(client) === '@google/generative-ai') return generativeAiSdk(client as GoogleGenerativeAI, location(settings));
  // A client the user built may have retries on: each request caps them at one attempt.
  return genaiSdk(client as GoogleGenAI, { ...location(settings), retryOptions: { attempts: 1 } });
}

async function defaultSdk(): Promise<GeminiSdkName> {
  try {
    await loadGenai();
    return '@google/genai';
  } catch (error) {
    if (!SdkMissingError.isInstance(error)) throw error;
  }
  try {
    await loadGenerativeAi();
    return '@google/generative-ai';
  } catch (error) {
    if (SdkMissingError.isInstance(error)) throw new SdkMissingError('@google/genai', { cause: error });
    throw error;
  }
}

function location(settings: ResolvedGeminiOptions): RequestOptions & HttpOptions {
  return {
    ...(settings.baseUrl === undefined ? {} : { baseUrl: settings.baseUrl }),
    ...(settings.apiVersion === undefined ? {} : { apiVersion: settings.apiVersion }),
  };
}
