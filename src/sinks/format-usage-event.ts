import type { Quantity } from '../usage.js';
import type { UsageEvent } from '../usage-event.js';

/**
 * One short human line for a usage event: who, what, how it ended, how long, every figure (marked when it is
 * not the provider's own word) and the tags.
 *
 * @example
 * ```ts
 * ai.on('usage', (event) => console.log(formatUsageEvent(event)));
 * // [aimeter] openai:gpt-4o-mini chat #1 ok 212.4ms inputTokens=19 outputTokens=7(estimated) customer=acme
 * ```
 */
export function formatUsageEvent(event: UsageEvent): string {
  const { requests: _requests, ...quantities } = event.usage;
  const figures = Object.entries(quantities)
    .filter((entry): entry is [string, Quantity] => entry[1] !== undefined)
    .map(([name, q]) => `${name}=${q.value ?? '?'}${q.provenance === 'reported' ? '' : `(${q.provenance})`}`);
  const who = Object.entries(event.tags)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`);
  return [
    `[aimeter] ${event.provider}:${event.model} ${event.operation} #${event.attempt} ${event.status}`,
    `${event.latencyMs.toFixed(1)}ms`,
    ...figures,
    ...(event.cost ? [`cost=${event.cost.usd === undefined ? '?' : `$${event.cost.usd.toFixed(6)}`}`] : []),
    ...who,
  ].join(' ');
}
