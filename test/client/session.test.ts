// ai.session(): preset tags and which win, turns, validation, calls on an ended session, end() waiting for the
// session's calls in flight, the session-end event, and a late count folded in after end().
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createAIClient } from '../../src/client/index.js';
import { ConfigError } from '../../src/errors/config-error.js';
import { SessionEndedError } from '../../src/errors/session-ended-error.js';
import type { SessionEndEvent } from '../../src/events.js';
import { memorySink } from '../../src/sinks/memory-sink.js';
import { isConfigError } from '../support/config-error-check.js';
import { chatRequest } from '../support/fixtures.js';
import { testAdapter, type TestAdapterOptions } from '../support/test-adapter.js';

function client(options: TestAdapterOptions = {}) {
  const sink = memorySink();
  const adapter = testAdapter(options);
  const ai = createAIClient({ providers: { test: adapter }, sinks: [sink], tags: { project: 'bot', customer: 'default' }, flushOnExit: false });
  return { ai, sink, adapter };
}

const isEnded = (error: unknown): boolean => SessionEndedError.isInstance(error) && error.code === 'session_ended' && error.session === 's-1';

describe('ai.session()', () => {
  it('presets its tags: client defaults < session < call; session and turn are always the session\'s', async () => {
    const { ai, sink } = client();
    const session = ai.session({ session: 's-1', customer: 'acme', user: 'u-1' });
    await session.chat(chatRequest());
    await session.chat(chatRequest({ tags: { user: 'u-2', session: 'other', turn: '9', plan: 'pro' } }));
    await ai.close();
    assert.deepEqual(sink.events[0]!.tags, { project: 'bot', customer: 'acme', user: 'u-1', session: 's-1', turn: '1' });
    assert.deepEqual(sink.events[1]!.tags, { project: 'bot', customer: 'acme', user: 'u-2', session: 's-1', turn: '1', plan: 'pro' });
  });

  it('turn() advances the turn tag from 1; a call keeps the turn it began in', async () => {
    const { ai } = client();
    const session = ai.session({ session: 's-1' });
    assert.equal(session.currentTurn, 1);
    const first = session.chat(chatRequest());
    assert.equal(session.turn(), 2);
    await session.embed({ model: 'test:e', input: 'x' });
    assert.equal(session.turn(), 3);
    await first;
    const totals = session.totals();
    assert.equal(totals.turn, 3);
    assert.deepEqual(totals.turns.map((t) => [t.turn, t.totals.requests]), [[1, 1], [2, 1], [3, 0]]);
    assert.equal(totals.total.requests, 2);
    await ai.close();
  });

  it('counts only its own calls, not another call tagged with the same session id', async () => {
    const { ai } = client();
    const session = ai.session({ session: 's-1' });
    await session.speak({ model: 'test:v', voice: 'v', text: 'hello' });
    await ai.chat(chatRequest({ tags: { session: 's-1', turn: '1' } }));
    assert.equal(session.totals().total.requests, 1);
    assert.deepEqual(session.totals().total.totals.characters, { value: 5, estimated: 0, missing: 0 });
    await ai.close();
  });

  it('bad options throw ConfigError (code config_invalid) naming the field', () => {
    const { ai } = client();
    assert.ok(isConfigError(() => ai.session(undefined as never), 'session'));
    assert.ok(isConfigError(() => ai.session({} as never), 'session.session'));
    assert.ok(isConfigError(() => ai.session({ session: '' }), 'session.session'));
    assert.ok(isConfigError(() => ai.session({ session: 's', customer: 7 as never }), 'session.customer'));
    assert.ok(isConfigError(() => ai.session({ session: 's', turn: '2' as never }), 'session.turn'));
    assert.throws(() => ai.session({ session: 's', turn: '2' as never }), (e) => ConfigError.isInstance(e) && e.code === 'config_invalid');
  });

  it('a bad request.tags is a ConfigError of the call', async () => {
    const { ai } = client();
    const session = ai.session({ session: 's-1' });
    await assert.rejects(session.chat(chatRequest({ tags: { user: 3 as never } })), (e) => ConfigError.isInstance(e) && e.field === 'request.tags.user');
    assert.equal(session.totals().pending, 0);
    await ai.close();
  });

  it('once end() was called, every operation and turn() fail with SessionEndedError; end() again is the same promise', async () => {
    const { ai, adapter } = client();
    const session = ai.session({ session: 's-1' });
    const ended = session.end();
    assert.equal(session.end(), ended);
    assert.equal(session.ended, true);
    await assert.rejects(session.chat(chatRequest()), isEnded);
    await assert.rejects(session.embed({ model: 'test:e', input: 'x' }), isEnded);
    await assert.rejects(session.speak({ model: 'test:v', voice: 'v', text: 'x' }), isEnded);
    await assert.rejects(session.transcribe({ model: 'test:w', audio: new Uint8Array(4), fileName: 'a.wav' }), isEnded);
    await assert.rejects(session.streamChat(chatRequest()).final, isEnded);
    await assert.rejects(session.streamSpeak({ model: 'test:v', voice: 'v', text: 'x' }).final, isEnded);
    assert.throws(() => session.turn(), isEnded);
    await ended;
    assert.equal(adapter.calls.length, 0);
    await ai.close();
  });

  it('end() rejects a bad timeoutMs with ConfigError', async () => {
    const { ai } = client();
    await assert.rejects(ai.session({ session: 's-1' }).end({ timeoutMs: -1 }), (e) => ConfigError.isInstance(e) && e.field === 'timeoutMs');
    await ai.close();
  });

  it('end() waits for a stream still in flight, then emits session-end with the totals it resolves with', async () => {
    const { ai } = client({ deltas: 4 });
    const ends: SessionEndEvent[] = [];
    ai.on('session-end', (e) => ends.push(e));
    const session = ai.session({ session: 's-1', customer: 'acme' });
    const stream = session.streamChat(chatRequest());
    let settled = false;
    const ended = session.end().then((t) => ((settled = true), t));
    assert.equal(session.totals().pending, 1);
    for await (const delta of stream) assert.equal(settled, false, `end() resolved while ${delta.text} was streaming`);
    const totals = await ended;
    assert.equal(totals.pending, 0);
    assert.equal(totals.total.requests, 1);
    assert.deepEqual(totals.total.totals.outputTokens, { value: 4, estimated: 0, missing: 0 });
    assert.equal(ends.length, 1);
    const { time, ...fromEvent } = ends[0]!;
    assert.ok(time > 0);
    assert.deepEqual(fromEvent, totals);
    await ai.close();
  });

  it('a late count (a stream still in flight at the end() deadline) is folded into totals() afterwards', async () => {
    const { ai } = client({ deltas: 6, holdAfter: 2 });
    const ends: SessionEndEvent[] = [];
    ai.on('session-end', (e) => ends.push(e));
    const session = ai.session({ session: 's-1' });
    await session.chat(chatRequest());
    const stream = session.streamChat(chatRequest());
    const it = stream[Symbol.asyncIterator]();
    await it.next();
    await it.next();
    const atEnd = await session.end({ timeoutMs: 20 });
    assert.equal(atEnd.pending, 1);
    assert.equal(atEnd.total.requests, 1);
    assert.equal(ends[0]!.pending, 1);
    await it.return!(); // the barge-in comes after the session ended
    await stream.final;
    const after = session.totals();
    assert.equal(after.late, 1);
    assert.equal(after.pending, 0);
    assert.equal(after.total.requests, 2);
    assert.equal(after.total.aborted, 1);
    assert.deepEqual(after.total.totals.outputTokens, { value: 4, estimated: 1, missing: 0 });
    assert.equal(atEnd.total.requests, 1, 'the totals end() resolved with are a snapshot');
    await ai.close();
  });

  it('the session-end event goes through the bus: a secret-shaped tag is scrubbed before listeners see it', async () => {
    const { ai } = client();
    const secret = `sk-proj-${randomBytes(24).toString('hex')}`;
    const ends: SessionEndEvent[] = [];
    ai.on('session-end', (e) => ends.push(e));
    await ai.session({ session: 's-1', note: secret }).end();
    assert.equal(ends.length, 1);
    assert.ok(!JSON.stringify(ends[0]).includes(secret), JSON.stringify(ends[0]!.tags));
    assert.equal(ends[0]!.session, 's-1');
    await ai.close();
  });
});
