import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import type { CallResult, StreamCallResult, StreamEnd } from '../../src/call-result.js';
import { compose, type Middleware } from '../../src/compose.js';
import { ProviderError } from '../../src/errors/provider-error.js';
import { keyFingerprint } from '../../src/keys/fingerprint.js';
import { logging, type Logger, type LogRecord } from '../../src/middleware/logging.js';
import { Scrubber } from '../../src/redact/scrubber.js';
import { testContext } from '../support/context.js';
import { openaiKey } from '../support/secrets-keys.js';

function memoryLogger() {
  const lines: { level: string; record: LogRecord }[] = [];
  const logger: Logger = {
    info: (record) => lines.push({ level: 'info', record }),
    warn: (record) => lines.push({ level: 'warn', record }),
    error: (record) => lines.push({ level: 'error', record }),
  };
  return { lines, logger };
}

const ok: CallResult = { output: { text: 'the reply', toolCalls: [], finishReason: 'stop' }, usage: { requests: 1 }, status: 200, requestId: 'req_1' };
const withKey: Middleware = (ctx, next) => {
  ctx.key = { value: 'never-logged-key-value', fingerprint: keyFingerprint('never-logged-key-value'), source: 'test' };
  return next();
};
const retryOnce: Middleware = async (ctx, next) => {
  try {
    return await next();
  } catch {
    ctx.attempt += 1;
    return next();
  }
};

describe('logging middleware', () => {
  it('writes one structured line per attempt with provider, operation, model, status, latency, attempt, fingerprint and tags', async () => {
    const { lines, logger } = memoryLogger();
    const log = logging({ logger });
    let calls = 0;
    const ctx = { ...testContext(), tags: { customer: 'acme' } };
    await compose([log, withKey, retryOnce, log.attempt], () => (++calls === 1 ? Promise.reject(new ProviderError('busy', { provider: 'test', kind: 'server', status: 503 })) : Promise.resolve(ok)))(ctx);
    assert.deepEqual(lines.map((l) => [l.level, l.record.attempt, l.record.status, l.record.httpStatus]), [['warn', 1, 'error', 503], ['info', 2, 'ok', 200]]);
    const line = lines[1]!.record;
    assert.equal(line.event, 'aimeter.attempt');
    assert.equal(line.provider, 'test');
    assert.equal(line.operation, 'chat');
    assert.equal(line.model, 'm1');
    assert.equal(line.environment, 'test');
    assert.equal(line.keyFingerprint, keyFingerprint('never-logged-key-value'));
    assert.deepEqual(line.tags, { customer: 'acme' });
    assert.equal(line.requestId, 'req_1');
    assert.equal(typeof line.latencyMs, 'number');
    assert.equal(line.msg, line.message, 'pino reads msg, winston reads message');
    assert.equal(lines[0]!.record.errorKind, 'server');
    assert.ok(!inspect(lines, { depth: 10 }).includes('never-logged-key-value'));
  });

  it('adds one call_failed line at error level when the call fails, even before any attempt', async () => {
    const { lines, logger } = memoryLogger();
    const log = logging({ logger });
    const refuse: Middleware = () => Promise.reject(new Error('no key'));
    await assert.rejects(compose([log, refuse, log.attempt], () => Promise.resolve(ok))(testContext()));
    assert.equal(lines.length, 1);
    assert.equal(lines[0]!.level, 'error');
    assert.equal(lines[0]!.record.event, 'aimeter.call_failed');
    assert.equal(lines[0]!.record.error, 'no key');
  });

  it('never logs prompts or outputs unless opted in; audio is logged as its size', async () => {
    const quiet = memoryLogger();
    const log = logging({ logger: quiet.logger });
    await compose([log, log.attempt], () => Promise.resolve(ok))(testContext());
    const text = JSON.stringify(quiet.lines);
    assert.ok(!text.includes('"hi"') && !text.includes('the reply'));

    const loud = memoryLogger();
    const verbose = logging({ logger: loud.logger, prompts: true, outputs: true });
    await compose([verbose, verbose.attempt], () => Promise.resolve(ok))(testContext());
    assert.deepEqual(loud.lines[0]!.record.request, { model: 'test:m1', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal((loud.lines[0]!.record.output as { text: string }).text, 'the reply');
    const audio: CallResult = { output: { audio: new Uint8Array(300), format: 'mp3' }, usage: { requests: 1 } };
    await compose([verbose, verbose.attempt], () => Promise.resolve(audio))(testContext());
    assert.deepEqual((loud.lines[1]!.record.output as { audio: unknown }).audio, { bytes: 300 });
  });

  it('scrubs every record with the client scrubber: registered keys and key patterns', async () => {
    const key = openaiKey();
    const scrubber = new Scrubber();
    scrubber.register(key);
    const { lines, logger } = memoryLogger();
    const log = logging({ logger, scrubber, prompts: true });
    const ctx = testContext();
    ctx.request = { model: 'test:m1', messages: [{ role: 'user', content: `my key is ${key} and ${openaiKey()}` }] };
    await assert.rejects(compose([log, log.attempt], () => Promise.reject(new Error(`Incorrect API key provided: ${key}`)))(ctx));
    const text = JSON.stringify(lines);
    assert.ok(!text.includes(key));
    assert.ok(!/sk-proj-[A-Za-z0-9_-]{20}/.test(text));
  });

  it('logs a stream attempt when its final settles', async () => {
    const { lines, logger } = memoryLogger();
    const log = logging({ logger });
    let end!: (value: StreamEnd) => void;
    const final = new Promise<StreamEnd>((resolve) => (end = resolve));
    const stream: StreamCallResult = { stream: (async function* () {})(), final, status: 200 };
    await compose([log, log.attempt], () => Promise.resolve(stream))(testContext());
    assert.equal(lines.length, 0);
    end({ ...ok, outcome: 'aborted', chunks: 3 });
    await final;
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual([lines[0]!.record.status, lines[0]!.record.chunks, lines[0]!.record.httpStatus], ['aborted', 3, 200]);
  });

  it('survives a throwing logger', async () => {
    const log = logging({ logger: { info: () => { throw new Error('disk full'); }, warn: () => undefined, error: () => undefined } });
    assert.equal(await compose([log, log.attempt], () => Promise.resolve(ok))(testContext()), ok);
  });

  it('writes JSON lines to the console by default', async () => {
    /* eslint-disable no-console -- the default logger's destination is what is tested */
    const original = console.info;
    const written: string[] = [];
    console.info = (line: string) => void written.push(line);
    try {
      const log = logging();
      await compose([log, log.attempt], () => Promise.resolve(ok))(testContext());
    } finally {
      console.info = original;
    }
    assert.equal(written.length, 1);
    /* eslint-enable no-console */
    assert.equal((JSON.parse(written[0]!) as LogRecord).status, 'ok');
  });
});
