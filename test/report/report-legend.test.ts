import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildReport } from '../../src/report/build-report.js';
import { formatReportTable } from '../../src/report/format-report.js';
import { reportLegend } from '../../src/report/report-legend.js';
import { summarizeUsage } from '../../src/report/summarize-usage.js';
import { estimated, missing, reported } from '../../src/usage.js';
import { usageEvent } from '../support/make-usage-event.js';

const exact = usageEvent({ usage: { requests: 1, inputTokens: reported(10), outputTokens: reported(5) } });
// An ElevenLabs call through elevenlabs 1.59 that ran to the end: estimated credits, no cut involved.
const legacyCredits = usageEvent({ provider: 'elevenlabs', model: 'eleven_flash_v2_5', operation: 'speak', usage: { requests: 1, characters: reported(40), credits: estimated(20) } });
const unknown = usageEvent({ provider: 'openai', model: 'whisper-1', operation: 'transcribe', usage: { requests: 1, audioSeconds: missing() } });

describe('the report legend', () => {
  it('says what ~ means (estimated figures, not only an interrupted stream) and ? only when they occur', async () => {
    assert.equal(reportLegend(await summarizeUsage([exact])), '');
    const estimatedOnly = reportLegend(await summarizeUsage([exact, legacyCredits]));
    assert.match(estimatedOnly, /^~ the total includes figures aimeter estimated/);
    assert.match(estimatedOnly, /a stream cut/);
    assert.match(estimatedOnly, /elevenlabs 1\.59 SDK/);
    assert.doesNotMatch(estimatedOnly, /^\?/m);
    const both = reportLegend(await summarizeUsage([legacyCredits, unknown]));
    assert.match(both, /^\? the total leaves out figures that are unknown/m);
    for (const line of both.split('\n')) assert.ok(line.length <= 120, line);
  });

  it('formatReportTable prints the legend under the table when a total is marked', async () => {
    const marked = formatReportTable(await buildReport([exact, legacyCredits], { by: ['provider'] }));
    assert.match(marked, /elevenlabs\s+1\s+0\s+0\s+40\s+~20\n[\s\S]*\n\n~ the total includes figures aimeter estimated/);
    const plain = formatReportTable(await buildReport([exact], { by: ['provider'] }));
    assert.doesNotMatch(plain, /~/);
  });
});
