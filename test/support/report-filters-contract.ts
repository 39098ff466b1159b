// Filters, window boundaries and the ElevenLabs quota of `aimeter report` on a generated ledger, run by
// test/cli/report-{jsonl,sqlite,postgres}.test.ts; expected values are computed here, the plain way.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { UsageEvent } from '../../src/usage-event.js';
import { expectedReport } from './expected-report.js';
import { checkCsv, checkJson, checkTable, NOW, report } from './report-contract.js';
import { parseTable } from './report-output.js';

const at = (iso: string): number => Date.parse(iso);
const within = (e: UsageEvent, since: string, until: string): boolean => at(e.time) >= at(since) && at(e.time) < at(until);

/** The "N events read" of the last progress line: what the source handed over. */
function eventsRead(stderr: string): number {
  const counts = [...stderr.matchAll(/([\d,]+) events read/g)];
  assert.ok(counts.length > 0, `no progress on stderr: ${stderr}`);
  return Number(counts.at(-1)![1]!.replaceAll(',', ''));
}

function cycleUsage(events: readonly UsageEvent[], from: string, to: string) {
  let [characters, credits, estimatedCredits, missingCredits] = [0, 0, 0, 0];
  for (const e of events) {
    if (e.provider !== 'elevenlabs' || !within(e, from, to)) continue;
    characters += e.usage.characters?.value ?? 0;
    credits += e.usage.credits?.value ?? 0;
    if (e.usage.credits?.provenance === 'estimated') estimatedCredits += 1;
    if (e.usage.credits?.provenance === 'missing') missingCredits += 1;
  }
  return { characters, credits, estimatedCredits, missingCredits };
}

/**
 * @param pushesDown - whether the ledger filters in its query (SQL), so that only matching events are read
 */
