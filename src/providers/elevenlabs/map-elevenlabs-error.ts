import { ProviderError, type ProviderErrorKind, type QuotaScope } from '../../errors/provider-error.js';
import type { Scrubber } from '../../redact/scrubber.js';
import { causeWithoutKey, keyScrubber } from '../shared/key-scrubber.js';

const PROVIDER = 'elevenlabs';
// What the 1.59 fetcher reports when the request's own signal aborted it (our timeout or cancel).
const SDK_ABORTED = 'The user aborted a request';
/** Most characters of an error body that is not JSON kept in the message. */
const MAX_BODY_TEXT = 500;

/** What the adapter knows when a request failed. */
export interface FailureContext {
  /** The key value, scrubbed from every message. */
  readonly key: string | undefined;
  /** When the key's monthly credits reset, if a subscription read told us. */
  readonly resetAt: Date | undefined;
  /** The adapter's own timeout fired. */
  readonly timedOut: boolean;
  readonly timeoutMs: number;
}

interface HttpErrorShape {
  readonly statusCode: number;
  readonly body?: unknown;
  readonly message: string;
  /** 2.x only: the reply's status and headers. */
  readonly rawResponse?: { readonly headers?: Headers };
}

/**
 * Maps an error of the `elevenlabs` 1.59 or `@elevenlabs/elevenlabs-js` 2.x SDK (both throw an error with
 * `statusCode` and `body` for an HTTP failure; 2.x parses a JSON body itself) to a {@link ProviderError}, classifying by `detail.status` rather
 * than the HTTP status (401 is a bad key, a missing permission or exhausted credits alike):
 * `quota_exceeded` → `quota_exhausted` (`monthly_characters`, reset at the cycle end when known);
 * `too_many_concurrent_requests` → `rate_limited` (`concurrency`); `system_busy` and other 429s → `rate_limited`;
 * other 401/403 → `auth`; other 4xx (400, 404 `voice_not_found`, 422 validation) → `invalid_request`; ≥ 500 →
 * `server`. The TTS endpoints leave the error body as an unread stream, so it is read here (a body that is not
 * JSON is scrubbed, then cut to 500 characters: a key straddling the cut is masked whole). A request that got
 * no reply → `network`, or `timeout`. The request id is the reply's `request-id` header with 2.x (its
 * `rawResponse`); 1.59 exposes no response headers. The error goes through
 * {@link keyScrubber}, and the SDK error is only kept as `cause` when it does not contain the key.
 */
export async function mapElevenLabsError(error: unknown, context: FailureContext): Promise<ProviderError> {
  if (!isHttpError(error)) return mapTransportError(error, context);
  const scrubber = keyScrubber(context.key);
  const status = error.statusCode;
  const detail = (await readBody(error.body, scrubber)) as { detail?: unknown } | undefined;
  const { code, text } = describe(detail?.detail);
  const { kind, quota } = classify(status, code);
  const requestId = error.rawResponse?.headers?.get?.('request-id') ?? undefined;
  const mapped = new ProviderError(
    `ElevenLabs API ${status}${code ? ` ${code}` : ''}: ${text}`,
    {
      provider: PROVIDER,
      kind,
      status,
      ...(code ? { providerCode: code } : {}),
      ...(requestId ? { requestId } : {}),
      ...(quota ? { quota } : {}),
      ...(quota === 'monthly_characters' && context.resetAt ? { resetAt: context.resetAt } : {}),
    },
    causeWithoutKey(error, context.key),
  );
  return scrubber.scrub(mapped);
}

/** Maps a failure without an HTTP status: a broken connection (before or during the audio) or a timeout. */
export function mapTransportError(error: unknown, context: FailureContext): ProviderError {
  const message = error instanceof Error ? error.message : String(error);
  const name = (error as { constructor?: { name?: string } } | null)?.constructor?.name;
  const cause = causeWithoutKey(error, context.key);
  const timedOut = context.timedOut || name === 'ElevenLabsTimeoutError' || message === '"timeout"';
  const reason = message === SDK_ABORTED ? 'request cancelled' : message;
  const mapped = timedOut
    ? new ProviderError(`ElevenLabs API did not answer within ${context.timeoutMs} ms`, { provider: PROVIDER, kind: 'timeout' }, cause)
    : unreadableErrorReply(error)
      ? new ProviderError(`ElevenLabs API answered with an error whose JSON body could not be read (${reason})`, { provider: PROVIDER, kind: 'server' }, cause)
      : new ProviderError(`ElevenLabs API request failed: ${reason}`, { provider: PROVIDER, kind: 'network' }, cause);
  return keyScrubber(context.key).scrub(mapped);
}

function classify(status: number, code: string | undefined): { kind: ProviderErrorKind; quota?: QuotaScope } {
  if (code === 'quota_exceeded') return { kind: 'quota_exhausted', quota: 'monthly_characters' };
  if (code === 'too_many_concurrent_requests') return { kind: 'rate_limited', quota: 'concurrency' };
  if (status === 429) return { kind: 'rate_limited' };
  if (status === 401 || status === 403) return { kind: 'auth' };
  return { kind: status >= 500 ? 'server' : 'invalid_request' };
}

/** `detail` as `{status, message}`, or FastAPI's list of validation issues (code: the first issue's `type`). */
function describe(detail: unknown): { code: string | undefined; text: string } {
  if (Array.isArray(detail)) {
    const issues = detail as { loc?: unknown[]; msg?: string; type?: string }[];
    const text = issues.map((i) => `${(i.loc ?? []).join('.')}: ${i.msg ?? ''}`).join('; ');
    return { code: issues[0]?.type, text };
  }
  if (typeof detail === 'object' && detail !== null) {
    const { status, message } = detail as { status?: unknown; message?: unknown };
    return { code: typeof status === 'string' ? status : undefined, text: typeof message === 'string' ? message : JSON.stringify(detail) };
  }
  return { code: undefined, text: typeof detail === 'string' ? detail : 'no error detail in the reply' };
}

/** The error body: parsed JSON, or the text when it is not JSON (scrubbed, then cut); undefined when unreadable. */
async function readBody(body: unknown, scrubber: Scrubber): Promise<unknown> {
  try {
    const raw = typeof (body as ReadableStream | undefined)?.getReader === 'function' ? await new Response(body as ReadableStream).text() : body;
    if (typeof raw !== 'string') return raw;
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      // Scrubbed before the cut: a key cut in two is no longer a form the scrubber knows.
      return { detail: scrubber.scrubText(raw).slice(0, MAX_BODY_TEXT) };
    }
  } catch {
    return undefined;
  }
}

function isHttpError(error: unknown): error is HttpErrorShape {
  return error instanceof Error && typeof (error as { statusCode?: unknown }).statusCode === 'number';
}

/**
 * The 2.x SDK's error for an error reply labelled JSON whose body is not (a proxy's HTML page, a cut body): it
 * parses error bodies only after the status said the request failed, and its parse error surfaces as an error
 * without `statusCode` whose cause is that `SyntaxError`. The server did answer, with a failure: not a network
 * fault. Its status and body are lost inside the SDK.
 */
function unreadableErrorReply(error: unknown): boolean {
  return error instanceof Error && (error as { cause?: unknown }).cause instanceof SyntaxError;
}
