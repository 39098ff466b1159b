import type { ElevenLabsCycleUsage } from '../elevenlabs-cycle.js';
import { htmlTable } from './html-table.js';
import { amount, escapeHtml } from './html-text.js';
import type { D3 } from './load-d3.js';
import { seriesDefs, seriesFill } from './chart-series.js';
import { chartSection, round, svgText } from './svg-figure.js';

const WIDTH = 360;
const HEIGHT = 210;
const CENTRE = { x: WIDTH / 2, y: 170 };
const RADIUS = { inner: 95, outer: 150 };

/**
 * The ElevenLabs billing-cycle gauge: credits used of the quota as a half-circle, the percentage written in
 * its middle, the plan, cycle and reset date beside it, and the same figures as a table.
 *
 * @param d3 - from {@link loadD3}
 * @param cycle - the report's `elevenlabs` figures, from {@link elevenlabsCycleTally}
 * @param series - the ElevenLabs series index, so the gauge wears the provider's pattern
 *
 * @example
 * ```ts
 * if (report.elevenlabs) html += elevenlabsGaugeSection(await loadD3(), report.elevenlabs, 2);
 * ```
 */
export function elevenlabsGaugeSection(d3: D3, cycle: ElevenLabsCycleUsage, series: number): string {
  const marks = `${cycle.estimatedCredits > 0 ? '~' : ''}${cycle.missingCredits > 0 ? '?' : ''}`;
  const used = `${marks}${cycle.percentUsed.toFixed(1)} %`;
  const plan = cycle.plan ? `${cycle.plan} plan` : `quota of ${amount(cycle.quotaCredits)} credits`;
  const reset = cycle.resetsAt.slice(0, 10);
  const summary = `${marks}${amount(cycle.credits)} of ${amount(cycle.quotaCredits)} credits used (${used}) in the cycle ${cycle.cycleStart.slice(0, 10)} to ${reset}; ${amount(cycle.remainingCredits)} left; resets ${cycle.resetsAt}.`;
  const arc = d3.arc();
  const half = Math.PI / 2;
  const shape = (end: number): string => arc({ innerRadius: RADIUS.inner, outerRadius: RADIUS.outer, startAngle: -half, endAngle: end }) ?? '';
  const fraction = Math.min(1, Math.max(0, cycle.percentUsed / 100));
  const body = [
    seriesDefs('gauge', series + 1),
    `<g transform="translate(${CENTRE.x},${CENTRE.y})">`,
    `<path d="${shape(half)}" class="track"/>`,
    fraction > 0 ? `<path d="${shape(-half + Math.PI * fraction)}" fill="${seriesFill('gauge', series)}" class="seg"/>` : '',
    `</g>`,
    svgText(CENTRE.x, CENTRE.y - 22, used, 'middle', 'class="big"'),
    svgText(CENTRE.x, CENTRE.y - 2, cycle.percentUsed > 100 ? 'over the quota' : 'of the quota used', 'middle'),
    svgText(CENTRE.x - (RADIUS.inner + RADIUS.outer) / 2, CENTRE.y + 20, '0', 'middle'),
    svgText(CENTRE.x + (RADIUS.inner + RADIUS.outer) / 2, CENTRE.y + 20, amount(cycle.quotaCredits), 'middle'),
  ].join('\n');
  const rows = [
    ['plan', cycle.plan ?? '(quota given)'],
    ['credits used', `${marks}${amount(cycle.credits)}`, cycle.credits],
    ['quota (credits)', amount(cycle.quotaCredits), cycle.quotaCredits],
    ['credits left', amount(cycle.remainingCredits), cycle.remainingCredits],
    ['share used', used, round(cycle.percentUsed)],
    ['characters', amount(cycle.characters), cycle.characters],
    ['requests', amount(cycle.requests), cycle.requests],
    ['cycle began', cycle.cycleStart],
    ['quota resets', cycle.resetsAt],
  ] as const;
  const table = htmlTable({
    caption: 'ElevenLabs billing cycle',
    head: ['figure', 'value'],
    rows: rows.map(([name, text, value]) => [{ text: name }, { text, ...(value === undefined ? {} : { value }) }]),
  });
  return chartSection({
    id: 'gauge',
    heading: `ElevenLabs credits this billing cycle (${plan})`,
    title: `ElevenLabs credits used of the ${plan}: ${used}`,
    desc: `A half-circle gauge filled to ${used} of ${amount(cycle.quotaCredits)} credits; the quota resets on ${reset}.`,
    width: WIDTH,
    height: HEIGHT,
    body,
    table,
    tableLabel: 'The billing cycle as a table',
    caption: `<p class="gauge-text">${escapeHtml(summary)}</p>`,
  });
}
