import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatReport } from '../../src/report/format-report.js';
import { summarizeUsage } from '../../src/report/summarize-usage.js';
import { estimated, missing, reported } from '../../src/usage.js';
import { usageEvent } from '../support/make-usage-event.js';

const events = [
  usageEvent({ tags: { customer: 'acme' }, usage: { requests: 1, inputTokens: reported(10), outputTokens: reported(5) } }),
  usageEvent({ tags: { customer: 'acme' }, usage: { requests: 1, inputTokens: reported(7), outputTokens: estimated(3) }, status: 'aborted' }),
  usageEvent({ tags: { customer: 'globex' }, provider: 'elevenlabs', model: 'eleven_flash_v2_5', operation: 'speak', usage: { requests: 1, characters: reported(40), credits: reported(20) } }),
  usageEvent({ provider: 'openai', model: 'whisper-1', operation: 'transcribe', time: '2026-12-01T00:00:00.000Z', usage: { requests: 1, audioSeconds: missing() } }),
];

describe('summarizeUsage', () => {
  it('adds figures up per group and keeps provenance counts', async () => {
    const rows = await summarizeUsage(events, ['tag:customer']);
    assert.deepEqual(rows.map((r) => r.group), [['(none)'], ['acme'], ['globex']]);
    const acme = rows[1]!;
    assert.equal(acme.requests, 2);
    assert.equal(acme.errors, 0);
    assert.equal(acme.aborted, 1);
    assert.deepEqual(acme.totals.inputTokens, { value: 17, estimated: 0, missing: 0 });
    assert.deepEqual(acme.totals.outputTokens, { value: 8, estimated: 1, missing: 0 });
    assert.deepEqual(rows[0]!.totals.audioSeconds, { value: 0, estimated: 0, missing: 1 });
    assert.equal(rows[2]!.totals.inputTokens, undefined);
  });

  it('groups by month and reads async iterables', async () => {
    async function* source() {
      for (const event of events) yield await Promise.resolve(event);
    }
    const rows = await summarizeUsage(source(), ['month']);
    assert.deepEqual(rows.map((r) => [r.group[0], r.requests]), [['2026-11', 3], ['2026-12', 1]]);
  });
});

describe('formatReport', () => {
  it('marks estimated (~) and missing (?) totals and leaves inapplicable figures blank', async () => {
    const by = ['provider', 'model'] as const;
    const table = formatReport(await summarizeUsage(events, by), by);
    const lines = table.split('\n');
    assert.match(lines[0]!, /^provider\s+model\s+requests\s+errors\s+aborted\s+inputTokens\s+outputTokens\s+characters\s+credits\s+audioSeconds$/);
    assert.match(table, /openai\s+gpt-4o-mini\s+2\s+0\s+1\s+17\s+~8/);
    assert.match(table, /openai\s+whisper-1\s+1\s+0\s+0\s+\?0$/m);
    assert.match(table, /elevenlabs\s+eleven_flash_v2_5\s+1\s+0\s+0\s+40\s+20$/m);
  });
});

describe('cost in reports', () => {
  const snapshot = { source: 'test', version: '1', rates: {} };
  const priced = [
    usageEvent({ cost: { usd: 0.25, markupUsd: 0.05, snapshot } }),
    usageEvent({ cost: { usd: 0.5, snapshot }, usage: { requests: 1, outputTokens: estimated(3) } }),
    usageEvent({ cost: { usd: undefined, unpriced: 'unknown_model', snapshot } }),
  ];

  it('adds up cost and markup, counting unknown and estimated costs', async () => {
    const [row] = await summarizeUsage(priced, ['provider']);
    assert.deepEqual(row!.costUsd, { value: 0.75, estimated: 1, missing: 1 });
    assert.equal(row!.markupUsd, 0.05);
  });

  it('shows cost columns only when something was priced', async () => {
    const by = ['provider'] as const;
    assert.match(formatReport(await summarizeUsage(priced, by), by), /cost \$\s+markup \$\n[- ]+\nopenai\s+3\s+0\s+0\s+\d+\s+~\d+\s+~\?0\.750000\s+0\.050000$/);
    assert.doesNotMatch(formatReport(await summarizeUsage(events, by), by), /cost/);
  });
});
