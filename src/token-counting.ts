/**
 * How a stream cut before the provider reported its usage (a barge-in, a `break`, an abort) gets its token
 * figures: `'exact'` counts what was sent and received with the model's tokenizer, on a worker thread, so the
 * caller's event loop never waits for it (the stream's `final` and the usage event follow once the count is
 * ready, and `ai.close()` waits for it; the thread and its tables add ~22 MB of RSS, whatever mix of models);
 * `'fast'` estimates inline from words and symbols (no tokenizer thread
 * nor rank tables in memory; within about 10–20 % on prose); `'off'` counts nothing: those figures are `missing`,
 * never 0. Figures of a cut stream are always `estimated`; usage the provider reported is never recounted.
 *
 * @example
 * ```ts
 * const ai = createAIClient({ tokenCounting: 'fast' });
 * ```
 */
export type TokenCounting = 'exact' | 'fast' | 'off';

/**
 * Every {@link TokenCounting} mode, to check an option against.
 *
 * @example
 * ```ts
 * if (!TOKEN_COUNTING_MODES.includes(value)) throw new ConfigError(`tokenCounting: unknown mode "${value}"`);
 * ```
 */
export const TOKEN_COUNTING_MODES: readonly TokenCounting[] = ['exact', 'fast', 'off'];
