import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatReport } from '../../src/report/format-report.js';
import { summarizeUsage } from '../../src/report/summarize-usage.js';
import { usageTally } from '../../src/report/usage-tally.js';
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

  it('adds up Gemini\'s tool-use prompt tokens (a part of input) into a column of their own, shown when they occur', async () => {
    const grounded = [
      usageEvent({ provider: 'gemini', model: 'gemini-2.5-flash', usage: { requests: 1, inputTokens: reported(100), outputTokens: reported(9), toolUsePromptTokens: reported(64) } }),
      usageEvent({ provider: 'gemini', model: 'gemini-2.5-flash', usage: { requests: 1, inputTokens: estimated(90), outputTokens: estimated(2), toolUsePromptTokens: estimated(64) } }),
    ];
    const [row] = await summarizeUsage(grounded, ['model']);
    assert.deepEqual(row!.totals.toolUsePromptTokens, { value: 128, estimated: 1, missing: 0 });
    assert.match(formatReport([row!], ['model']), /^model\s+requests\s+errors\s+aborted\s+inputTokens\s+outputTokens\s+toolUsePromptTokens\n/);
  });

  it('adds up audio, cached audio and image tokens by modality, and groups by the service tier', async () => {
    const audio = [
      usageEvent({
        model: 'gpt-4o-audio-preview',
        usage: { requests: 1, inputTokens: reported(64), outputTokens: reported(9), modalities: { input: { text: 20, audio: 44 }, output: { text: 9, audio: 0 } }, serviceTier: 'default' },
      }),
      usageEvent({
        provider: 'gemini',
        model: 'gemini-2.5-flash',
        usage: {
          requests: 1,
          inputTokens: estimated(300),
          cachedInputTokens: estimated(100),
          outputTokens: estimated(5),
          modalities: { input: { text: 50, audio: 200, image: 50 }, cachedInput: { audio: 100 } },
          serviceTier: 'standard',
        },
      }),
      usageEvent({ usage: { requests: 1, inputTokens: reported(10), outputTokens: reported(5), serviceTier: 'flex' } }),
      usageEvent({ usage: { requests: 1, inputTokens: reported(10), outputTokens: reported(5) } }),
    ];
    const [total] = await summarizeUsage(audio, []);
    assert.deepEqual(total!.totals.audioInputTokens, { value: 244, estimated: 1, missing: 0 });
    assert.deepEqual(total!.totals.cachedAudioInputTokens, { value: 100, estimated: 1, missing: 0 });
    assert.deepEqual(total!.totals.audioOutputTokens, { value: 0, estimated: 0, missing: 0 });
    assert.deepEqual(total!.totals.imageInputTokens, { value: 50, estimated: 1, missing: 0 });
    assert.equal(total!.totals.videoInputTokens, undefined);
    assert.match(formatReport([total!], []), /audioInputTokens\s+cachedAudioInputTokens\s+audioOutputTokens\s+imageInputTokens\n/);
    const tiers = await summarizeUsage(audio, ['serviceTier']);
    assert.deepEqual(tiers.map((r) => [r.group[0], r.requests]), [['(none)', 1], ['default', 1], ['flex', 1], ['standard', 1]]);
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
    assert.match(formatReport(await summarizeUsage(priced, by), by), /cost \$\s+with markup \$\n[- ]+\nopenai\s+3\s+0\s+0\s+\d+\s+~\d+\s+~\?0\.750000\s+~\?0\.800000$/);
    assert.doesNotMatch(formatReport(await summarizeUsage(events, by), by), /cost/);
  });
});

describe('report groups and totals', () => {
  it('groups by the well-known tags by name, sorted the same on every machine', async () => {
    const tagged = [
      usageEvent({ tags: { customer: 'beta', project: 'voice', session: 's-2' } }),
      usageEvent({ tags: { customer: 'Alpha', project: 'voice', session: 's-1' } }),
      usageEvent({ tags: { customer: 'alpha' } }),
    ];
    assert.deepEqual((await summarizeUsage(tagged, ['customer'])).map((r) => r.group[0]), ['alpha', 'Alpha', 'beta']);
    assert.deepEqual((await summarizeUsage(tagged, ['project', 'session'])).map((r) => r.group), [['(none)', '(none)'], ['voice', 's-1'], ['voice', 's-2']]);
  });

  it('puts days and months in UTC even for a time written with an offset', async () => {
    const rows = await summarizeUsage([usageEvent({ time: '2026-11-30T23:30:00-02:00' })], ['day', 'month']);
    assert.deepEqual(rows[0]!.group, ['2026-12-01', '2026-12']);
  });

  it('counts events with estimated or missing figures, and adds the rows up into a total', () => {
    const tally = usageTally(['tag:customer']);
    for (const event of events) tally.add(event);
    assert.deepEqual(tally.rows().map((r) => [r.group[0], r.estimatedEvents, r.missingEvents]), [['(none)', 0, 1], ['acme', 1, 0], ['globex', 0, 0]]);
    const total = tally.total();
    assert.deepEqual([total.group, total.requests, total.aborted, total.estimatedEvents, total.missingEvents], [[], 4, 1, 1, 1]);
    assert.deepEqual(total.totals.inputTokens, { value: 17, estimated: 0, missing: 0 });
    assert.deepEqual(total.totals.audioSeconds, { value: 0, estimated: 0, missing: 1 });
  });

  it('prints the total under a rule and groups thousands', () => {
    const big = [usageEvent({ usage: { requests: 1, inputTokens: reported(1_234_567), outputTokens: reported(0.5) } }), usageEvent({ model: 'gpt-4o' })];
    const tally = usageTally(['model']);
    for (const event of big) tally.add(event);
    const lines = formatReport(tally.rows(), ['model'], tally.total()).split('\n');
    assert.equal(lines.length, 6);
    assert.equal(lines[4], lines[1]);
    assert.match(lines[3]!, /^gpt-4o-mini\s+1\s+0\s+0\s+1,234,567\s+0\.50$/);
    assert.match(lines[5]!, /^total\s+2\s+0\s+0\s+1,234,577\s+5\.50$/);
  });
});
