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
    const details = error.errorDetails ?? [];
    const reason = details.find((d) => d.reason)?.reason;
    const status = error.status;
    const classified = classify(status, reason, details);
    const retryAfterMs = durationMs(details.find((d) => d.retryDelay !== undefined)?.retryDelay);
    const text = apiMessage(message, error.errorDetails);
    // The SDK drops the body's `error.status`, so it is derived back from the HTTP status.
    const code = CANONICAL_STATUS[status];
    return new ProviderError(
      `Gemini API ${status}${code ? ` ${code}` : ''}: ${text}`,
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
  // Everything else the SDK throws is a GoogleGenerativeAIError without a status: a failed fetch, a broken
  // stream, or a reply it could not parse (a SyntaxError from response.json()).
  const unreadable = error instanceof SyntaxError || /Failed to parse stream|Error parsing JSON response/.test(message);
  const kind: ProviderErrorKind = unreadable ? 'server' : 'network';
  return new ProviderError(`Gemini API ${unreadable ? 'reply unreadable' : 'request failed'}: ${message.replace(SDK_PREFIX, '')}`, { provider: PROVIDER, kind }, cause);
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
