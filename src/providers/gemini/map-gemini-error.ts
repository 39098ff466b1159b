import { ProviderError, type ProviderErrorKind, type QuotaScope } from '../../errors/provider-error.js';
import { nextPacificDayStart } from '../../time/pacific-day.js';
import { causeWithoutKey, keyScrubber } from '../shared/key-scrubber.js';
import { durationMs } from '../shared/retry-after.js';
import { CANONICAL_STATUS } from './canonical-status.js';

const PROVIDER = 'gemini';
const SDK_PREFIX = '[GoogleGenerativeAI Error]: ';

interface ErrorDetail {
  readonly '@type'?: string;
  readonly reason?: string;
  readonly retryDelay?: string;
  readonly violations?: readonly { readonly quotaId?: string }[];
}

/** What the SDK's `GoogleGenerativeAIFetchError` carries (checked by shape: a user's client may be another copy of the SDK). */
interface FetchErrorShape {
  readonly message: string;
  readonly status: number;
  readonly errorDetails?: readonly ErrorDetail[];
}

/**
 * Maps an error of `@google/generative-ai` to a {@link ProviderError}. HTTP errors: 400 with `ErrorInfo.reason`
 * `API_KEY_INVALID` and 401/403 → `auth`; other 4xx → `invalid_request`; 429 → `quota_exhausted` (`per_day`,
 * reset at the next midnight Pacific) when a `QuotaFailure` violation is a per-day quota, else `rate_limited`
 * (`per_minute` when the violation says so); ≥ 500 → `server`. `providerCode` is the `ErrorInfo.reason` when
 * there is one, else the canonical status (`RESOURCE_EXHAUSTED`). `retryAfterMs` comes from `RetryInfo.retryDelay`.
 * A failed fetch or a broken stream → `network`; an unreadable reply → `server`. The error goes through
 * {@link keyScrubber} (`key` in every encoded form, and any secret-shaped value, masked everywhere in it, the
 * `providerCode` taken from the reply included), and the SDK error is only kept as `cause` when it does not
 * contain the key.
 */
export function mapGeminiError(error: unknown, key: string | undefined): ProviderError {
  return keyScrubber(key).scrub(toProviderError(error, causeWithoutKey(error, key)));
}

function toProviderError(error: unknown, cause: ErrorOptions | undefined): ProviderError {
  const message = error instanceof Error ? error.message : String(error);
  if (isFetchError(error)) {
    // The SDK drops the body's `error.status`, so it is derived back from the HTTP status.
    const reply = { status: error.status, code: CANONICAL_STATUS[error.status], message: apiMessage(message, error.errorDetails), details: error.errorDetails ?? [] };
    return apiError(reply, '', cause);
  }
  // Everything else the SDK throws is a GoogleGenerativeAIError without a status: a failed fetch, a broken
  // stream, or a reply it could not parse (a SyntaxError from response.json()).
  const unreadable = error instanceof SyntaxError || /Failed to parse stream|Error parsing JSON response/.test(message);
  const kind: ProviderErrorKind = unreadable ? 'server' : 'network';
  return new ProviderError(`Gemini API ${unreadable ? 'reply unreadable' : 'request failed'}: ${message.replace(SDK_PREFIX, '')}`, { provider: PROVIDER, kind }, cause);
}

/** The `error` of a Google API error body: `{ code, message, status, details }`. */
interface GoogleErrorObject {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly status?: unknown;
  readonly details?: unknown;
}

/**
 * Maps the `error` of a `{"error": …}` event inside a stream (sent under the 200 once the stream has begun, e.g.
 * `{"code":503,"message":"The model is overloaded…","status":"UNAVAILABLE"}`) as an HTTP error of that code:
 * 429 `RESOURCE_EXHAUSTED` → `rate_limited` (or `quota_exhausted` for a per-day quota), ≥ 500 → `server`,
 * other 4xx → `invalid_request`; `status` is the error's `code` (derived from its canonical status when absent)
 * and `providerCode` its `ErrorInfo.reason`, else its canonical status. An error without a usable code →
 * `server`. The error goes through {@link keyScrubber}, as {@link mapGeminiError}'s does.
 */
