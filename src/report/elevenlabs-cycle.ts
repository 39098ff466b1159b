import { ConfigError } from '../errors/config-error.js';
import { ELEVENLABS_PLAN_LIMITS } from '../limits/presets/elevenlabs-plan.js';
import { billingCycle } from '../time/billing-cycle.js';
import type { UsageEvent } from '../usage-event.js';

/**
 * Which ElevenLabs quota a report measures, and the instant whose billing cycle it looks at.
 *
 * @example
 * ```ts
 * const options: ElevenLabsCycleOptions = { plan: 'creator', anchorDay: 15, at: Date.now() };
 * ```
 */
export interface ElevenLabsCycleOptions {
  /** The subscription plan; its credits are the quota unless `quotaCredits` is given. */
  readonly plan?: keyof typeof ELEVENLABS_PLAN_LIMITS;
  /** Credits per billing cycle, e.g. a negotiated quota. @default the plan's credits */
  readonly quotaCredits?: number;
  /** Day of the month the subscription renews (UTC). @default 1 */
  readonly anchorDay?: number;
  /** Epoch ms inside the cycle to measure. */
  readonly at: number;
  /** Epoch ms from which events are not counted (the report's `until`). @default the cycle's end */
  readonly until?: number;
  /** Provider name the ElevenLabs adapter is registered under. @default 'elevenlabs' */
  readonly provider?: string;
}

/**
 * ElevenLabs usage in one billing cycle against the quota.
 *
 * @example
 * ```ts
 * const { credits, quotaCredits, percentUsed, resetsAt }: ElevenLabsCycleUsage = tally.result();
 * ```
 */
export interface ElevenLabsCycleUsage {
  /** The plan named, if any. */
  readonly plan?: string;
  /** Credits the cycle allows. */
  readonly quotaCredits: number;
  /** The billing anchor day. */
  readonly anchorDay: number;
  /** When the cycle began, ISO 8601 UTC. */
  readonly cycleStart: string;
  /** When the cycle ends and the quota resets, ISO 8601 UTC. */
  readonly resetsAt: string;
  /** ElevenLabs requests in the cycle. */
  readonly requests: number;
  /** Characters sent to text-to-speech in the cycle. */
  readonly characters: number;
  /** Credits billed in the cycle. */
  readonly credits: number;
  /** `credits` as a percentage of `quotaCredits`. */
  readonly percentUsed: number;
  /** Credits left before the quota runs out (0 once over). */
  readonly remainingCredits: number;
  /** Requests whose credits were estimated by aimeter. */
  readonly estimatedCredits: number;
  /** Requests whose credits are unknown (not in `credits`). */
  readonly missingCredits: number;
}

/**
 * A running count of one billing cycle, from {@link elevenlabsCycleTally}.
 *
 * @example
 * ```ts
 * const cycle: ElevenLabsCycleTally = elevenlabsCycleTally({ quotaCredits: 250_000, at: Date.now() });
 * console.log(new Date(cycle.start), new Date(cycle.end));
 * ```
 */
export interface ElevenLabsCycleTally {
  /** Epoch ms the cycle starts at: read events from here to count all of it. */
  readonly start: number;
  /** Epoch ms the cycle ends (the quota resets) at. */
  readonly end: number;
  /** Counts the event if it is an ElevenLabs request of the cycle (before `until`); ignores any other. */
  add(event: UsageEvent): void;
  /** The figures so far. */
  result(): ElevenLabsCycleUsage;
}

/**
 * Counts ElevenLabs characters and credits of the billing cycle containing `at`, one event at a time.
 *
 * @param options - plan or quota, anchor day, the instant
 * @returns the cycle's bounds (epoch ms), `add` for each event, and the result
 *
 * @example
 * ```ts
 * const cycle = elevenlabsCycleTally({ plan: 'creator', anchorDay: 15, at: Date.now() });
 * for await (const event of ledger.readEvents({ since: new Date(cycle.start) })) cycle.add(event);
 * console.log(`${cycle.result().percentUsed.toFixed(1)} % used`);
 * ```
 */
export function elevenlabsCycleTally(options: ElevenLabsCycleOptions): ElevenLabsCycleTally {
  const { plan, at, provider = 'elevenlabs', anchorDay = 1 } = options;
  if (plan !== undefined && !Object.hasOwn(ELEVENLABS_PLAN_LIMITS, plan)) {
    throw new ConfigError('plan', `expected one of ${Object.keys(ELEVENLABS_PLAN_LIMITS).join(', ')}`);
  }
  const quotaCredits = options.quotaCredits ?? (plan === undefined ? undefined : ELEVENLABS_PLAN_LIMITS[plan].credits);
  if (quotaCredits === undefined || !Number.isFinite(quotaCredits) || quotaCredits <= 0) throw new ConfigError('quotaCredits', 'expected a plan or a number of credits above 0');
  if (!Number.isInteger(anchorDay) || anchorDay < 1 || anchorDay > 31) throw new ConfigError('anchorDay', 'expected a day of the month, 1 to 31');
  if (!Number.isFinite(at)) throw new ConfigError('at', 'expected epoch milliseconds');
  const { start, end } = billingCycle(at, anchorDay);
  const stop = Math.min(end, options.until ?? end);
  let requests = 0;
  let characters = 0;
  let credits = 0;
  let estimatedCredits = 0;
  let missingCredits = 0;
  return {
    start,
    end,
    add(event) {
      if (event.provider !== provider) return;
      const time = Date.parse(event.time);
      if (!(time >= start && time < stop)) return;
      requests += event.usage.requests;
      characters += event.usage.characters?.value ?? 0;
      const used = event.usage.credits;
      if (used?.value === null) missingCredits += 1;
      else if (used) credits += used.value;
      if (used?.provenance === 'estimated') estimatedCredits += 1;
    },
    result: () => ({
      ...(plan === undefined ? {} : { plan }),
      quotaCredits,
      anchorDay,
      cycleStart: new Date(start).toISOString(),
      resetsAt: new Date(end).toISOString(),
      requests,
      characters,
      credits,
      percentUsed: (credits / quotaCredits) * 100,
      remainingCredits: Math.max(0, quotaCredits - credits),
      estimatedCredits,
      missingCredits,
    }),
  };
}
