import { MODEL_ALIASES, type ModelAliasTarget } from './tables/model-aliases.js';

/**
 * How a price was found for a model name that no source knows as it is: `provider-prefix` (`openai/gpt-4o`,
 * `models/gemini-2.5-flash`), `dated-snapshot` (`gpt-4o-mini-tts-2025-12-15` priced as `gpt-4o-mini-tts`),
 * `latest-alias` (`gemini-flash-latest` priced as the model it pointed to then), or `source-match` (the price
 * source's own rule matched another entry, e.g. genai-prices pricing `gpt-4o-2024-11-20` as `gpt-4o`).
 *
 * @example
 * ```ts
 * if (event.cost?.snapshot.resolvedVia === 'latest-alias') console.log('priced as', event.cost.snapshot.model);
 * ```
 */
export type ModelResolution = 'provider-prefix' | 'dated-snapshot' | 'latest-alias' | 'source-match';

/**
 * One name to try for a model, and how it was derived.
 *
 * @example
 * ```ts
 * const candidate: ModelNameCandidate = { model: 'gpt-4o-mini-tts', via: 'dated-snapshot' };
 * ```
 */
export interface ModelNameCandidate {
  readonly model: string;
  readonly via: ModelResolution;
}

/**
 * Aliases by `'provider:alias'`, each a list of targets by start date (see {@link MODEL_ALIASES}).
 *
 * @example
 * ```ts
 * const aliases: ModelAliases = { 'gemini:gemini-flash-latest': [{ from: '2026-09-15', model: 'gemini-3.8-flash' }] };
 * ```
 */
export type ModelAliases = Readonly<Record<string, readonly ModelAliasTarget[]>>;

/** Prefixes that name a provider or an API resource rather than the model (`models/` is Gemini's resource name). */
const PREFIXES = ['models/', 'publishers/google/models/', 'openai/', 'google/', 'gemini/', 'elevenlabs/'];

/** A trailing snapshot date: `-2025-12-15` (OpenAI) or `-20250514` (the same date without dashes). */
const DATED = /-(?:20\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])|20\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))$/;

/**
 * The other names a model's price may be found under, in the order to try them: the name without a provider
 * prefix, then (for that name) the alias's target in force at `time`, then the name without a trailing snapshot
 * date. Empty when the name has none of these forms. The first candidate a source prices wins; a source that
 * knows the exact name is always asked first, so a dated snapshot with a price of its own keeps it.
 *
 * @example
 * ```ts
 * modelNameCandidates('openai', 'openai/gpt-4o-mini-tts-2025-12-15', new Date());
 * // [{ model: 'gpt-4o-mini-tts-2025-12-15', via: 'provider-prefix' }, { model: 'gpt-4o-mini-tts', via: 'dated-snapshot' }]
 * ```
 */
export function modelNameCandidates(provider: string, model: string, time: Date, aliases: ModelAliases = {}): ModelNameCandidate[] {
  const out: ModelNameCandidate[] = [];
  const bare = withoutPrefix(model);
  if (bare !== model) out.push({ model: bare, via: 'provider-prefix' });
  const target = aliasTarget(provider, bare, time, aliases);
  if (target !== undefined) out.push({ model: target, via: 'latest-alias' });
  const undated = bare.replace(DATED, '');
  if (undated !== bare && undated.length > 0) out.push({ model: undated, via: 'dated-snapshot' });
  return out;
}

/**
 * How `matched` (the entry a source priced) relates to `requested`: `dated-snapshot` when it is the requested
 * name without its date, `source-match` otherwise; `undefined` when they are the same name.
 *
 * @example
 * ```ts
 * resolutionOf('gpt-4o-2024-11-20', 'gpt-4o'); // 'dated-snapshot'
 * resolutionOf('gpt-5-chat-latest', 'gpt-5'); // 'source-match'
 * ```
 */
export function resolutionOf(requested: string, matched: string): ModelResolution | undefined {
  const name = requested.toLowerCase();
  if (name === matched.toLowerCase()) return undefined;
  const bare = withoutPrefix(name);
  if (bare === matched.toLowerCase()) return 'provider-prefix';
  return bare.replace(DATED, '') === matched.toLowerCase() ? 'dated-snapshot' : 'source-match';
}

function withoutPrefix(model: string): string {
  for (const prefix of PREFIXES) if (model.startsWith(prefix)) return model.slice(prefix.length);
  return model;
}

function aliasTarget(provider: string, model: string, time: Date, aliases: ModelAliases): string | undefined {
  const table = MODEL_ALIASES.aliases as Readonly<Record<string, Readonly<Record<string, readonly ModelAliasTarget[]>>>>;
  const targets = aliases[`${provider}:${model}`] ?? table[provider]?.[model];
  if (targets === undefined) return undefined;
  const day = time.toISOString().slice(0, 10);
  let found: string | undefined;
  let from = '';
  for (const target of targets) {
    if (target.from <= day && target.from >= from) {
      found = target.model;
      from = target.from;
    }
  }
  return found;
}
