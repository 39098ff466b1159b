import type { LedgerQuery } from '../ledger/ledger.js';
import { buildReport, type UsageReport } from '../report/build-report.js';
import { elevenlabsCycleTally } from '../report/elevenlabs-cycle.js';
import { formatReportTable } from '../report/format-report.js';
import { formatReportCsv } from '../report/format-report-csv.js';
import { formatReportJson } from '../report/format-report-json.js';
import { formatReportHtml } from '../report/format-report-html.js';
import { reportHtmlViews, type ReportHtmlViews } from '../report/format-html/report-html-views.js';
import type { Operation } from '../operations/operation.js';
import type { UsageStatus } from '../usage-event.js';
import { openLedgerEvents } from './open-ledger-events.js';
import { reportProgress, type ProgressOutput } from './report-progress.js';
import { REPORT_HELP } from './report-help.js';
import { parseReportArgs, type ReportOptions } from './report-options.js';
import { writeReportFile } from './write-report-file.js';

/**
 * Where `aimeter report` writes, and its clock: the process by default, anything in tests.
 *
 * @example
 * ```ts
 * let out = '';
 * const io: ReportIo = { stdout: { write: (s) => (out += s) }, stderr: { write: () => true } };
 * ```
 */
export interface ReportIo {
  /** The report, and nothing else. @default process.stdout */
  readonly stdout: { write(text: string): unknown };
  /** Progress, and warnings about lines of the ledger that were skipped. @default process.stderr */
  readonly stderr: ProgressOutput;
  /** Epoch ms now, for the ElevenLabs cycle when no --until is given and the HTML report's date. @default Date.now */
  readonly now?: () => number;
}

const FORMAT: Record<Exclude<ReportOptions['format'], 'html'>, (report: UsageReport) => string> = {
  table: (report) => `${formatReportTable(report)}\n`,
  json: formatReportJson,
  csv: formatReportCsv,
};

/**
 * `aimeter report`: totals of a ledger by group, filtered, as a table, JSON, CSV or an HTML page with charts,
 * with the ElevenLabs quota of the current billing cycle on request, on stdout or to the `--out` file. Every
 * format reads the ledger once. See `aimeter report --help`.
 *
 * @param args - the arguments after `report`
 * @param io - output streams and clock @defaultValue the process's
 *
 * @example
 * ```ts
 * await runReport(['--ledger', 'usage.db', '--by', 'customer,month', '--format', 'csv']);
 * ```
 */
export async function runReport(args: readonly string[], io: ReportIo = { stdout: process.stdout, stderr: process.stderr }): Promise<void> {
  const options = parseReportArgs(args);
  if (options.help) {
    io.stdout.write(REPORT_HELP);
    return;
  }
  const now = io.now ?? Date.now;
  const cycle = options.elevenlabs
    ? elevenlabsCycleTally({ ...options.elevenlabs, at: options.until ? options.until.getTime() - 1 : now(), ...(options.until ? { until: options.until.getTime() } : {}) })
    : undefined;
  // The cycle may begin before --since: it is read too, and counted only towards the quota.
  const readSince = cycle && options.since ? new Date(Math.min(options.since.getTime(), cycle.start)) : options.since;
  const showProgress = options.progress ?? io.stderr.isTTY === true;
  let progress: ReturnType<typeof reportProgress> | undefined;
  const source = await openLedgerEvents(options.ledger, ledgerQuery(options, readSince), {
    ...(options.table ? { table: options.table } : {}),
    ...(options.schema ? { schema: options.schema } : {}),
    ...(showProgress ? { onRead: (event) => progress?.event(event) } : {}),
    onWarning: (message) => io.stderr.write(`aimeter report: warning: ${message}\n`),
  });
  if (showProgress) progress = reportProgress({ output: io.stderr, ...(source.sizeBytes ? { totalBytes: source.sizeBytes } : {}) });
  // The HTML page's charts are more groupings of the same events: tallied in the same single read.
  const views = options.format === 'html' ? reportHtmlViews() : undefined;
  let report: UsageReport;
  try {
    report = await buildReport(source.events, {
      by: options.by,
      ...(options.since ? { since: options.since } : {}),
      ...(options.until ? { until: options.until } : {}),
      filters: options.filters,
      ...(cycle ? { cycle } : {}),
      ...(views ? { tallies: views.tallies } : {}),
    });
  } catch (error) {
    progress?.interrupt();
    throw error;
  }
  progress?.done();
  const text = await render(options.format, report, views, now());
  if (options.out) await writeReportFile(options.out, text);
  else io.stdout.write(text);
}

function render(format: ReportOptions['format'], report: UsageReport, views: ReportHtmlViews | undefined, now: number): Promise<string> | string {
  if (format === 'html') return formatReportHtml(report, views!.result(), { generatedAt: new Date(now) });
  return FORMAT[format](report);
}

function ledgerQuery(options: ReportOptions, since: Date | undefined): LedgerQuery {
  const { provider, model, operation, status, environment, customer, project, user, session } = options.filters;
  const tags = Object.entries({ customer, project, user, session }).filter((entry): entry is [string, readonly string[]] => entry[1] !== undefined);
  return {
    ...(since ? { since } : {}),
    ...(options.until ? { until: options.until } : {}),
    ...(provider ? { provider } : {}),
    ...(model ? { model } : {}),
    ...(operation ? { operation: operation as readonly Operation[] } : {}),
    ...(status ? { status: status as readonly UsageStatus[] } : {}),
    ...(environment ? { environment } : {}),
    ...(tags.length ? { tags: Object.fromEntries(tags) } : {}),
  };
}
