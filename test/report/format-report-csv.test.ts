import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildReport } from '../../src/report/build-report.js';
import { formatReportCsv } from '../../src/report/format-report-csv.js';
import { formatReportJson } from '../../src/report/format-report-json.js';
import { reported } from '../../src/usage.js';
import { usageEvent } from '../support/make-usage-event.js';
import { csvObjects } from '../support/report-output.js';

const snapshot = { source: 'test', version: '1', rates: {} };
const events = [
  usageEvent({ time: '2026-11-02T00:00:00Z', tags: { customer: 'Umbrella, "Ltd"\nEU' }, cost: { usd: 0.000001, markupUsd: 0.0000002, snapshot } }),
  usageEvent({ time: '2026-11-03T00:00:00Z', tags: { customer: 'acme' }, usage: { requests: 1, audioSeconds: reported(1.25) } }),
  usageEvent({ time: '2026-10-01T00:00:00Z', tags: { customer: 'acme' } }), // before --since
];

describe('report as CSV', () => {
  it('quotes as RFC 4180 says, ends lines with CRLF, leaves numbers unformatted', async () => {
    const csv = formatReportCsv(await buildReport(events, { by: ['customer'], since: new Date('2026-11-01') }));
    const lines = csv.split('\r\n');
    assert.equal(lines[0], 'row,customer,requests,errors,aborted,input_tokens,output_tokens,cached_input_tokens,reasoning_tokens,tool_use_prompt_tokens,characters,credits,audio_seconds,audio_input_tokens,cached_audio_input_tokens,audio_output_tokens,image_input_tokens,video_input_tokens,cost_usd,markup_usd,cost_with_markup_usd,estimated_events,missing_events');
    assert.equal(lines[1], 'group,acme,1,0,0,0,0,0,0,0,0,0,1.25,0,0,0,0,0,,,,0,0');
    assert.equal(lines[2], 'group,"Umbrella, ""Ltd""\nEU",1,0,0,10,5,0,0,0,0,0,0,0,0,0,0,0,0.000001,2e-7,0.0000012,0,0');
    assert.equal(lines[3], 'total,,2,0,0,10,5,0,0,0,0,0,1.25,0,0,0,0,0,0.000001,2e-7,0.0000012,0,0');
    assert.equal(lines[4], '');
    assert.equal(csvObjects(csv)[1]!.customer, 'Umbrella, "Ltd"\nEU');
  });
});

describe('report as JSON', () => {
  it('has the documented shape, every figure present', async () => {
    const doc = JSON.parse(formatReportJson(await buildReport(events, { by: ['customer'], until: new Date('2026-11-03'), filters: { provider: ['openai'] } }))) as Record<string, unknown>;
    assert.deepEqual(Object.keys(doc), ['version', 'since', 'until', 'by', 'filters', 'groups', 'totals', 'elevenlabs']);
    assert.deepEqual([doc.version, doc.since, doc.until, doc.filters, doc.elevenlabs], [1, null, '2026-11-03T00:00:00.000Z', { provider: ['openai'] }, null]);
    const groups = doc.groups as Record<string, unknown>[];
    assert.deepEqual(groups.map((g) => g.group), [{ customer: 'acme' }, { customer: 'Umbrella, "Ltd"\nEU' }]);
    assert.deepEqual(Object.keys(groups[0]!), [
      'group', 'requests', 'errors', 'aborted', 'inputTokens', 'outputTokens', 'cachedInputTokens', 'reasoningTokens', 'toolUsePromptTokens', 'characters', 'credits',
      'audioSeconds', 'audioInputTokens', 'cachedAudioInputTokens', 'audioOutputTokens', 'imageInputTokens', 'videoInputTokens', 'costUsd', 'markupUsd', 'costWithMarkupUsd', 'estimatedEvents', 'missingEvents', 'estimated', 'missing',
    ]);
    assert.deepEqual([groups[0]!.costUsd, groups[1]!.costUsd, groups[1]!.markupUsd], [null, 0.000001, 0.0000002]);
  });
});
