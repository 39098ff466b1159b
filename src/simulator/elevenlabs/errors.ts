import type { ErrorReply } from '../types.js';

/** `{"detail":{"status","message"}}`, the body of every ElevenLabs error except validation (422). */
export function elevenLabsError(status: number, code: string, message: string): ErrorReply {
  return { status, body: { detail: { status: code, message } } };
}

/** 401 for a key the simulator does not accept (message as seen in danielmiessler/LifeOS#667). */
export function invalidApiKey(): ErrorReply {
  return elevenLabsError(401, 'invalid_api_key', 'Invalid API key');
}

/** 401 for a request without `xi-api-key` (code and message UNCONFIRMED). */
export function needsAuthorization(): ErrorReply {
  return elevenLabsError(401, 'needs_authorization', 'Neither authorization header nor xi-api-key received, please provide one.');
}

/** 401 for a key scoped without `user_read` calling `/v1/user*`. */
export function missingPermissions(permission: string): ErrorReply {
  return elevenLabsError(401, 'missing_permissions', `The API key you used is missing the permission ${permission} to execute this operation.`);
}

/** 401 (not 402 or 429) when the text costs more credits than the cycle has left (home-assistant/core#160414). */
export function quotaExceeded(limit: number, remaining: number, required: number): ErrorReply {
  return elevenLabsError(
    401,
    'quota_exceeded',
    `This request exceeds your quota of ${limit}. You have ${remaining} credits remaining, while ${required} credits are required for this request.`,
  );
}

/** 429 when the key already has its maximum of requests in flight (haguro/elevenlabs-go#25). */
export function tooManyConcurrentRequests(maximum: number): ErrorReply {
  return elevenLabsError(
    429,
    'too_many_concurrent_requests',
    `Too many concurrent requests. Your current subscription is associated with a maximum of ${maximum} concurrent requests (running in parallel). This is done such that a single user does not overwhelm our systems and affect other users negatively. Please upgrade your subscription or contact sales if you want to increase this limit.`,
  );
}

/** 429 when the service is overloaded, whatever the account (message text UNCONFIRMED). */
export function systemBusy(): ErrorReply {
  return elevenLabsError(429, 'system_busy', 'We are currently experiencing high traffic. Please try again later.');
}

/** 404 for an unknown voice id (elevenlabs/elevenlabs-docs#1317, 2025; older reports show 400). */
export function voiceNotFound(voiceId: string): ErrorReply {
  return elevenLabsError(404, 'voice_not_found', `A voice with the voice_id ${voiceId} was not found.`);
}

/** 400 when the text is longer than the model takes in one request (help article 19572237925521). */
export function maxCharacterLimitExceeded(characters: number, limit: number): ErrorReply {
  return elevenLabsError(
    400,
    'max_character_limit_exceeded',
    `This request's text has ${characters} characters and exceeds the character limit of ${limit} characters.`,
  );
}

/** One FastAPI validation failure. */
export interface ValidationIssue {
  readonly loc: readonly (string | number)[];
  readonly msg: string;
  readonly type: string;
}

/** 422 `{"detail":[{loc,msg,type}]}`, FastAPI's `HTTPValidationError`. */
export function validationError(issues: readonly ValidationIssue[]): ErrorReply {
  return { status: 422, body: { detail: issues.map((i) => ({ type: i.type, loc: i.loc, msg: i.msg })) } };
}

// Codes for statuses a fault usually injects; bodies of 5xx replies are UNCONFIRMED.
const DEFAULTS: Readonly<Record<number, () => ErrorReply>> = {
  401: invalidApiKey,
  404: () => voiceNotFound('unknown'),
  422: () => validationError([{ loc: ['body'], msg: 'Field required', type: 'missing' }]),
  429: systemBusy,
};

/** What a status fault sends when the rule gives no body. */
export function defaultElevenLabsError(status: number): ErrorReply {
  const known = DEFAULTS[status];
  if (known) return known();
  if (status >= 500) return elevenLabsError(status, 'internal_server_error', 'An internal server error occurred. Please try again later.');
  return elevenLabsError(status, 'invalid_request', `Simulated error ${status}.`);
}
