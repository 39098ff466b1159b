import { randomBytes } from 'node:crypto';
import type { Exchange } from '../exchange.js';
import { keyFingerprint, keyIsAccepted } from '../keys.js';
import type { ProviderRoute, RouteEnvironment, RouteFactory, RouteMatch } from '../provider-route.js';
import type { SimulatedOperation } from '../types.js';
import { handleChat } from './chat.js';
import type { OpenAIContext } from './context.js';
import { handleEmbeddings } from './embeddings.js';
import { defaultOpenAIError, insufficientQuota, invalidApiKey, modelNotFound, rateLimitExceeded } from './errors.js';
import { modelExists } from './models.js';
import { OpenAIPromptCache } from './prompt-cache.js';
import { OpenAIRateLimits } from './rate-limits.js';
import { handleSpeech } from './speech.js';
import { handleTranscription } from './transcriptions.js';

const PATHS: Readonly<Record<string, SimulatedOperation>> = {
  '/v1/chat/completions': 'chat',
  '/v1/embeddings': 'embed',
  '/v1/audio/speech': 'speak',
  '/v1/audio/transcriptions': 'transcribe',
};

const HANDLERS: Readonly<Record<string, (exchange: Exchange, ctx: OpenAIContext) => Promise<void>>> = {
  '/v1/chat/completions': handleChat,
  '/v1/embeddings': handleEmbeddings,
  '/v1/audio/speech': handleSpeech,
  '/v1/audio/transcriptions': handleTranscription,
};

const DEFAULT_REPLY_WORDS = 12;

/**
 * The OpenAI API as openai-node 6.x calls it (base URL `…/v1`): `POST /v1/chat/completions` (JSON or SSE),
 * `/v1/embeddings`, `/v1/audio/speech` and `/v1/audio/transcriptions`. The operation of a chat or speech
 * request says whether it streams (`streamChat`, `streamSpeak`): it is read from the body before fault rules
 * are matched, so a rule can target streams alone.
 *
 * Checks run in this order, each with the API's own error body: the `Authorization: Bearer` key (401
 * `invalid_api_key`, the key masked in the message), the model (404 `model_not_found`, see `models.ts`), the
 * account's credit (429 `insufficient_quota` for `quotas.openai.insufficientQuotaKeys`), the request body (400),
 * then the per-key requests and tokens per minute of `quotas.openai` (429 `rate_limit_exceeded`, `type`
 * `requests` or `tokens`, with `retry-after`; see `rate-limits.ts`).
 *
 * Token counting (all deterministic, see `tokens.ts`): prompt tokens = 3 per message + 1 per `name` +
 * `simulatedTokenCount` of the message text and tool calls (85 per image part) + the tool definitions' JSON + 3
 * priming the reply (`chat-request.ts`); cached tokens by the prompt-cache rule of `prompt-cache.ts`; reply,
 * reasoning and tool calls by `chat-answer.ts`; embeddings, speech and transcription rules in their handlers.
 *
 * Every response carries `x-request-id: req_<32 hex>`, `openai-processing-ms`, `openai-version`,
 * `openai-organization` and, for each configured limit, `x-ratelimit-{limit,remaining,reset}-{requests,tokens}`.
 */
export const createOpenAIRoute: RouteFactory = (env: RouteEnvironment): ProviderRoute => {
  const limits = new OpenAIRateLimits(env.options.quotas?.openai);
  const cache = new OpenAIPromptCache();
  const requestIds = new WeakMap<Exchange, string>();

  const handle = async (exchange: Exchange, match: RouteMatch): Promise<void> => {
    const key = exchange.key;
    if (!key || !keyIsAccepted(env.options.keys, key)) return exchange.error(invalidApiKey(key));
    const model = exchange.entry.model;
    if (model !== undefined && !modelExists(model)) return exchange.error(modelNotFound(model));
    if (limits.noCredit(key)) return exchange.error(insufficientQuota());
    if (exchange.body?.invalidJson) return exchange.error(defaultOpenAIError(400));
    const keyId = keyFingerprint(key);
    const ctx: OpenAIContext = {
      keyId,
      cache,
      now: env.now,
      replyWords: env.options.replyWords ?? DEFAULT_REPLY_WORDS,
      admit: (admitted, tokens) => {
        if (!modelExists(admitted)) return modelNotFound(admitted);
        const violation = limits.admit(keyId, admitted, tokens, env.now());
        return violation && rateLimitExceeded(violation);
      },
    };
    return HANDLERS[match.params?.path ?? '']!(exchange, ctx);
  };

  return {
    provider: 'openai',
    match(method, pathname) {
      const operation = method === 'POST' ? PATHS[pathname] : undefined;
      return operation ? { operation, params: { path: pathname } } : undefined;
    },
    refine(match, body) {
      if (body.invalidJson) return match;
      const json = body.json as { stream?: unknown; stream_format?: unknown } | undefined;
      if (match.operation === 'chat' && json?.stream === true) return { ...match, operation: 'streamChat' };
      if (match.operation === 'speak' && json?.stream_format === 'sse') return { ...match, operation: 'streamSpeak' };
      return match;
    },
    baseHeaders(exchange) {
      let requestId = requestIds.get(exchange);
      if (requestId === undefined) requestIds.set(exchange, (requestId = `req_${randomBytes(16).toString('hex')}`));
      const key = exchange.key;
      return {
        'x-request-id': requestId,
        'openai-organization': 'org-simulated',
        'openai-processing-ms': String(Math.max(0, Math.round(env.now() - exchange.entry.time))),
        'openai-version': '2020-10-01',
        'access-control-expose-headers': 'X-Request-ID',
        ...(key && keyIsAccepted(env.options.keys, key) ? limits.headers(keyFingerprint(key), env.now()) : {}),
      };
    },
    defaultError: defaultOpenAIError,
    handle,
    reset() {
      limits.reset();
      cache.clear();
    },
  };
};
