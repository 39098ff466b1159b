// What an ElevenLabs reply's headers tell, when the SDK exposes them (`@elevenlabs/elevenlabs-js` 2.x through
// `.withRawResponse()`; `elevenlabs` 1.59 exposes none).

/** The headers a call result keeps (lower-case): billing, the request id and the account's concurrency. */
const KEPT = ['character-cost', 'x-character-count', 'request-id', 'history-item-id', 'current-concurrent-requests', 'maximum-concurrent-requests'] as const;

/** What the adapter reads from one reply's headers. */
export interface ReplyFacts {
  /** Credits billed: `character-cost`, else `x-character-count` (the docs name both); undefined when neither is a count. */
  readonly credits: number | undefined;
  /** `request-id`. */
  readonly requestId: string | undefined;
  /** The kept headers, for `CallResult.headers` (the adaptive limiter reads the concurrency pair there). */
  readonly headers: Record<string, string> | undefined;
}

const NONE: ReplyFacts = { credits: undefined, requestId: undefined, headers: undefined };

/** Reads {@link ReplyFacts} from a reply's headers; all undefined when the SDK exposed none. */
export function replyFacts(headers: Headers | undefined): ReplyFacts {
  if (!headers) return NONE;
  const kept: Record<string, string> = {};
  for (const name of KEPT) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value;
  }
  return { credits: count(kept['character-cost']) ?? count(kept['x-character-count']), requestId: kept['request-id'], headers: kept };
}

function count(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}
