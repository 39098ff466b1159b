import { assertKnownKeys } from '../../config/known-keys.js';
import { ConfigError } from '../../errors/config-error.js';

/**
 * Options of the `estimate` reservation mode: how many output tokens a chat reserves, learned per model.
 *
 * @example
 * ```ts
 * const reservation: OutputEstimateOptions = { quantile: 0.95, samples: 200, seedOutputTokens: 400 };
 * ```
 */
export interface OutputEstimateOptions {
  /** The quantile of the output tokens observed for the model that a chat reserves (0 < q ≤ 1). @default 0.9 */
  readonly quantile?: number;
  /** Observations kept per model, the latest ones. @default 100 */
  readonly samples?: number;
  /** Output tokens a chat reserves before its model's first observed reply. @default 256 */
  readonly seedOutputTokens?: number;
}

/**
 * How a chat's output tokens are reserved before it is sent. `exact` (the default, the one for hard money caps):
 * `maxOutputTokens`, or `defaultOutputTokens` when the request sets none, so a call can never settle above its
 * reservation and a budget is never overshot. `estimate`: a running quantile of the output tokens observed per
 * model (seeded by `seedOutputTokens`), never more than exact mode would reserve; far more calls fit a budget at
 * once, at the price of a bounded overshoot: at most (calls in flight when the last one was admitted) × (the
 * most any call settled above its reservation).
 *
 * @example
 * ```ts
 * const limits = { policies, reservation: 'estimate' as ReservationMode };
 * ```
 */
export type ReservationMode = 'exact' | 'estimate' | OutputEstimateOptions;

/**
 * The output tokens chats were billed, per model, and the quantile a new chat of that model reserves. The
 * observations of a model stay sorted as they come (a ring of the latest `samples`), so the quantile is one
 * array read on every call.
 *
 * @example
 * ```ts
 * const estimate = new OutputEstimate({ quantile: 0.9 });
 * estimate.observe('openai:gpt-4o-mini', 212);
 * estimate.expected('openai:gpt-4o-mini'); // 212
 * ```
 */
export class OutputEstimate {
  readonly #quantile: number;
  readonly #samples: number;
  readonly #seed: number;
  readonly #models = new Map<string, { ring: number[]; next: number; sorted: number[] }>();

  /** Throws {@link ConfigError} naming the field of a bad option. */
  constructor(options: OutputEstimateOptions = {}, field = 'limits.reservation') {
    assertKnownKeys(options, ['quantile', 'samples', 'seedOutputTokens'], field);
    const { quantile = 0.9, samples = 100, seedOutputTokens = 256 } = options;
    if (typeof quantile !== 'number' || !(quantile > 0 && quantile <= 1)) throw new ConfigError(`${field}.quantile`, 'expected a fraction above 0 and at most 1, e.g. 0.9');
    if (!Number.isInteger(samples) || samples < 1) throw new ConfigError(`${field}.samples`, 'expected a positive integer');
    if (!Number.isInteger(seedOutputTokens) || seedOutputTokens < 0) throw new ConfigError(`${field}.seedOutputTokens`, 'expected a non-negative integer');
    this.#quantile = quantile;
    this.#samples = samples;
    this.#seed = seedOutputTokens;
  }

  /** Output tokens a new chat of `model` reserves: the quantile of its observations, or the seed before any. */
  expected(model: string): number {
    const sorted = this.#models.get(model)?.sorted;
    if (!sorted?.length) return this.#seed;
    return sorted[Math.min(sorted.length - 1, Math.ceil(this.#quantile * sorted.length) - 1)]!;
  }

  /** Records the output tokens a chat of `model` was billed. */
  observe(model: string, outputTokens: number): void {
    if (!Number.isFinite(outputTokens) || outputTokens < 0) return;
    let m = this.#models.get(model);
    if (!m) {
      m = { ring: [], next: 0, sorted: [] };
      this.#models.set(model, m);
    }
    if (m.ring.length === this.#samples) {
      const old = m.ring[m.next]!;
      m.sorted.splice(lowerBound(m.sorted, old), 1);
      m.ring[m.next] = outputTokens;
    } else m.ring.push(outputTokens);
    m.next = (m.next + 1) % this.#samples;
    m.sorted.splice(lowerBound(m.sorted, outputTokens), 0, outputTokens);
  }
}

/**
 * The estimate of a reservation mode: undefined for `exact`. Throws {@link ConfigError} naming `field`.
 *
 * @example
 * ```ts
 * const estimate = outputEstimateFor(options.reservation, 'limits.reservation');
 * ```
 */
export function outputEstimateFor(mode: ReservationMode | undefined, field: string): OutputEstimate | undefined {
  if (mode === undefined || mode === 'exact') return undefined;
  if (mode === 'estimate') return new OutputEstimate({}, field);
  if (typeof mode !== 'object' || mode === null) throw new ConfigError(field, 'expected "exact", "estimate" or { quantile, samples, seedOutputTokens }');
  return new OutputEstimate(mode, field);
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