export function reportFiltersContract(events: readonly UsageEvent[], ledgerArgs: () => string[], pushesDown: boolean): void {
  it('filters by lists of providers, statuses and customers (a comma escaped) within --since/--until', async () => {
    const by = ['customer', 'month'];
    const args = ['--provider', 'openai,gemini', '--customer', 'acme', '--customer', 'umbrella\\, "ltd"', '--status', 'ok,aborted'];
    const { stdout, stderr } = await report([...ledgerArgs(), ...args, '--since', '2026-11-01', '--until', '2026-12-01', '--by', by.join(','), '--format', 'json', '--progress']);
    const keep = (e: UsageEvent) =>
      ['openai', 'gemini'].includes(e.provider) && ['acme', 'umbrella, "ltd"'].includes(e.tags.customer!) && e.status !== 'error' && within(e, '2026-11-01', '2026-12-01');
    const doc = checkJson(stdout, by, expectedReport(events, by, keep));
    assert.deepEqual(doc.filters, { provider: ['openai', 'gemini'], status: ['ok', 'aborted'], customer: ['acme', 'umbrella, "ltd"'] });
    assert.deepEqual([doc.since, doc.until], ['2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z']);
    assert.equal(eventsRead(stderr), pushesDown ? events.filter(keep).length : events.length, 'events the source handed over');
  });

  it('filters by operation, model, project, session and environment', async () => {
    const args = ['--operation', 'speak,streamSpeak', '--model', 'eleven_flash_v2_5', '--project', 'voice', '--session', 's-1,s-2', '--session', 's-3', '--environment', 'production'];
    const { stdout } = await report([...ledgerArgs(), ...args, '--by', 'session', '--format', 'csv']);
    const keep = (e: UsageEvent) =>
      e.model === 'eleven_flash_v2_5' && e.tags.project === 'voice' && ['s-1', 's-2', 's-3'].includes(e.tags.session!) && e.environment === 'production';
    const expected = expectedReport(events, ['session'], keep);
    assert.ok(expected.rows.size === 3, 'the generated ledger has events for each session');
    checkCsv(stdout, ['session'], expected);
  });

  it('counts an event at exactly --since and leaves out one at exactly --until', async () => {
    const { stdout } = await report([...ledgerArgs(), '--since', '2026-11-01', '--until', '2026-12-01', '--by', 'day']);
    checkTable(stdout, ['day'], expectedReport(events, ['day'], (e) => within(e, '2026-11-01', '2026-12-01')));
    const days = parseTable(stdout).rows.map((r) => r.day);
    assert.deepEqual([days[0], days.at(-1), days.length], ['2026-11-01', '2026-11-30', 30]);
    const offset = await report([...ledgerArgs(), '--since', '2026-11-01T01:00+01:00', '--until', '2026-11-30T23:59:59.999Z', '--by', 'month', '--format', 'json']);
    const expected = expectedReport(events, ['month'], (e) => within(e, '2026-11-01', '2026-11-30T23:59:59.999Z'));
    checkJson(offset.stdout, ['month'], expected);
    assert.ok(expected.total.requests < expectedReport(events, ['month'], (e) => within(e, '2026-11-01', '2026-12-01')).total.requests);
  });

  it('shows ElevenLabs credits of the billing cycle containing --until against the plan, in every format', async () => {
    const args = [...ledgerArgs(), '--elevenlabs-plan', 'creator', '--anchor-day', '15', '--since', '2026-11-18', '--until', '2026-11-20', '--by', 'provider'];
    const { characters, credits, estimatedCredits, missingCredits } = cycleUsage(events, '2026-11-15', '2026-11-20');
    assert.ok(estimatedCredits > 0 && missingCredits > 0, 'the generated cycle has estimated and missing credits');
    const expected = expectedReport(events, ['provider'], (e) => within(e, '2026-11-18', '2026-11-20'));
    const doc = checkJson((await report([...args, '--format', 'json'])).stdout, ['provider'], expected);
    const cycle = doc.elevenlabs as Record<string, number | string>;
    assert.deepEqual([cycle.plan, cycle.quotaCredits, cycle.anchorDay, cycle.cycleStart, cycle.resetsAt], ['creator', 121_000, 15, '2026-11-15T00:00:00.000Z', '2026-12-15T00:00:00.000Z']);
    assert.deepEqual([cycle.characters, cycle.credits, cycle.estimatedCredits, cycle.missingCredits], [characters, credits, estimatedCredits, missingCredits]);
    assert.ok(Math.abs((cycle.percentUsed as number) - (credits / 121_000) * 100) < 1e-9);
    const csv = checkCsv((await report([...args, '--format', 'csv'])).stdout, ['provider'], expected);
    const total = csv.find((r) => r.row === 'total')!;
    assert.deepEqual([total.elevenlabs_plan, total.elevenlabs_credits, total.elevenlabs_resets_at], ['creator', String(credits), '2026-12-15T00:00:00.000Z']);
    assert.ok(csv.filter((r) => r.row === 'group').every((r) => r.elevenlabs_credits === ''));
    const after = checkTable((await report([...args, '--format', 'table'])).stdout, ['provider'], expected);
    const decimals = (n: number, digits: number) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    const shown = decimals(credits, Number.isInteger(credits) ? 0 : 2);
    const marks = '~\\?'; // some credits were estimated, some are missing
    assert.match(after.join('\n'), new RegExp(`^ElevenLabs creator plan, cycle 2026-11-15 → 2026-12-15: ${marks}${decimals((credits / 121_000) * 100, 2)} % of the quota used \\(${marks}${shown} of 121,000 credits, ${characters.toLocaleString('en-US')} characters\\); resets 2026-12-15T00:00:00.000Z$`, 'm'));
  });

  it('measures the cycle containing now without --until, against --elevenlabs-quota', async () => {
    const { stdout } = await report([...ledgerArgs(), '--elevenlabs-quota', '2500000', '--by', 'month', '--format', 'json']);
    const cycle = (checkJson(stdout, ['month'], expectedReport(events, ['month'])).elevenlabs) as Record<string, unknown>;
    assert.equal(new Date(NOW).toISOString().slice(0, 10), '2026-12-05');
    const { credits } = cycleUsage(events, '2026-12-01', '2027-01-01');
    assert.deepEqual([cycle.plan, cycle.quotaCredits, cycle.cycleStart, cycle.resetsAt, cycle.credits], [undefined, 2_500_000, '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z', credits]);
  });
}
