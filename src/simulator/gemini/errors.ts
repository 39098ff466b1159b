import type { ErrorReply } from '../types.js';
import { canonicalStatus } from './canonical-status.js';

// The API's own messages (docs/provider-wire.md) for the statuses a fault usually injects.
const DEFAULT_MESSAGES: Readonly<Record<number, string>> = {
  429: 'Resource has been exhausted (e.g. check quota).',
  500: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  503: 'The model is overloaded. Please try again later.',
};

const RATE_LIMIT_DOCS = 'https://ai.google.dev/gemini-api/docs/rate-limits';

/** `{"error":{code,message,status,details?}}`, the Google API error envelope. */
export function googleError(status: number, message: string, details?: readonly unknown[]): ErrorReply {
  const error = { code: status, message, status: canonicalStatus(status), ...(details ? { details } : {}) };
  return { status, body: { error } };
}

/** What a status fault sends when the rule gives no body. */
export function defaultGeminiError(status: number): ErrorReply {
  return googleError(status, DEFAULT_MESSAGES[status] ?? `Simulated ${canonicalStatus(status)} error.`);
}

/** 400 for a key the simulator does not accept. */
export function apiKeyInvalid(): ErrorReply {
  const message = 'API key not valid. Please pass a valid API key.';
  return googleError(400, message, [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'API_KEY_INVALID',
      domain: 'googleapis.com',
      metadata: { service: 'generativelanguage.googleapis.com' },
    },
    { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message },
  ]);
}

/** 403 for a request without any key (the real status is UNCONFIRMED, see docs/provider-wire.md). */
export function missingKey(): ErrorReply {
  return googleError(
    403,
    "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
  );
}

/** 404 for a model that does not exist or does not support the method. */
export function modelNotFound(model: string, method: string): ErrorReply {
  return googleError(
    404,
    `models/${model} is not found for API version v1beta, or is not supported for ${method}. Call ListModels to see the list of available models and their supported methods.`,
  );
}

/** 400 for a malformed request. */
export function invalidArgument(message: string): ErrorReply {
  return googleError(400, message);
}

/** Which request quota ran out. */
export interface QuotaViolation {
  readonly window: 'minute' | 'day';
  readonly model: string;
  readonly limit: number;
  /** When a retry can succeed, in ms from now. */
  readonly retryInMs: number;
}

/** 429 `RESOURCE_EXHAUSTED` with `QuotaFailure`, `Help` and `RetryInfo` details, in the order the API sends them. */
export function quotaExceeded(violation: QuotaViolation): ErrorReply {
  const per = violation.window === 'minute' ? 'Minute' : 'Day';
  const metric = 'generativelanguage.googleapis.com/generate_content_free_tier_requests';
  const seconds = Math.max(1, Math.ceil(violation.retryInMs / 1000));
  const message =
    'You exceeded your current quota, please check your plan and billing details. For more information on this error, ' +
    `head to: ${RATE_LIMIT_DOCS}. To monitor your current usage, head to: https://ai.dev/usage?tab=rate-limit. \n` +
    `* Quota exceeded for metric: ${metric}, limit: ${violation.limit}, model: ${violation.model}\nPlease retry in ${seconds}s.`;
  return googleError(429, message, [
    {
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [
        {
          quotaMetric: metric,
          quotaId: `GenerateRequestsPer${per}PerProjectPerModel-FreeTier`,
          quotaDimensions: { location: 'global', model: violation.model },
          quotaValue: String(violation.limit),
        },
      ],
    },
    {
      '@type': 'type.googleapis.com/google.rpc.Help',
      links: [{ description: 'Learn more about Gemini API quotas', url: RATE_LIMIT_DOCS }],
    },
    { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${seconds}s` },
  ]);
}
