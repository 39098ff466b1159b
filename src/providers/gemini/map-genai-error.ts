import { ProviderError, type ProviderErrorKind } from '../../errors/provider-error.js';
import { causeWithoutKey, keyScrubber } from '../shared/key-scrubber.js';
import { googleError } from './map-gemini-error.js';

/** What `@google/genai`'s `ApiError` carries (checked by shape: a user's client may be another copy of the SDK). */
interface ApiErrorShape {
  readonly name: 'ApiError';
  readonly message: string;
  readonly status: number;
}

const STREAM_PREFIX = 'got status:';

/**
 * Maps an error of `@google/genai` to a {@link ProviderError}, classified as the seed SDK's are (see
 * `mapGeminiError`). Its `ApiError` has the HTTP status in `status` and the reply's JSON body as its message
 * (`{"error":{"code","message","status","details"}}`); an error event inside a stream is thrown as an
 * `ApiError` whose message is `got status: <STATUS>. <the event's JSON>`, mapped with ` in stream` in the
 * message. A body that is not JSON keeps the status and the text. Anything else is a failed fetch or a cut
 * stream (`network`) or a reply that did not parse (`server`). The error goes through {@link keyScrubber}, and
 * the SDK error is only kept as `cause` when it does not contain the key.
 */
export function mapGenaiError(error: unknown, key: string | undefined): ProviderError {
  return keyScrubber(key).scrub(toProviderError(error, causeWithoutKey(error, key)));
}

function toProviderError(error: unknown, cause: ErrorOptions | undefined): ProviderError {
  const message = error instanceof Error ? error.message : String(error);
  if (isApiError(error)) {
    const inStream = message.startsWith(STREAM_PREFIX);
    const object = errorObject(message.slice(Math.max(0, message.indexOf('{'))));
    const reply = object ?? { message };
    const status = typeof reply.status === 'string' && /^[A-Z_]+$/.test(reply.status) ? reply.status : undefined;
    const code = typeof reply.code === 'number' ? reply.code : error.status;
    return googleError({ ...reply, code, status }, inStream ? ' in stream' : '', cause);
  }
  const unreadable = error instanceof SyntaxError || /exception parsing stream chunk|Incomplete JSON segment/.test(message);
  const kind: ProviderErrorKind = unreadable ? 'server' : 'network';
  return new ProviderError(`Gemini API ${unreadable ? 'reply unreadable' : 'request failed'}: ${message}`, { provider: 'gemini', kind }, cause);
}

/** The `error` object of a Google error body, or undefined when the text is not one. */
function errorObject(text: string): Record<string, unknown> | undefined {
  try {
    const body: unknown = JSON.parse(text);
    const inner = (body as { error?: unknown } | null)?.error;
    return typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function isApiError(error: unknown): error is ApiErrorShape {
  return error instanceof Error && error.name === 'ApiError' && typeof (error as { status?: unknown }).status === 'number';
}
