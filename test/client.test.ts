import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { createAIClient } from '../src/client/index.js';
import type { Middleware } from '../src/compose.js';
import { AbortedError } from '../src/errors/aborted-error.js';
import { ConfigError } from '../src/errors/config-error.js';
import { MiddlewareError } from '../src/errors/middleware-error.js';
import { MissingKeyError } from '../src/errors/missing-key-error.js';
import { UnsupportedOperationError } from '../src/errors/unsupported-operation-error.js';
import type { UsageEvent } from '../src/usage-event.js';
import { reported } from '../src/usage.js';
import { chatRequest } from './support/fixtures.js';
import { RAW_ID, testAdapter } from './support/test-adapter.js';

describe('AIClient: operations', () => {
  it('runs every operation through the adapter and returns output, usage, raw, status and callId', async () => {
    const adapter = testAdapter();
    const ai = createAIClient({ providers: { test: adapter } });
    const chat = await ai.chat(chatRequest());
    assert.equal(chat.output.text, 'echo m1');
    assert.deepEqual(chat.usage.outputTokens, reported(2));
    assert.equal((chat.raw as { id: string }).id, RAW_ID, 'the raw provider response stays reachable');
    assert.equal(chat.status, 200);
    assert.equal(typeof chat.callId, 'string');

    const embed = await ai.embed({ model: 'test:e1', input: ['a'] });
    assert.deepEqual(embed.output.embeddings, [[0.1, 0.2]]);
    const speech = await ai.speak({ model: 'test:tts', voice: 'v', text: 'hello' });
    assert.deepEqual([...speech.output.audio], [1, 2, 3]);
    assert.deepEqual(speech.usage.characters, reported(5));
    const transcript = await ai.transcribe({ model: 'test:stt', audio: new Uint8Array([0, 1]) });
    assert.equal(transcript.output.text, 'hello');
    const chunks: number[] = [];
    for await (const chunk of ai.streamSpeak({ model: 'test:tts', voice: 'v', text: 'hi' })) chunks.push(chunk[0]!);
    assert.deepEqual(chunks, [0, 1, 2]);

    assert.deepEqual(adapter.calls.map((c) => c.operation), ['chat', 'embed', 'speak', 'transcribe', 'streamSpeak']);
    await ai.close();
  });

  it('addresses models as "provider:model" (split at the first colon) and as { provider, model }', async () => {
    const adapter = testAdapter();
    const ai = createAIClient({ providers: { test: adapter } });
    await ai.chat(chatRequest({ model: 'test:org/model:v2' }));
    await ai.chat(chatRequest({ model: { provider: 'test', model: 'm-obj' } }));
    assert.deepEqual(adapter.calls.map((c) => c.call.model), ['org/model:v2', 'm-obj']);
  });

  it('routes each call to the adapter registered under the provider name', async () => {
    const a = testAdapter({ provider: 'a' });
    const b = testAdapter({ provider: 'b' });
    const ai = createAIClient({ providers: { a, b } });
    await ai.chat(chatRequest({ model: 'b:x' }));
    assert.equal(a.calls.length, 0);
    assert.equal(b.calls.length, 1);
  });

  it('rejects an unknown provider with ConfigError naming request.model, before any request', async () => {
    const adapter = testAdapter();
    const ai = createAIClient({ providers: { test: adapter } });
    await assert.rejects(ai.chat(chatRequest({ model: 'nope:m' })), (error) => {
      assert.ok(ConfigError.isInstance(error));
      assert.equal(error.field, 'request.model');
      assert.match(error.message, /unknown provider "nope"/);
      return true;
    });
    await assert.rejects(ai.chat(chatRequest({ model: 'no-colon' as 'a:b' })), (error) => ConfigError.isInstance(error) && error.field === 'request.model');
    assert.equal(adapter.calls.length, 0);
  });

  it('rejects an operation the adapter lacks with UnsupportedOperationError', async () => {
    const ai = createAIClient({ providers: { test: testAdapter({ without: ['embed'] }) } });
    await assert.rejects(ai.embed({ model: 'test:e', input: 'x' }), (error) => UnsupportedOperationError.isInstance(error));
  });

  it('rejects a malformed request with ConfigError naming the field', async () => {
    const ai = createAIClient({ providers: { test: testAdapter() } });
    await assert.rejects(
      ai.chat(chatRequest({ messages: [{ role: 'robot' as 'user', content: 'x' }] })),
      (error) => ConfigError.isInstance(error) && error.field === 'request.messages[0].role',
    );
    await assert.rejects(ai.embed({ model: 'test:e', input: [] }), (error) => ConfigError.isInstance(error) && error.field === 'request.input');
    const stream = ai.streamChat(chatRequest({ messages: [] }));
    await assert.rejects(stream.final, (error) => ConfigError.isInstance(error) && error.field === 'request.messages');
  });
});

