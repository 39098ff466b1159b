import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ProviderAdapter } from '../adapter.js';
import type { CostCalculator } from '../pricing/cost-calculator.js';

/**
 * One part that could not be preloaded, and why: e.g. `SdkMissingError` for a provider whose SDK is not
 * installed. The first call that needs the part fails with the same error.
 *
 * @example
 * ```ts
 * const { failed } = await ai.ready();
 * for (const { name, error } of failed) console.warn(`${name} not loaded: ${error.message}`);
 * ```
 */
export interface PreloadFailure {
  /** The provider's name as registered (`openai`, `gemini`, …), or `pricing` for the price data. */
  readonly name: string;
  /** The error the first call needing the part will get (an `SdkMissingError` for a missing SDK). */
  readonly error: Error;
}

/**
 * What `ai.ready()` preloaded: the parts that loaded and those that failed. `ready()` never rejects: a provider
 * registered without its SDK fails only its own calls, as it would without a preload.
 *
 * @example
 * ```ts
 * const report: ReadyReport = await ai.ready();
 * if (report.failed.length > 0) throw report.failed[0]!.error; // fail fast instead
 * console.log(report.loaded); // ['pricing', 'openai', 'elevenlabs']
 * ```
 */
export interface ReadyReport {
  /** The parts loaded: `pricing`, then the providers that have something to load, in registration order. */
  readonly loaded: readonly string[];
  /** The parts that failed to load, each with its error. */
  readonly failed: readonly PreloadFailure[];
}

/**
 * A step of the preload that warms rather than loads (e.g. reading the key chain's `.env` files ahead of the
 * first call): not reported in the {@link ReadyReport}, and its failure is ignored (the first call meets it).
 */
export type WarmStep = () => Promise<void> | void;

/**
 * Preloads the price data and the providers' SDKs, one part after another (each load blocks the event loop
 * while its modules evaluate, so one at a time leaves the loop turns in between), then runs the warm steps, each
 * in a turn of the loop of its own, and reports the outcome. Never rejects. Started once: the returned function
 * hands out the same promise every time.
 *
 * @example
 * ```ts
 * const ready = preloader(providers, costs, [() => keyChain.preload('production')]);
 * ready(); // start in the background
 * const { loaded, failed } = await ready();
 * ```
 */
export function preloader(providers: Readonly<Record<string, ProviderAdapter>>, costs: CostCalculator | undefined, warm: readonly WarmStep[] = []): () => Promise<ReadyReport> {
  let started: Promise<ReadyReport> | undefined;
  return () => (started ??= preloadAll(providers, costs, warm));
}

async function preloadAll(providers: Readonly<Record<string, ProviderAdapter>>, costs: CostCalculator | undefined, warm: readonly WarmStep[]): Promise<ReadyReport> {
  const parts: Array<[string, () => Promise<void>]> = [];
  if (costs?.preload) parts.push(['pricing', () => costs.preload?.() ?? Promise.resolve()]);
  for (const [name, adapter] of Object.entries(providers)) {
    if (typeof adapter.preload === 'function') parts.push([name, () => adapter.preload?.() ?? Promise.resolve()]);
  }
  const loaded: string[] = [];
  const failed: PreloadFailure[] = [];
  for (const [name, load] of parts) {
    try {
      await load();
      loaded.push(name);
    } catch (error) {
      failed.push({ name, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }
  for (const step of warm) {
    await nextTurn();
    try {
      await step();
    } catch {
      // Warming only: the first call meets the same failure and reports it.
    }
  }
  return { loaded, failed };
}
