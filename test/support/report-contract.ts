// What `aimeter report` must get right on any ledger, run by test/cli/report-{jsonl,sqlite,postgres}.test.ts on a
// generated ledger of 100 000 events: every grouping in every format matches totals computed independently.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runReport } from '../../src/cli/report-command.js';
import type { UsageEvent } from '../../src/usage-event.js';
import { expectedReport, FIGURES, type ExpectedRow, type Figure } from './expected-report.js';
import { csvObjects, parseCsv, parseTable } from './report-output.js';

/** The clock of every in-process run, for the ElevenLabs cycle when no --until is given. */
export const NOW = Date.parse('2026-12-05T12:00:00.000Z');

/** Runs `aimeter report` in this process; what it writes to stdout and stderr. */
export async function report(args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s), isTTY: false }, now: () => NOW };
  await runReport(args, io);
  return { stdout, stderr };
}

const GROUPINGS = [['provider'], ['model'], ['customer'], ['project'], ['session'], ['day'], ['month'], ['customer', 'month']];
const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const keyOf = (by: readonly string[], value: (group: string) => string): string => JSON.stringify(by.map(value));

function close(actual: unknown, expected: number, label: string, tolerance = 1e-9): void {
  assert.equal(typeof actual, 'number', `${label}: ${String(actual)} is not a number`);
  const ok = Math.abs((actual as number) - expected) <= tolerance * Math.max(1, Math.abs(expected));
  assert.ok(ok, `${label}: got ${String(actual)}, expected ${expected}`);
}

type Figures = Record<string, unknown> & { estimated: Record<string, number>; missing: Record<string, number> };

function checkJsonFigures(a: Figures, e: ExpectedRow, label: string): void {
  assert.deepEqual([a.requests, a.errors, a.aborted], [e.requests, e.errors, e.aborted], `${label}: requests, errors, aborted`);
  for (const f of FIGURES) {
    close(a[f], e.figures[f]?.value ?? 0, `${label} ${f}`);
    assert.equal(a.estimated[f], e.figures[f]?.estimated ?? 0, `${label} estimated ${f}`);
    assert.equal(a.missing[f], e.figures[f]?.missing ?? 0, `${label} missing ${f}`);
  }
  if (e.cost) {
    close(a.costUsd, e.cost.value, `${label} costUsd`);
    close(a.markupUsd, e.markup ?? 0, `${label} markupUsd`);
    close(a.costWithMarkupUsd, e.cost.value + (e.markup ?? 0), `${label} costWithMarkupUsd`);
  } else assert.deepEqual([a.costUsd, a.markupUsd, a.costWithMarkupUsd], [null, null, null], `${label}: unpriced`);
  assert.deepEqual([a.estimated.costUsd, a.missing.costUsd], [e.cost?.estimated ?? 0, e.cost?.missing ?? 0], `${label}: cost provenance`);
  assert.deepEqual([a.estimatedEvents, a.missingEvents], [e.estimatedEvents, e.missingEvents], `${label}: events with estimates, with gaps`);
}

/** Checks a JSON report against the expected rows, exactly (floating-point sums to 1e-9). */
export function checkJson(stdout: string, by: readonly string[], expected: ReturnType<typeof expectedReport>): Record<string, unknown> {
  const doc = JSON.parse(stdout) as { version: number; by: string[]; groups: (Figures & { group: Record<string, string> })[]; totals: Figures };
  assert.equal(doc.version, 1);
  assert.deepEqual(doc.by, by);
  assert.equal(doc.groups.length, expected.rows.size, 'number of groups');
  for (const g of doc.groups) {
    const key = keyOf(by, (b) => g.group[b]!);
    const e = expected.rows.get(key);
    assert.ok(e, `unexpected group ${key}`);
    checkJsonFigures(g, e, key);
  }
  checkJsonFigures(doc.totals, expected.total, 'totals');
  return doc;
}

function checkCsvRow(a: Record<string, string>, e: ExpectedRow, label: string): void {
  assert.deepEqual([a.requests, a.errors, a.aborted].map(Number), [e.requests, e.errors, e.aborted], `${label}: requests, errors, aborted`);
  for (const f of FIGURES) close(Number(a[snake(f)]), e.figures[f]?.value ?? 0, `${label} ${f}`);
  if (e.cost) {
    close(Number(a.cost_usd), e.cost.value, `${label} cost_usd`);
    close(Number(a.cost_with_markup_usd), e.cost.value + (e.markup ?? 0), `${label} cost_with_markup_usd`);
  } else assert.deepEqual([a.cost_usd, a.markup_usd, a.cost_with_markup_usd], ['', '', ''], `${label}: unpriced`);
  assert.deepEqual([Number(a.estimated_events), Number(a.missing_events)], [e.estimatedEvents, e.missingEvents], `${label}: provenance`);
}