describe('AIClient: tags', () => {
  it('merges per-call tags over the client defaults key by key, in the context and the usage event', async () => {
    const events: UsageEvent[] = [];
    let seen: unknown;
    const ai = createAIClient({
      providers: { test: testAdapter() },
      tags: { project: 'bot', customer: 'default-co' },
      middleware: [(ctx, next) => ((seen = ctx.tags), next())],
    });
    ai.on('usage', (e) => events.push(e));
    await ai.chat(chatRequest({ tags: { customer: 'acme', session: 's-1' } }));
    const expected = { project: 'bot', customer: 'acme', session: 's-1' };
    assert.deepEqual(seen, expected);
    assert.deepEqual(events[0]!.tags, expected);
    await ai.chat(chatRequest());
    assert.deepEqual(events[1]!.tags, { project: 'bot', customer: 'default-co' }, 'a call without tags gets the defaults only');
  });

  it('does not let a call mutate the client default tags', async () => {
    const ai = createAIClient({ providers: { test: testAdapter() }, tags: { project: 'bot' } });
    const events: UsageEvent[] = [];
    ai.on('usage', (e) => events.push(e));
    await ai.chat(chatRequest({ tags: { project: 'other' } }));
    await ai.chat(chatRequest());
    assert.equal(events[1]!.tags.project, 'bot');
  });
});

describe('AIClient: middleware chain', () => {
  it('runs keys → user middleware (in order) → meter → adapter', async () => {
    const log: string[] = [];
    const key = `sk-test-${randomBytes(12).toString('hex')}`;
    const adapter = testAdapter({ keyVariables: ['TEST_API_KEY'] });
    const probe = (name: string): Middleware => async (ctx, next) => {
      log.push(`>${name} key=${ctx.key ? 'resolved' : 'none'}`);
      const result = await next();
      log.push(`<${name}`);
      return result;
    };
    const ai = createAIClient({ providers: { test: adapter }, keys: { byProvider: { test: key } }, middleware: [probe('first'), probe('second')] });
    ai.on('request', () => log.push('adapter request'));
    ai.on('usage', () => log.push('meter usage'));
    await ai.chat(chatRequest());
    assert.deepEqual(log, ['>first key=resolved', '>second key=resolved', 'adapter request', 'meter usage', '<second', '<first']);
    assert.equal(adapter.calls[0]!.call.key?.value, key, 'the adapter receives the key the chain resolved');
  });

  it('use() appends after the middleware given as options and after earlier use() calls, still ahead of the meter', async () => {
    const log: string[] = [];
    const mark = (name: string): Middleware => (_ctx, next) => (log.push(name), next());
    const ai = createAIClient({ providers: { test: testAdapter() }, middleware: [mark('option')] });
    ai.use(mark('use-1')).use(mark('use-2'));
    ai.on('usage', () => log.push('meter'));
    await ai.chat(chatRequest());
    assert.deepEqual(log, ['option', 'use-1', 'use-2', 'meter']);
  });

  it('use() rejects a non-function with ConfigError', () => {
    const ai = createAIClient({ providers: { test: testAdapter() } });
    assert.throws(() => ai.use('nope' as unknown as Middleware), (error) => ConfigError.isInstance(error) && error.field === 'middleware');
  });

  it('a user middleware that short-circuits skips the meter and the adapter', async () => {
    const adapter = testAdapter();
    const ai = createAIClient({ providers: { test: adapter } });
    ai.use(() => Promise.resolve({ output: { text: 'cached', toolCalls: [], finishReason: 'stop' }, usage: { requests: 0 } }));
    let usage = 0;
    ai.on('usage', () => usage++);
    const reply = await ai.chat(chatRequest());
    assert.equal(reply.output.text, 'cached');
    assert.equal(adapter.calls.length, 0);
    assert.equal(usage, 0);
  });

  it('a middleware answering a stream operation with a plain result fails the call with MiddlewareError', async () => {
    const ai = createAIClient({ providers: { test: testAdapter() } });
    ai.use(() => Promise.resolve({ output: { text: 'cached', toolCalls: [], finishReason: 'stop' }, usage: { requests: 0 } }));
    const errors: unknown[] = [];
    ai.on('error', (event) => errors.push(event.error));
    const stream = ai.streamChat(chatRequest());
    await assert.rejects(stream.final, (error) => MiddlewareError.isInstance(error) && /non-stream result/.test(error.message));
    await assert.rejects(async () => {
      for await (const _ of stream) assert.fail('no chunk expected');
    }, (error) => MiddlewareError.isInstance(error));
    assert.equal(errors.length, 1);
  });

  it('a user middleware may replace the request before next()', async () => {
    const adapter = testAdapter();
    const ai = createAIClient({ providers: { test: adapter } });
    ai.use((ctx, next) => {
      if (ctx.operation === 'chat') ctx.request = { ...ctx.request, maxOutputTokens: 7 };
      return next();
    });
    await ai.chat(chatRequest());
    assert.equal((adapter.calls[0]!.call.request as { maxOutputTokens?: number }).maxOutputTokens, 7);
  });

  it('a retrying user middleware gets one usage event per attempt, tied by callId', async () => {
    const ai = createAIClient({ providers: { test: testAdapter() } });
    ai.use(async (ctx, next) => {
      await next();
      ctx.attempt++;
      return next();
    });
    const events: UsageEvent[] = [];
    ai.on('usage', (e) => events.push(e));
    const reply = await ai.chat(chatRequest());
    assert.deepEqual(events.map((e) => e.attempt), [1, 2]);
    assert.ok(events.every((e) => e.callId === reply.callId));
    assert.notEqual(events[0]!.id, events[1]!.id);
  });
});