export function mapGeminiStreamError(error: unknown, key: string | undefined): ProviderError {
  return keyScrubber(key).scrub(googleError(error, ' in stream', undefined));
}

/**
 * The `error` object of a Google API error body (an HTTP reply's or a stream event's) as a {@link ProviderError},
 * classified as {@link mapGeminiStreamError} describes; `where` follows the status in the message (`' in stream'`
 * or `''`). Not scrubbed: the caller scrubs.
 */
export function googleError(error: unknown, where: string, cause: ErrorOptions | undefined): ProviderError {
  const object: GoogleErrorObject = typeof error === 'object' && error !== null ? error : { message: error };
  const name = typeof object.status === 'string' ? object.status : undefined;
  const status = typeof object.code === 'number' && object.code >= 400 && object.code < 600 ? object.code : statusOf(name);
  const message = typeof object.message === 'string' ? object.message : JSON.stringify(error) ?? 'no message';
  const details = Array.isArray(object.details) ? (object.details as ErrorDetail[]) : [];
  if (status === undefined) return new ProviderError(`Gemini API error${where}${name ? ` ${name}` : ''}: ${message}`, { provider: PROVIDER, kind: 'server', ...(name ? { providerCode: name } : {}) }, cause);
  return apiError({ status, code: name ?? CANONICAL_STATUS[status], message, details }, where, cause);
}

/** A Google API error (an HTTP reply's or a stream event's), classified. */
function apiError(reply: { status: number; code: string | undefined; message: string; details: readonly ErrorDetail[] }, where: string, cause: ErrorOptions | undefined): ProviderError {
  const { status, code, details } = reply;
  const reason = details.find((d) => d.reason)?.reason;
  const classified = classify(status, reason, details);
  const retryAfterMs = durationMs(details.find((d) => d.retryDelay !== undefined)?.retryDelay);
  return new ProviderError(
    `Gemini API ${status}${code ? ` ${code}` : ''}${where}: ${reply.message}`,
    {
      provider: PROVIDER,
      kind: classified.kind,
      status,
      providerCode: reason ?? code ?? String(status),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ...(classified.quota ? { quota: classified.quota } : {}),
      ...(classified.quota === 'per_day' ? { resetAt: new Date(nextPacificDayStart(Date.now())) } : {}),
    },
    cause,
  );
}

function statusOf(name: string | undefined): number | undefined {
  if (name === undefined) return undefined;
  const found = Object.entries(CANONICAL_STATUS).find(([, n]) => n === name);
  return found ? Number(found[0]) : undefined;
}

/** A timeout of the adapter's own timer, as a {@link ProviderError}. */
export function geminiTimeout(timeoutMs: number): ProviderError {
  return new ProviderError(`Gemini API did not answer within ${timeoutMs} ms`, { provider: PROVIDER, kind: 'timeout' });
}

function classify(status: number, reason: string | undefined, details: readonly ErrorDetail[]): { kind: ProviderErrorKind; quota?: QuotaScope } {
  if (reason === 'API_KEY_INVALID' || status === 401 || status === 403) return { kind: 'auth' };
  if (status === 429) {
    const quotaIds = details.flatMap((d) => d.violations ?? []).map((v) => v.quotaId ?? '');
    if (quotaIds.some((id) => id.includes('PerDay'))) return { kind: 'quota_exhausted', quota: 'per_day' };
    return quotaIds.some((id) => id.includes('PerMinute')) ? { kind: 'rate_limited', quota: 'per_minute' } : { kind: 'rate_limited' };
  }
  return { kind: status >= 500 ? 'server' : 'invalid_request' };
}

// The SDK's message is `Error fetching from <url>: [<status> <text>] <message> <JSON details>`; keep <message>.
function apiMessage(message: string, details: unknown): string {
  const afterStatus = message.replace(/^[\s\S]*?\[\d{3}[^\]]*\]\s?/, '');
  const suffix = details === undefined ? '' : ` ${JSON.stringify(details)}`;
  return suffix && afterStatus.endsWith(suffix) ? afterStatus.slice(0, -suffix.length) : afterStatus;
}

function isFetchError(error: unknown): error is FetchErrorShape {
  return error instanceof Error && typeof (error as { status?: unknown }).status === 'number' && error.message.startsWith(SDK_PREFIX);
}
