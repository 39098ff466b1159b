/**
 * One secret-shaped pattern the scrubber masks whether or not its value was registered. `secret` is the
 * capture group holding the secret; the rest of the match (a header name, `key=`) is kept for context.
 *
 * @example
 * ```ts
 * const custom: SecretPattern = { name: 'acme', regex: /\bacme_[0-9a-f]{32}\b/g, secret: 0, anchors: ['acme_'] };
 * const scrubber = new Scrubber({ patterns: [...KEY_PATTERNS, custom] });
 * ```
 */
export interface SecretPattern {
  /** Short name, used in audit findings. */
  readonly name: string;
  /** A global regular expression. */
  readonly regex: RegExp;
  /** Index of the capture group that holds the secret; 0 for the whole match. */
  readonly secret: number;
  /**
   * Text every match contains, one of these (compared without case). With anchors on every pattern, the
   * scrubber skips text that holds none of them and none of the registered values with one quick test
   * instead of running each pattern; a pattern without anchors is run on every string.
   * @default undefined (run on every string)
   */
  readonly anchors?: readonly string[];
}

// Characters a credential can contain in a header value, a query string or a token.
const TOKEN = String.raw`[A-Za-z0-9._~+/=%-]`;
// Quote, separator and quote around a header value in HTTP text, JSON, util.inspect of objects, Headers and Maps.
const SEP = String.raw`\\*["']?\s*(?:=>|[:=,])\s*\\*["']?`;
const SCHEME = '(?:Bearer|Basic|Token)';

/**
 * The provider key formats (OpenAI `sk-proj-…` / `sk-svcacct-…` / `sk-admin-…` and legacy `sk-` + 32+ alphanumerics, Google `AIza…`, ElevenLabs `sk_` + 48 hex), the credential headers
 * (`Authorization`, `x-goog-api-key`, `xi-api-key`, `api-key`, `x-api-key`) in HTTP, JSON and inspect forms,
 * `Bearer` and `Basic` credentials, and `key=` / `api_key=` URL parameters (also URL-encoded).
 *
 * @example
 * ```ts
 * const names = KEY_PATTERNS.map((p) => p.name); // ['openai', 'google', 'elevenlabs', 'header', …]
 * ```
 */
export const KEY_PATTERNS: readonly SecretPattern[] = [
  { name: 'openai', regex: /\bsk-(?:(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{20,}|[A-Za-z0-9]{32,})/g, secret: 0, anchors: ['sk-'] },
  { name: 'google', regex: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, secret: 0, anchors: ['AIza'] },
  { name: 'elevenlabs', regex: /\bsk_[0-9a-f]{48}(?![0-9a-f])/g, secret: 0, anchors: ['sk_'] },
  {
    name: 'header',
    regex: new RegExp(String.raw`\b(?:authorization|proxy-authorization|x-goog-api-key|xi-api-key|x-api-key|api-key)${SEP}(?:${SCHEME}\s+)?(?!${SCHEME}\s)(${TOKEN}{4,})`, 'gi'),
    secret: 1,
    anchors: ['authorization', 'api-key'],
  },
  { name: 'bearer', regex: new RegExp(String.raw`\b(?:Bearer|Basic)\s+(${TOKEN}{8,})`, 'g'), secret: 1, anchors: ['Bearer', 'Basic'] },
  { name: 'url-key', regex: /(?:[?&;]|%3F|%26)(?:key|api[_-]?key|access_token)(?:=|%3D)([^&\s"'#<>\\]+)/gi, secret: 1, anchors: ['key=', 'key%3D', 'token=', 'token%3D'] },
];
