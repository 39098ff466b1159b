import type { ErrorReply } from '../types.js';

/** The four keys every OpenAI error object has (`param` and `code` may be null). */
export interface OpenAIErrorObject {
  readonly message: string;
  readonly type: string;
  readonly param: string | null;
  readonly code: string | null;
}

const ERROR_CODES_DOCS = 'https://platform.openai.com/docs/guides/error-codes/api-errors';
const RATE_LIMITS_DOCS = 'https://platform.openai.com/account/rate-limits';

/** `{"error":{message,type,param,code}}` with the given status and headers. */
export function openaiError(status: number, error: OpenAIErrorObject, headers?: Record<string, string>): ErrorReply {
  return { status, body: { error }, ...(headers ? { headers } : {}) };
}

/**
 * The key as the 401 message echoes it: the first 8 characters, a `*` for each of the middle ones and the last 4
 * (`sk-proj-****…****MxYA`). Keys of 12 characters or fewer come back unmasked, as real short keys do (the exact
 * threshold is UNCONFIRMED, see docs/provider-wire.md).
 */
export function maskedKey(key: string): string {
  if (key.length <= 12) return key;
  return `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}`;
}

/** 401 for a key the simulator does not accept, or none. */
export function invalidApiKey(key: string | undefined): ErrorReply {
  if (!key) {
    return openaiError(401, {
      message:
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
      type: 'invalid_request_error',
      param: null,
      code: null,
    });
  }
  return openaiError(401, {
    message: `Incorrect API key provided: ${maskedKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    type: 'invalid_request_error',
    param: null,
    code: 'invalid_api_key',
  });
}

/** 404 for a model that does not exist. */
export function modelNotFound(model: string): ErrorReply {
  return openaiError(404, {
    message: `The model \`${model}\` does not exist or you do not have access to it.`,
    type: 'invalid_request_error',
    param: null,
    code: 'model_not_found',
  });
}

/** 429 for an account without credit. No `retry-after`: waiting does not help. */
export function insufficientQuota(): ErrorReply {
  return openaiError(429, {
    message: `You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: ${ERROR_CODES_DOCS}.`,
    type: 'insufficient_quota',
    param: null,
    code: 'insufficient_quota',
  });
}

/** Which per-minute limit a request broke. */
export interface RateLimitViolation {
  readonly unit: 'requests' | 'tokens';
  readonly model: string;
  readonly limit: number;
  readonly used: number;
  readonly requested: number;
  /** Until the request fits, in ms (undefined when it never fits: larger than the limit itself). */
  readonly retryInMs: number | undefined;
}

/**
 * 429 `rate_limit_exceeded`, worded as the API words it, `type` naming the unit (`requests` or `tokens`). It
 * carries `retry-after` in whole seconds (at most 60: the window is one minute). A request larger than the
 * whole token limit gets the "Request too large" variant and no `retry-after`.
 */
export function rateLimitExceeded(v: RateLimitViolation): ErrorReply {
  const per = v.unit === 'requests' ? 'requests per min (RPM)' : 'tokens per min (TPM)';
  const where = `for ${v.model} in organization org-simulated on ${per}`;
  if (v.retryInMs === undefined) {
    return openaiError(429, {
      message: `Request too large ${where}: Limit ${v.limit}, Requested ${v.requested}. The input or output tokens must be reduced in order to run successfully. Visit ${RATE_LIMITS_DOCS} to learn more.`,
      type: v.unit,
      param: null,
      code: 'rate_limit_exceeded',
    });
  }
  const message = `Rate limit reached ${where}: Limit ${v.limit}, Used ${v.used}, Requested ${v.requested}. Please try again in ${goDuration(v.retryInMs)}. Visit ${RATE_LIMITS_DOCS} to learn more.`;
  return openaiError(
    429,
    { message, type: v.unit, param: null, code: 'rate_limit_exceeded' },
    { 'retry-after': String(Math.max(1, Math.ceil(v.retryInMs / 1000))) },
  );
}

/** 400 `invalid_request_error` naming the offending parameter. */
export function invalidRequest(message: string, param: string | null, code: string | null = null): ErrorReply {
  return openaiError(400, { message, type: 'invalid_request_error', param, code });
}

/**
 * What a status fault sends when its rule gives no body (always with that status). 500s carry the real message with `type: server_error`
 * (the type and code are UNCONFIRMED, see docs/provider-wire.md); the 4xx/429 ones are the shapes above.
 */
export function defaultOpenAIError(status: number): ErrorReply {
  if (status === 401) return invalidApiKey('sk-simulated-fault-key-0000');
  if (status === 404) return modelNotFound('simulated-fault-model');
  if (status === 429) return rateLimitExceeded({ unit: 'requests', model: 'gpt-4o-mini', limit: 3, used: 3, requested: 1, retryInMs: 1000 });
  if (status >= 500) {
    return openaiError(status, {
      message: 'The server had an error while processing your request. Sorry about that!',
      type: 'server_error',
      param: null,
      code: null,
    });
  }
  if (status === 403) {
    // The real 403 for a request from an unsupported region.
    return openaiError(403, { message: 'Country, region, or territory not supported', type: 'request_forbidden', param: null, code: 'unsupported_country_region_territory' });
  }
  return openaiError(status, { message: `Simulated error with status ${status}.`, type: 'invalid_request_error', param: null, code: null });
}

/** A duration as Go prints it, which is how OpenAI writes its rate-limit resets: `644ms`, `1s`, `20.5s`, `6m0s`. */
export function goDuration(ms: number): string {
  const whole = Math.max(0, Math.round(ms));
  if (whole < 1000) return `${whole}ms`;
  const minutes = Math.floor(whole / 60_000);
  const seconds = `${Number(((whole % 60_000) / 1000).toFixed(3))}s`;
  return minutes > 0 ? `${minutes}m${seconds}` : seconds;
}
