import { keyFingerprint } from '../keys/fingerprint.js';
import { CleanTexts } from './clean-texts.js';
import { encodedForms } from './encoded-forms.js';
import { RegisteredForms } from './registered-forms.js';
import { KEY_PATTERNS, type SecretPattern } from './key-patterns.js';
import { isCleanPlainData } from './plain-data.js';
import { scrubGraph } from './scrub-graph.js';

/**
 * Options of {@link Scrubber}.
 *
 * @example
 * ```ts
 * const scrubber = new Scrubber({ patterns: [...KEY_PATTERNS, { name: 'acme', regex: /\bacme_\w{32}\b/g, secret: 0 }] });
 * ```
 */
export interface ScrubberOptions {
  /** Secret shapes masked even when their value was never registered. @default KEY_PATTERNS */
  readonly patterns?: readonly SecretPattern[];
  /** Most objects visited in one {@link Scrubber.scrub} call; anything beyond is replaced, never passed through. @default 20000 */
  readonly maxNodes?: number;
}

/**
 * What a masked secret of unknown origin is replaced with (a registered one becomes `[redacted:fp_…]`).
 *
 * @example
 * ```ts
 * if (line.includes(REDACTED)) console.warn('a secret-shaped value was masked in this line');
 * ```
 */
export const REDACTED = '[redacted]';

/** Up to this many registered forms (about 20 keys) one regular expression tests a text fastest; beyond, the prefix index. */
const REGEX_FORMS = 256;

/**
 * Removes secrets from text and from any value: every registered value (and its JSON-escaped, URL-encoded,
 * percent-encoded, hex and base64 forms, see {@link encodedForms}; a value with whitespace around it also
 * trimmed, as HTTP clients send it) becomes `[redacted:fp_…]` (its fingerprint, safe to log), and every {@link KEY_PATTERNS}
 * match becomes `[redacted]`. An aimeter client owns one: each resolved key is registered before first use,
 * and every event, log line, sink record and thrown error goes through it.
 *
 * `scrub` never mutates its input: it returns the same value when nothing needed masking, else a copy in
 * which only the objects that held a secret are copied (prototypes kept, so `instanceof` and
 * `ProviderError.isInstance` still hold). It follows `cause` chains, `Headers`, `Map`, `Set`, URLs and byte
 * arrays; it survives circular references, throwing getters and proxies.
 *
 * @example
 * ```ts
 * const scrubber = new Scrubber();
 * scrubber.register(process.env.OPENAI_API_KEY!);
 * logger.error(scrubber.scrub(error));
 * scrubber.scrubText(`GET /v1/models?key=${googleKey}`); // 'GET /v1/models?key=[redacted]'
 * ```
 */
