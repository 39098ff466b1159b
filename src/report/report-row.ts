import type { ModalityTokens, Quantity, Usage } from '../usage.js';

/**
 * The figures a report adds up: the usage quantities, then the token totals of the audio, image and video
 * modalities ({@link Usage.modalities}: `audioInputTokens` ⊂ `inputTokens`, `cachedAudioInputTokens` ⊂
 * `cachedInputTokens` and `audioInputTokens`, `audioOutputTokens` ⊂ `outputTokens`, …), present for an event
 * whose provider split its totals by modality.
 *
 * @example
 * ```ts
 * const [row] = await summarizeUsage(sink.events);
 * for (const figure of REPORT_FIGURES) console.log(figure, row?.totals[figure]?.value ?? '-');
 * ```
 */
export const REPORT_FIGURES = [
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

/** Each modality figure: the split it reads, the modality, and the total whose provenance it shares. */
const MODALITY_FIGURES = {
  audioInputTokens: ['input', 'audio', 'inputTokens'],
  cachedAudioInputTokens: ['cachedInput', 'audio', 'cachedInputTokens'],
  audioOutputTokens: ['output', 'audio', 'outputTokens'],
  imageInputTokens: ['input', 'image', 'inputTokens'],
  videoInputTokens: ['input', 'video', 'inputTokens'],
} as const satisfies Readonly<Record<string, readonly ['input' | 'cachedInput' | 'output', keyof ModalityTokens, keyof Usage]>>;

/**
 * The quantity of one report figure in `usage`: the usage field itself, or a modality's share of a total with
 * that total's provenance; `undefined` when it does not apply (no split, or the split names no such modality).
 *
 * @example
 * ```ts
 * figureQuantity({ requests: 1, inputTokens: reported(64), modalities: { input: { text: 20, audio: 44 } } }, 'audioInputTokens');
 * // { value: 44, provenance: 'reported' }
 * ```
 */
export function figureQuantity(usage: Usage, figure: ReportFigure): Quantity | undefined {
  if (!(figure in MODALITY_FIGURES)) return usage[figure as keyof Usage] as Quantity | undefined;
  const [split, modality, total] = MODALITY_FIGURES[figure as keyof typeof MODALITY_FIGURES];
  const value = usage.modalities?.[split]?.[modality];
  const parent = usage[total];
  if (value === undefined || parent === undefined || parent.value === null) return undefined;
  return { value, provenance: parent.provenance };
}

/**
 * One figure a report adds up.
 *
 * @example
 * ```ts
 * const figure: ReportFigure = 'outputTokens';
 * const rows = await summarizeUsage(readJsonlLedger('usage.jsonl'), ['model']);
 * for (const row of rows) console.log(row.group[0], row.totals[figure]?.value ?? 0);
 * ```
 */
export type ReportFigure = (typeof REPORT_FIGURES)[number];

/**
 * A total, and how much of it is not the provider's own word.
 *
 * @example
 * ```ts
 * const [row] = await summarizeUsage(sink.events);
 * const total: ReportTotal | undefined = row?.totals.outputTokens;
 * if (total) console.log(`${total.value} output tokens (${total.estimated} estimated, ${total.missing} missing)`);
 * ```
 */
export interface ReportTotal {
  /** Sum of the known values. */
  readonly value: number;
  /** Events whose value was estimated by aimeter. */
  readonly estimated: number;
  /** Events where the figure applied but was unknown (not included in `value`). */
  readonly missing: number;
}

/**
 * One row of a usage report.
 *
 * @example
 * ```ts
 * const rows: ReportRow[] = await summarizeUsage(sink.events, ['customer']);
 * for (const row of rows) console.log(row.group[0], row.requests, row.errors, row.aborted, row.totals.credits?.value);
 * ```
 */
export interface ReportRow {
  /** The group's values, in the order of the `by` list (empty for a grand total). */
  readonly group: readonly string[];
  /** Provider requests (usage events). */
  readonly requests: number;
  /** Requests that failed. */
  readonly errors: number;
  /** Requests cancelled by the caller (a `break`, an `AbortSignal`, a barge-in). */
  readonly aborted: number;
  /** Totals of the figures that occurred in the group. */
  readonly totals: Readonly<Partial<Record<ReportFigure, ReportTotal>>>;
  /** Cost in USD of the priced events (`missing`: events whose cost is unknown); absent if none was priced. */
  readonly costUsd?: ReportTotal;
  /** Markup in USD on top of `costUsd`; absent if no event had one. */
  readonly markupUsd?: number;
  /** Events with at least one estimated figure. */
  readonly estimatedEvents: number;
  /** Events with at least one missing figure or an unknown cost. */
  readonly missingEvents: number;
}

/**
 * What the row's customers are billed: cost plus markup, in USD; `undefined` when nothing was priced.
 *
 * @example
 * ```ts
 * const [total] = await summarizeUsage(sink.events, []);
 * console.log(costWithMarkup(total!)?.toFixed(2));
 * ```
 */
export function costWithMarkup(row: ReportRow): number | undefined {
  return row.costUsd === undefined ? undefined : row.costUsd.value + (row.markupUsd ?? 0);
}
