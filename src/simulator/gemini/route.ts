import type { Exchange } from '../exchange.js';
import { keyFingerprint, keyIsAccepted } from '../keys.js';
import type { ProviderRoute, RouteEnvironment, RouteFactory, RouteMatch } from '../provider-route.js';
import type { SimulatedOperation } from '../types.js';
import { handleCountTokens } from './count-tokens.js';
import { handleBatchEmbed, handleEmbed } from './embed.js';
import { apiKeyInvalid, defaultGeminiError, missingKey, modelNotFound, quotaExceeded } from './errors.js';
import { handleGenerate, replyWords } from './generate.js';
import { isEmbeddingModel, isGenerativeModel } from './models.js';
import { PromptCache } from './prompt-cache.js';
import { GeminiQuotaBook } from './quota-book.js';

// The API serves the same methods under `v1` (what `@google/genai` 3.x calls by default) and `v1beta`.
const PATH = /^\/v1(?:beta)?\/models\/([^/:]+):(generateContent|streamGenerateContent|countTokens|embedContent|batchEmbedContents)$/;

const OPERATIONS: Readonly<Record<string, SimulatedOperation>> = {
  generateContent: 'chat',
  streamGenerateContent: 'streamChat',
  countTokens: 'countTokens',
  embedContent: 'embed',
  batchEmbedContents: 'batchEmbed',
};

/**
 * The Gemini Generative Language API, as `@google/generative-ai` and `@google/genai` call it: `POST /v1beta/models/{model}:{method}` (or `/v1/…`)
 * for generateContent, streamGenerateContent (`?alt=sse`), countTokens, embedContent and batchEmbedContents. The key
 * comes in `x-goog-api-key` or `?key=`. Checks run in the API's order: key (400 `API_KEY_INVALID`, or 403 when
 * absent), model (404 `NOT_FOUND`, see `models.ts`), then the per-key, per-model request quotas of generate calls
 * (429 `RESOURCE_EXHAUSTED` with `QuotaFailure` and `RetryInfo`).
 */
export const createGeminiRoute: RouteFactory = (env: RouteEnvironment): ProviderRoute => {
  const quotas = new GeminiQuotaBook(env.options.quotas?.gemini);
  const cache = new PromptCache();

  const handle = async (exchange: Exchange, match: RouteMatch): Promise<void> => {
    const model = match.model ?? '';
    const method = match.params?.method ?? '';
    if (!exchange.key) return exchange.error(missingKey());
    if (!keyIsAccepted(env.options.keys, exchange.key)) return exchange.error(apiKeyInvalid());
    const embedding = method === 'embedContent' || method === 'batchEmbedContents';
    if (!(embedding ? isEmbeddingModel(model) : isGenerativeModel(model))) return exchange.error(modelNotFound(model, method));
    if (method === 'embedContent') return handleEmbed(exchange, model);
    if (method === 'batchEmbedContents') return handleBatchEmbed(exchange, model);
    if (method === 'countTokens') return handleCountTokens(exchange);
    const keyId = keyFingerprint(exchange.key);
    const violation = quotas.admit(keyId, model, env.now());
    if (violation) return exchange.error(quotaExceeded(violation));
    const ctx = { model, keyId, cache, replyWords: replyWords(env.options.replyWords) };
    return handleGenerate(exchange, ctx, method === 'streamGenerateContent');
  };

  return {
    provider: 'gemini',
    match(httpMethod, pathname) {
      const found = httpMethod === 'POST' ? PATH.exec(pathname) : null;
      if (!found) return undefined;
      const method = found[2]!;
      return { operation: OPERATIONS[method]!, model: decodeURIComponent(found[1]!), params: { method } };
    },
    // Google front ends add `server-timing: gfet4t7; dur=<ms>` to every reply; the simulator's duration is fixed.
    baseHeaders: () => ({ server: 'scaffolding on HTTPServer2', vary: 'Origin, X-Origin, Referer', 'x-content-type-options': 'nosniff', 'server-timing': 'gfet4t7; dur=1' }),
    defaultError: defaultGeminiError,
    handle,
    reset() {
      quotas.reset();
      cache.clear();
    },
  };
};
