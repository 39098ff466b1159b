import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAIClient } from '../../src/client/index.js';
import { consoleSink } from '../../src/sinks/console-sink.js';
import { estimated } from '../../src/usage.js';
import { chatRequest } from '../support/fixtures.js';
import { testAdapter } from '../support/test-adapter.js';
import { usageEvent } from '../support/make-usage-event.js';

function capture() {
  const chunks: string[] = [];
  return { stream: { write: (chunk: string) => chunks.push(chunk) }, text: () => chunks.join(''), chunks };
}

describe('consoleSink', () => {
  it('json: writes one parseable JSON object per line', async () => {
    const out = capture();
    const sink = consoleSink({ stream: out.stream, format: 'json' });
    const first = usageEvent({ id: 'evt-1' });
    await sink.write(first);
    await sink.writeBatch!([usageEvent({ id: 'evt-2' }), usageEvent({ id: 'evt-3' })]);
    const lines = out.text().split('\n');
    assert.equal(lines.pop(), '', 'every line ends with a newline');
    assert.deepEqual(lines.map((l) => (JSON.parse(l) as { id: string }).id), ['evt-1', 'evt-2', 'evt-3']);
    assert.deepEqual(JSON.parse(lines[0]!), first);
  });

  it('pretty: one short human line with provider:model, operation, attempt, status, latency, figures and tags', async () => {
    const out = capture();
    const sink = consoleSink({ stream: out.stream });
    await sink.write(usageEvent({ tags: { customer: 'acme', user: undefined }, usage: { requests: 1, inputTokens: { value: 5, provenance: 'reported' }, outputTokens: estimated(7) } }));
    assert.equal(out.text(), '[aimeter] openai:gpt-4o-mini chat #1 ok 12.5ms inputTokens=5 outputTokens=7(estimated) customer=acme\n');
  });

  it('pretty: shows a missing figure as ? with its provenance', async () => {
    const out = capture();
    await consoleSink({ stream: out.stream }).write(usageEvent({ usage: { requests: 1, audioSeconds: { value: null, provenance: 'missing' } } }));
    assert.match(out.text(), / audioSeconds=\?\(missing\)\n$/);
  });

  it('receives the usage events of a client, batched into one write per batch', async () => {
    const out = capture();
    const ai = createAIClient({ providers: { test: testAdapter() }, sinks: [consoleSink({ stream: out.stream, format: 'json' })], flushOnExit: false });
    await Promise.all([ai.chat(chatRequest()), ai.chat(chatRequest())]);
    await ai.close();
    assert.equal(out.chunks.length, 1);
    assert.equal(out.text().trim().split('\n').length, 2);
  });
});