describe('AIClient: keys', () => {
  it('fails with MissingKeyError before any request when no key resolves, naming variables and environment only', async () => {
    const adapter = testAdapter({ keyVariables: ['TEST_API_KEY'] });
    const ai = createAIClient({ providers: { test: adapter }, env: {}, environment: 'production' });
    await assert.rejects(ai.chat(chatRequest()), (error) => {
      assert.ok(MissingKeyError.isInstance(error));
      assert.match(error.message, /TEST_API_KEY_PRODUCTION/);
      assert.match(error.message, /"production"/);
      return true;
    });
    assert.equal(adapter.calls.length, 0);
  });

  it('reads the key from the env option and never puts it in events, errors or results', async () => {
    const key = `sk-test-${randomBytes(16).toString('hex')}`;
    const adapter = testAdapter({ keyVariables: ['TEST_API_KEY'], error: () => new Error('provider failed') });
    const ai = createAIClient({ providers: { test: adapter }, env: { TEST_API_KEY: key } });
    const seen: unknown[] = [];
    for (const name of ['request', 'response', 'usage', 'error'] as const) ai.on(name, (e: unknown) => seen.push(e));
    const error = await ai.chat(chatRequest()).catch((e: unknown) => e);
    assert.equal(adapter.calls[0]!.call.key?.value, key);
    assert.equal(adapter.calls[0]!.call.key?.source, 'env TEST_API_KEY');
    assert.ok(seen.length >= 2);
    const dump = inspect([seen, error], { depth: 10 }) + JSON.stringify(seen);
    assert.ok(!dump.includes(key), 'the key value leaked into an event or error');
  });
});

describe('AIClient: scrubbing of usage events', () => {
  it('inspects every field of a usage event a middleware emits itself, ids included', async () => {
    const key = `sk-test-${randomBytes(16).toString('hex')}`;
    const forged: Middleware = (ctx, next) => {
      const event = { id: `evt ${key}`, callId: key, time: key, keyFingerprint: key, provider: 'test', usage: { requests: 1 } };
      ctx.emit('usage', event as unknown as UsageEvent);
      return next();
    };
    const ai = createAIClient({ providers: { test: testAdapter({ keyVariables: ['TEST_API_KEY'] }) }, env: { TEST_API_KEY: key }, middleware: [forged] });
    const seen: UsageEvent[] = [];
    ai.on('usage', (e) => seen.push(e));
    await ai.chat(chatRequest());
    assert.equal(seen.length, 2, "the middleware's event and the meter's");
    const dump = inspect(seen, { depth: 10 }) + JSON.stringify(seen);
    assert.ok(!dump.includes(key), 'the key value leaked through a usage event');
  });
});

describe('AIClient: cancellation', () => {
  it('passes the AbortSignal to the adapter, and an abort mid-call rejects with AbortedError', async () => {
    const adapter = testAdapter({ hang: true });
    const ai = createAIClient({ providers: { test: adapter } });
    const controller = new AbortController();
    const pending = ai.chat(chatRequest({ signal: controller.signal }));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(adapter.calls[0]!.call.signal, controller.signal);
    controller.abort();
    await assert.rejects(pending, (error) => AbortedError.isInstance(error));
  });

  it('rejects an already aborted signal with AbortedError without calling the adapter', async () => {
    const adapter = testAdapter();
    const ai = createAIClient({ providers: { test: adapter } });
    await assert.rejects(ai.chat(chatRequest({ signal: AbortSignal.abort() })), (error) => AbortedError.isInstance(error));
    assert.equal(adapter.calls.length, 0);
  });
});

describe('AIClient: environment', () => {
  it('takes the environment from the option, else AIMETER_ENV, APP_ENV, NODE_ENV, else development', () => {
    const providers = { test: testAdapter() };
    assert.equal(createAIClient({ providers, environment: 'staging', env: { NODE_ENV: 'production' } }).environment, 'staging');
    assert.equal(createAIClient({ providers, env: { APP_ENV: 'qa', NODE_ENV: 'production' } }).environment, 'qa');
    assert.equal(createAIClient({ providers, env: { AIMETER_ENV: 'a', APP_ENV: 'qa' } }).environment, 'a');
    assert.equal(createAIClient({ providers, env: {} }).environment, 'development');
  });
});
