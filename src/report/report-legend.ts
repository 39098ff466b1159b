import type { ElevenLabsCycleUsage } from './elevenlabs-cycle.js';
import type { ReportRow, ReportTotal } from './report-row.js';

/** What `~` in a report means, and the usual reasons a figure is estimated. */
const ESTIMATED = [
  '~ the total includes figures aimeter estimated where the provider did not report them: a stream cut before its',
  '  usage arrived (text counted with the tokenizer, OpenAI speech from the audio received), an ElevenLabs stream',
  "  cut (its characters), ElevenLabs credits with the elevenlabs 1.59 SDK (it hides the character-cost header)",
].join('\n');

/** What `?` in a report means. */
const MISSING = '? the total leaves out figures that are unknown (not reported and not estimated, or a model without a price)';

/**
 * The legend of the marks a report table uses, only for the marks that occur in `rows` (and the ElevenLabs
 * quota line of `cycle`): `~` a total that includes estimated figures, with the usual reasons, `?` one that
 * leaves out unknown figures. Empty when no total is marked.
 *
 * @param rows - the rows (and grand total) the table shows
 * @param cycle - the ElevenLabs quota line, when the report prints one @defaultValue none
 *
 * @example
 * ```ts
 * const rows = await summarizeUsage(events);
 * console.log(`${formatReport(rows, ['provider', 'model'])}\n\n${reportLegend(rows)}`);
 * ```
 */
export function reportLegend(rows: readonly ReportRow[], cycle?: ElevenLabsCycleUsage): string {
  const totals = rows.flatMap((row) => [...Object.values(row.totals), ...(row.costUsd ? [row.costUsd] : [])] as ReportTotal[]);
  const estimated = totals.some((t) => t.estimated > 0) || (cycle?.estimatedCredits ?? 0) > 0;
  const missing = totals.some((t) => t.missing > 0) || (cycle?.missingCredits ?? 0) > 0;
  return [...(estimated ? [ESTIMATED] : []), ...(missing ? [MISSING] : [])].join('\n');
}
