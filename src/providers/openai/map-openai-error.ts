import { AbortedError } from '../../errors/aborted-error.js';
import { ProviderError, type ProviderErrorKind, type QuotaScope } from '../../errors/provider-error.js';
import { causeWithoutKey, keyScrubber } from '../shared/key-scrubber.js';
import { headerValue, retryAfterMs } from '../shared/retry-after.js';

const PROVIDER = 'openai';

/** What every openai-node `APIError` carries (checked by shape: a user's client may come from another copy of the SDK). */
interface APIErrorShape extends Error {
  readonly status: number | undefined;
  readonly headers: Headers | undefined;
  readonly error: { readonly message?: unknown } | undefined;
  readonly code: string | null | undefined;
  readonly type: string | undefined;
  readonly requestID: string | null | undefined;
}

/**
 * Maps an error of openai-node to aimeter's. By class: `APIUserAbortError` (or any error while the caller's
 * signal is aborted) → {@link AbortedError}; `APIConnectionTimeoutError` → `timeout`; `APIConnectionError` →
 * `network`. By status and body code: 401/403 → `auth`; 429 `insufficient_quota` → `quota_exhausted` (quota
 * `credit`); 429 `rate_limit_exceeded` → `rate_limited` (quota `per_minute` for `type: requests`, `tokens` for
 * `type: tokens`), except "Request too large" → `invalid_request` (retrying cannot help); 408 → `timeout`; other
 * 4xx → `invalid_request`; ≥ 500, an error event inside a stream (no status) or an unreadable reply → `server`;
 * a connection dropped mid-body → `network`. `providerCode` is the body's `code`, else its `type`;
 * `requestId` is `x-request-id`; `retryAfterMs` comes from `retry-after-ms` / `retry-after`. The error goes
 * through {@link keyScrubber} (`key` in every encoded form, and any secret-shaped value, masked everywhere in it),
 * and the SDK error is only kept as `cause` when it does not contain the key.
 */
export function mapOpenAIError(error: unknown, key: string | undefined, signal: AbortSignal | undefined): ProviderError | AbortedError {
  if (signal?.aborted || isA(error, 'APIUserAbortError')) return new AbortedError('the OpenAI request was aborted', { cause: signal?.reason });
  return keyScrubber(key).scrub(toProviderError(error, causeWithoutKey(error, key)));
}

function toProviderError(error: unknown, cause: ErrorOptions | undefined): ProviderError {
  const message = error instanceof Error ? error.message : String(error);
  if (isA(error, 'APIConnectionTimeoutError')) return new ProviderError(`OpenAI API timed out: ${message}`, { provider: PROVIDER, kind: 'timeout' }, cause);
  if (isA(error, 'APIConnectionError')) return new ProviderError(`OpenAI API unreachable: ${message}`, { provider: PROVIDER, kind: 'network' }, cause);
  if (isA(error, 'APIError')) {
    const api = error as APIErrorShape;
    const text = typeof api.error?.message === 'string' ? api.error.message : message;
    const providerCode = api.code ?? api.type ?? undefined;
    const status = api.status;
    const { kind, quota } = classify(status, api.code ?? undefined, api.type, text);
    const wait = retryAfterMs(api.headers);
    const requestId = api.requestID ?? headerValue(api.headers, 'x-request-id');
    return new ProviderError(
      `OpenAI API ${status ?? 'stream'} error: ${text}`,
      {
        provider: PROVIDER,
        kind,
        ...(status === undefined ? {} : { status }),
        ...(providerCode ? { providerCode } : {}),
        ...(requestId ? { requestId } : {}),
        ...(wait === undefined ? {} : { retryAfterMs: wait }),
        ...(quota ? { quota } : {}),
        ...(kind === 'rate_limited' && wait !== undefined ? { resetAt: new Date(Date.now() + wait) } : {}),
      },
      cause,
    );
  }
  // Not an APIError: the body broke off mid-stream (undici's "terminated") or did not parse.
  const kind: ProviderErrorKind = error instanceof SyntaxError ? 'server' : 'network';
  return new ProviderError(`OpenAI API ${kind === 'server' ? 'reply unreadable' : 'connection lost'}: ${message}`, { provider: PROVIDER, kind }, cause);
}

function classify(status: number | undefined, code: string | undefined, type: string | undefined, message: string): { kind: ProviderErrorKind; quota?: QuotaScope } {
  if (status === undefined || status >= 500) return { kind: 'server' };
  if (status === 401 || status === 403) return { kind: 'auth' };
  if (status === 408) return { kind: 'timeout' };
  if (status !== 429) return { kind: 'invalid_request' };
  if (code === 'insufficient_quota' || type === 'insufficient_quota') return { kind: 'quota_exhausted', quota: 'credit' };
  if (message.startsWith('Request too large')) return { kind: 'invalid_request', quota: 'tokens' };
  if (type === 'tokens') return { kind: 'rate_limited', quota: 'tokens' };
  return type === 'requests' ? { kind: 'rate_limited', quota: 'per_minute' } : { kind: 'rate_limited' };
}

/** Whether `error` is an instance of a class named `name` (or of a subclass), whichever copy of the SDK made it. */
function isA(error: unknown, name: string): boolean {
  for (let proto: unknown = error instanceof Error ? Object.getPrototypeOf(error) : null; proto; proto = Object.getPrototypeOf(proto) as unknown) {
    if ((proto as { constructor?: { name?: string } }).constructor?.name === name) return true;
  }
  return false;
}