export class Scrubber {
  readonly #patterns: readonly SecretPattern[];
  readonly #maxNodes: number;
  readonly #secrets = new Set<string>();
  readonly #replacements = new Map<string, string>();
  #values: RegExp | undefined;
  /** Matches any text holding a pattern's anchor; undefined when a pattern has no anchors. */
  readonly #suspect: RegExp | undefined;
  readonly #clean = new CleanTexts();
  readonly #forms = new RegisteredForms();
  #holdsValue(text: string): boolean {
    const values = this.#values;
    if (!values) return false;
    values.lastIndex = 0; // `g`, for replace
    return values.test(text);
  }
  readonly #isClean = (text: string): boolean => {
    if (this.#clean.has(text)) return true;
    if (this.#suspect!.test(text)) return false;
    if (this.#forms.size > REGEX_FORMS ? this.#forms.heldBy(text) : this.#holdsValue(text)) return false;
    this.#clean.add(text);
    return true;
  };

  /** @param options - see {@link ScrubberOptions} */
  constructor(options: ScrubberOptions = {}) {
    this.#patterns = options.patterns ?? KEY_PATTERNS;
    this.#maxNodes = options.maxNodes ?? 20_000;
    this.#suspect = suspectRegex(this.#patterns);
  }

  /**
   * Registers a secret value: from now on it and its encoded forms are masked everywhere. Values shorter
   * than 8 characters (once trimmed) are ignored: masking them would mangle ordinary text, and no provider
   * issues keys that short.
   *
   * @example
   * ```ts
   * scrubber.register(key.value);
   * ```
   */
  register(secret: string): void {
    if (typeof secret !== 'string' || this.#secrets.has(secret)) return;
    this.#secrets.add(secret);
    const replacement = `[redacted:${keyFingerprint(secret)}]`;
    const added: string[] = [];
    for (const form of encodedForms(secret)) {
      if (!this.#replacements.has(form)) {
        this.#replacements.set(form, replacement);
        this.#forms.add(form);
        added.push(form);
      }
    }
    if (added.length === 0) return;
    const forms = [...this.#replacements.keys()];
    // Apart from the anchors: case-insensitive matching of thousands of registered forms is slow.
    this.#values = valuesRegex(forms, 'g');
    this.#clean.forget(valuesRegex(added, '')); // a text clean until now may hold the new value
  }

  /**
   * How many secret values are registered.
   *
   * @example
   * ```ts
   * if (scrubber.size === 0) console.warn('no key registered yet');
   * ```
   */
  get size(): number {
    return this.#secrets.size;
  }

  /**
   * Masks every registered value and every secret pattern in `text`.
   *
   * @example
   * ```ts
   * scrubber.scrubText('Authorization: Bearer sk-proj-…'); // 'Authorization: Bearer [redacted]'
   * ```
   */
  scrubText(text: string): string {
    // Most text holds no anchor and no registered form: one test instead of a pass per pattern.
    if (this.#suspect && this.#isClean(text)) return text;
    let out = this.#values ? text.replace(this.#values, (form) => this.#replacements.get(form) ?? REDACTED) : text;
    for (const pattern of this.#patterns) out = out.replace(pattern.regex, (match: string, ...groups: unknown[]) => maskGroup(match, pattern.secret === 0 ? match : groups[pattern.secret - 1]));
    return out;
  }

  /**
   * A copy of `value` with every secret masked, or `value` itself when it held none. Errors keep their class;
   * their message, stack, `cause` chain and every own property (SDK headers, URL, body) are scrubbed.
   *
   * @example
   * ```ts
   * try {
   *   await sdk.call();
   * } catch (error) {
   *   throw scrubber.scrub(error);
   * }
   * ```
   */
  scrub<T>(value: T): T {
    return scrubGraph(value, (text) => this.scrubText(text), this.#maxNodes);
  }

  /**
   * {@link Scrubber.scrub} for plain data you built yourself (records of strings, numbers, arrays and plain
   * objects, such as usage events and log lines): when every string and enumerable key passes one quick test
   * it returns `value` as it is, without a copy; anything else (a secret-shaped string, an error, a
   * Map, a class instance, deep nesting) goes through `scrub`. Hidden properties (non-enumerable or
   * symbol-keyed) are not looked at: use `scrub` for values that came from elsewhere.
   *
   * @example
   * ```ts
   * logger.info(scrubber.scrubPlain({ turnId, customer: 'acme', note: text }));
   * ```
   */
  scrubPlain<T>(value: T): T {
    return this.#suspect !== undefined && isCleanPlainData(value, this.#isClean) ? value : this.scrub(value);
  }
}

function maskGroup(match: string, secret: unknown): string {
  if (typeof secret !== 'string' || secret.length === 0) return match;
  if (secret.startsWith('[redacted')) return match;
  const at = match.lastIndexOf(secret);
  return `${match.slice(0, at)}${REDACTED}${match.slice(at + secret.length)}`;
}

// Undefined when some pattern has no anchors: then every string goes through every pattern.
function suspectRegex(patterns: readonly SecretPattern[]): RegExp | undefined {
  const anchors: string[] = [];
  for (const pattern of patterns) {
    if (!pattern.anchors?.length) return undefined;
    anchors.push(...pattern.anchors);
  }
  return new RegExp(anchors.map(escapeRegex).join('|'), 'i');
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function valuesRegex(forms: readonly string[], flags: string): RegExp {
  const sorted = [...forms].sort((a, b) => b.length - a.length);
  return new RegExp(sorted.map(escapeRegex).join('|'), flags);
}
