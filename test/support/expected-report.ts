// Report totals computed the plain way, straight from generated events, to check `aimeter report` against:
// nothing here is shared with src/report.
import type { UsageEvent } from '../../src/usage-event.js';

export const FIGURES = [
  'inputTokens',
  'outputTokens',
  'cachedInputTokens',
  'reasoningTokens',
  'toolUsePromptTokens',
  'characters',
  'credits',
  'audioSeconds',
  'audioInputTokens',
  'cachedAudioInputTokens',
  'audioOutputTokens',
  'imageInputTokens',
  'videoInputTokens',
] as const;
export type Figure = (typeof FIGURES)[number];
type Q = { value: number; provenance: 'reported' | 'estimated' } | { value: null; provenance: 'missing' };

/** A figure of an event: a usage field, or a modality's count with its total's provenance (none without a split). */
function quantityOf(event: UsageEvent, figure: Figure): Q | undefined {
  const u = event.usage;
  const share = (count: number | undefined, total: Q | undefined): Q | undefined =>
    count === undefined || total === undefined || total.value === null ? undefined : { value: count, provenance: total.provenance };
  if (figure === 'audioInputTokens') return share(u.modalities?.input?.audio, u.inputTokens);
  if (figure === 'cachedAudioInputTokens') return share(u.modalities?.cachedInput?.audio, u.cachedInputTokens);
  if (figure === 'audioOutputTokens') return share(u.modalities?.output?.audio, u.outputTokens);
  if (figure === 'imageInputTokens') return share(u.modalities?.input?.image, u.inputTokens);
  if (figure === 'videoInputTokens') return share(u.modalities?.input?.video, u.inputTokens);
  return u[figure];
}

export interface Sum {
  value: number;
  estimated: number;
  missing: number;
}

export interface ExpectedRow {
  requests: number;
  errors: number;
  aborted: number;
  /** Only the figures some event of the row had. */
  figures: Partial<Record<Figure, Sum>>;
  /** Undefined when no event of the row carried a cost. */
  cost?: Sum;
  markup?: number;
  estimatedEvents: number;
  missingEvents: number;
}

export function groupOf(event: UsageEvent, group: string): string {
  if (group === 'day') return event.time.slice(0, 10);
  if (group === 'month') return event.time.slice(0, 7);
  if (group === 'provider') return event.provider;
  if (group === 'model') return event.model;
  if (group === 'operation') return event.operation;
  if (group === 'environment') return event.environment;
  if (group === 'serviceTier') return event.usage.serviceTier ?? '(none)';
  const tag = group.startsWith('tag:') ? group.slice(4) : group;
  return event.tags[tag] ?? '(none)';
}

function emptyRow(): ExpectedRow {
  return { requests: 0, errors: 0, aborted: 0, figures: {}, estimatedEvents: 0, missingEvents: 0 };
}

function count(row: ExpectedRow, event: UsageEvent): void {
  row.requests += event.usage.requests;
  if (event.status === 'error') row.errors += 1;
  if (event.status === 'aborted') row.aborted += 1;
  let anyEstimated = false;
  let anyMissing = false;
  for (const figure of FIGURES) {
    const q = quantityOf(event, figure);
    if (q === undefined) continue;
    const sum = (row.figures[figure] ??= { value: 0, estimated: 0, missing: 0 });
    if (q.provenance === 'missing') {
      sum.missing += 1;
      anyMissing = true;
    } else {
      sum.value += q.value;
    }
    if (q.provenance === 'estimated') {
      sum.estimated += 1;
      anyEstimated = true;
    }
  }
  if (event.cost !== undefined) {
    row.cost ??= { value: 0, estimated: 0, missing: 0 };
    if (event.cost.usd === undefined) {
      row.cost.missing += 1;
      anyMissing = true;
    } else {
      row.cost.value += event.cost.usd;
    }
    if (anyEstimated) row.cost.estimated += 1;
    if (event.cost.markupUsd !== undefined) row.markup = (row.markup ?? 0) + event.cost.markupUsd;
  }
  if (anyEstimated) row.estimatedEvents += 1;
  if (anyMissing) row.missingEvents += 1;
}

/** Expected rows keyed by `JSON.stringify(groupValues)`, and the total, of the events `keep` accepts. */
export function expectedReport(
  events: readonly UsageEvent[],
  by: readonly string[],
  keep: (event: UsageEvent) => boolean = () => true,
): { rows: Map<string, ExpectedRow>; total: ExpectedRow } {
  const rows = new Map<string, ExpectedRow>();
  const total = emptyRow();
  for (const event of events) {
    if (!keep(event)) continue;
    const key = JSON.stringify(by.map((g) => groupOf(event, g)));
    let row = rows.get(key);
    if (row === undefined) {
      row = emptyRow();
      rows.set(key, row);
    }
    count(row, event);
    count(total, event);
  }
  return { rows, total };
}
