import type { Attributes, Counter, Histogram, Meter } from '@opentelemetry/api';
import type { UsageEvent } from '../usage-event.js';
import { GEN_AI, GEN_AI_METRICS, OPERATION_DURATION_BUCKETS, TOKEN_USAGE_BUCKETS } from './semconv.js';

/**
 * The client's instruments: the conventions' token usage and operation duration histograms (with their advised
 * buckets) and aimeter's cost counters, in US dollars.
 *
 * @example
 * ```ts
 * const metrics = new TelemetryMetrics(metrics.getMeter('aimeter'));
 * metrics.usage(event, attributes);
 * ```
 */
export class TelemetryMetrics {
  readonly #tokens: Histogram;
  readonly #duration: Histogram;
  readonly #cost: Counter;
  readonly #markup: Counter;

  /** @param meter - where the instruments are created */
  constructor(meter: Meter) {
    this.#tokens = meter.createHistogram(GEN_AI_METRICS.tokenUsage, {
      description: 'Number of input and output tokens used',
      unit: '{token}',
      advice: { explicitBucketBoundaries: [...TOKEN_USAGE_BUCKETS] },
    });
    this.#duration = meter.createHistogram(GEN_AI_METRICS.operationDuration, {
      description: 'GenAI operation duration',
      unit: 's',
      advice: { explicitBucketBoundaries: [...OPERATION_DURATION_BUCKETS] },
    });
    this.#cost = meter.createCounter('aimeter.client.cost', { description: 'What the provider charges for the requests, in US dollars', unit: '{USD}' });
    this.#markup = meter.createCounter('aimeter.client.cost.markup', { description: 'The markup added on top of the provider charge, in US dollars', unit: '{USD}' });
  }

  /**
   * Records one provider request's usage event: its input and output tokens (those known) and its cost.
   *
   * @param event - the usage event
   * @param attributes - the request's metric attributes (operation, provider, models, tags)
   */
  usage(event: UsageEvent, attributes: Attributes): void {
    const input = event.usage.inputTokens?.value;
    const output = event.usage.outputTokens?.value;
    if (typeof input === 'number') this.#tokens.record(input, { ...attributes, [GEN_AI.tokenType]: 'input' });
    if (typeof output === 'number') this.#tokens.record(output, { ...attributes, [GEN_AI.tokenType]: 'output' });
    const usd = event.cost?.usd;
    if (usd !== undefined) this.#cost.add(usd, attributes);
    const markup = event.cost?.markupUsd;
    if (markup !== undefined) this.#markup.add(markup, attributes);
  }

  /**
   * Records how long one provider request took.
   *
   * @param seconds - its duration
   * @param attributes - its metric attributes, with `error.type` when it failed
   */
  duration(seconds: number, attributes: Attributes): void {
    this.#duration.record(seconds, attributes);
  }
}
