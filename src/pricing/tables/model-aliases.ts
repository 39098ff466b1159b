/**
 * A `-latest` alias's target from a date on: the provider retargets an alias without a new name, so each target
 * holds from `from` (UTC date) until the next entry's date.
 *
 * @example
 * ```ts
 * const entry: ModelAliasTarget = { from: '2026-03-06', model: 'gemini-3.1-pro-preview' };
 * ```
 */
export interface ModelAliasTarget {
  /** First day (UTC, `YYYY-MM-DD`) the alias points to `model`. */
  readonly from: string;
  /** The model the alias serves, priced as that model. */
  readonly model: string;
}

/**
 * The providers' rolling `-latest` aliases and the models they pointed to, by aimeter provider and alias, oldest
 * target first; compiled on `date`. A request before an alias's first entry is not resolved (its model stays
 * unknown). Add or correct a target with the `aliases` option of `defaultPriceSource`.
 *
 * Sources:
 * - `gemini-flash-latest`, `gemini-flash-lite-latest`: Google Developers Blog, 2025-09-25 ("Continuing to bring
 *   you our latest models, with an improved Gemini 2.5 Flash and Flash-Lite release"), which introduced both
 *   aliases pointing to the 09-2025 previews, as reported by kiadev.net (2025-09-27) and vercel.com/ai-gateway
 *   (gemini-2.5-flash-lite-preview-09-2025). Later retargets (Google announces them by e-mail two weeks ahead)
 *   were not found in a public source: UNCONFIRMED after 2025-09-25.
 * - `gemini-pro-latest`: Google AI Studio's e-mail of 2026-02-27 quoted in google-gemini/gemini-cli#20588
 *   ("on March 6, 2026, we will switch the gemini-pro-latest alias to point to the new 3.1 Pro model").
 *
 * OpenAI's `chatgpt-4o-latest` and `gpt-5-chat-latest` are priced under their own names by
 * `@pydantic/genai-prices` and need no entry here.
 *
 * @example
 * ```ts
 * MODEL_ALIASES.aliases.gemini['gemini-pro-latest']?.at(-1)?.model; // 'gemini-3.1-pro-preview'
 * ```
 */
export const MODEL_ALIASES = {
  /** When the table was compiled. */
  date: '2026-12-05',
  aliases: {
    gemini: {
      'gemini-flash-latest': [{ from: '2025-09-25', model: 'gemini-2.5-flash-preview-09-2025' }],
      'gemini-flash-lite-latest': [{ from: '2025-09-25', model: 'gemini-2.5-flash-lite-preview-09-2025' }],
      'gemini-pro-latest': [{ from: '2026-03-06', model: 'gemini-3.1-pro-preview' }],
    },
  },
} as const satisfies { date: string; aliases: Readonly<Record<string, Readonly<Record<string, readonly ModelAliasTarget[]>>>> };