/** Checks a CSV report: strict RFC 4180, one `group` row per expected group, a `total` row. */
export function checkCsv(stdout: string, by: readonly string[], expected: ReturnType<typeof expectedReport>): Record<string, string>[] {
  const header = parseCsv(stdout)[0]!;
  assert.deepEqual(header.slice(0, by.length + 2), ['row', ...by, 'requests']);
  const rows = csvObjects(stdout);
  const groups = rows.filter((r) => r.row === 'group');
  assert.equal(groups.length, expected.rows.size, 'number of groups');
  for (const row of groups) {
    const key = keyOf(by, (b) => row[b]!);
    const e = expected.rows.get(key);
    assert.ok(e, `unexpected group ${key}`);
    checkCsvRow(row, e, key);
  }
  const totals = rows.filter((r) => r.row === 'total');
  assert.equal(totals.length, 1);
  checkCsvRow(totals[0]!, expected.total, 'total');
  return rows;
}

/** A table cell: its number (thousands separators dropped) and its ~ (estimated) and ? (missing) marks. */
function tableNumber(cell: string, label: string): { value: number; estimated: boolean; missing: boolean } {
  const m = /^(~?)(\??)(-?[\d,]+(?:\.\d+)?)$/.exec(cell);
  assert.ok(m, `${label}: "${cell}" is not a table number`);
  return { value: Number(m[3]!.replaceAll(',', '')), estimated: m[1] === '~', missing: m[2] === '?' };
}

function checkTableRow(a: Record<string, string>, e: ExpectedRow, figures: readonly Figure[], label: string): void {
  const exact = (name: string) => tableNumber(a[name]!, `${label} ${name}`).value;
  assert.deepEqual([exact('requests'), exact('errors'), exact('aborted')], [e.requests, e.errors, e.aborted], `${label}: requests, errors, aborted`);
  for (const f of figures) {
    const sum = e.figures[f];
    if (!sum) {
      assert.equal(a[f], '', `${label} ${f}: blank where it does not apply`);
      continue;
    }
    const cell = tableNumber(a[f]!, `${label} ${f}`);
    close(cell.value, sum.value, `${label} ${f}`, 0.005);
    assert.deepEqual([cell.estimated, cell.missing], [sum.estimated > 0, sum.missing > 0], `${label} ${f}: marks`);
  }
  if (!e.cost) return assert.deepEqual([a['cost $'], a['with markup $']], ['', ''], `${label}: unpriced`);
  const cost = tableNumber(a['cost $']!, `${label} cost`);
  close(cost.value, e.cost.value, `${label} cost`, 5e-7);
  assert.deepEqual([cost.estimated, cost.missing], [e.cost.estimated > 0, e.cost.missing > 0], `${label} cost: marks`);
  close(tableNumber(a['with markup $']!, label).value, e.cost.value + (e.markup ?? 0), `${label} with markup`, 5e-7);
}

/** Checks a table report: the columns of the figures that occur, every group, the total row. */
export function checkTable(stdout: string, by: readonly string[], expected: ReturnType<typeof expectedReport>): string[] {
  const { header, rows, total, after } = parseTable(stdout);
  const all = [...expected.rows.values()];
  const figures = FIGURES.filter((f) => all.some((r) => r.figures[f]));
  assert.deepEqual(header, [...by, 'requests', 'errors', 'aborted', ...figures, 'cost $', 'with markup $']);
  assert.equal(rows.length, expected.rows.size, 'number of groups');
  for (const row of rows) {
    const key = keyOf(by, (b) => row[b]!);
    const e = expected.rows.get(key);
    assert.ok(e, `unexpected group ${key}`);
    checkTableRow(row, e, figures, key);
  }
  assert.ok(total, 'a total row');
  assert.equal(total[by[0]!], 'total');
  checkTableRow(total, expected.total, figures, 'total');
  return after;
}

const CHECKS = { table: checkTable, json: checkJson, csv: checkCsv } as const;

/**
 * Every grouping in every format on one ledger. `ledgerArgs` names the ledger (`--ledger …`, and `--table` for
 * PostgreSQL); it is called when the tests run, after the ledger was written. `everyFormat: false` checks
 * every grouping as JSON and only the last one in all three formats, for a slow store.
 */
export function reportTotalsContract(events: readonly UsageEvent[], ledgerArgs: () => string[], everyFormat = true): void {
  for (const by of GROUPINGS) {
    const expected = expectedReport(events, by);
    const formats = everyFormat || by === GROUPINGS.at(-1) ? (['table', 'json', 'csv'] as const) : (['json'] as const);
    for (const format of formats) {
      it(`--by ${by.join(',')} --format ${format} matches the independently computed totals`, async () => {
        const { stdout } = await report([...ledgerArgs(), '--by', by.join(','), '--format', format]);
        CHECKS[format](stdout, by, expected);
      });
    }
  }
}
