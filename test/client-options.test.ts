import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAIClient } from '../src/client.js';
import type { AIClientOptions } from '../src/client-options.js';
import { ConfigError } from '../src/errors/config-error.js';
import { testAdapter } from './support/test-adapter.js';

/** Asserts createAIClient(options) throws a ConfigError naming `field`. */
function rejectsField(options: unknown, field: string): void {
  assert.throws(
    () => createAIClient(options as AIClientOptions),
    (error) => {
      assert.ok(ConfigError.isInstance(error), `expected ConfigError, got ${String(error)}`);
      assert.equal(error.field, field);
      assert.ok(error.message.startsWith(`${field}: `), error.message);
      return true;
    },
  );
}

describe('createAIClient options validation', () => {
  const providers = { test: testAdapter() };

  it('accepts a complete valid set of options', () => {
    const ai = createAIClient({
      providers,
      sinks: [{ write: () => undefined }],
      tags: { project: 'p', customer: undefined },
      environment: 'staging',
      keys: { test: 'k' },
      middleware: [(_ctx, next) => next()],
      sinkQueue: { maxQueue: 10, maxBatch: 5, writeTimeoutMs: 100, retries: 0, retryDelayMs: 0 },
      flushOnExit: false,
      closeTimeoutMs: 1000,
      env: {},
    });
    assert.equal(ai.environment, 'staging');
  });

  it('rejects a non-object', () => {
    rejectsField(undefined, 'options');
    rejectsField('openai', 'options');
    rejectsField([], 'options');
  });

  it('rejects an unknown option by its name (a typo fails loudly)', () => {
    rejectsField({ providers, sink: [] }, 'sink');
    rejectsField({ providers, tag: {} }, 'tag');
  });

  it('rejects missing, empty or malformed providers', () => {
    rejectsField({}, 'providers');
    rejectsField({ providers: {} }, 'providers');
    rejectsField({ providers: { openai: 'openai' } }, 'providers.openai');
    rejectsField({ providers: { openai: { ...testAdapter(), specificationVersion: 'v2' } } }, 'providers.openai');
    rejectsField({ providers: { 'a:b': testAdapter() } }, 'providers.a:b');
    rejectsField({ providers: { x: { ...testAdapter(), keyVariables: 'X_KEY' } } }, 'providers.x.keyVariables');
  });

  it('rejects a bad sink by its position', () => {
    rejectsField({ providers, sinks: {} }, 'sinks');
    rejectsField({ providers, sinks: [{ write: () => undefined }, { name: 'no-write' }] }, 'sinks[1]');
    rejectsField({ providers, sinks: [null] }, 'sinks[0]');
  });

  it('rejects bad tags and keys by their key', () => {
    rejectsField({ providers, tags: 'acme' }, 'tags');
    rejectsField({ providers, tags: { customer: 42 } }, 'tags.customer');
    rejectsField({ providers, keys: { test: 123 } }, 'keys.test');
    rejectsField({ providers, keys: ['k'] }, 'keys');
  });

  it('rejects bad middleware by its position', () => {
    rejectsField({ providers, middleware: (_c: unknown, n: () => unknown) => n() }, 'middleware');
    rejectsField({ providers, middleware: [() => undefined, 'logging'] }, 'middleware[1]');
  });

  it('rejects bad scalars', () => {
    rejectsField({ providers, environment: '' }, 'environment');
    rejectsField({ providers, environment: 3 }, 'environment');
    rejectsField({ providers, flushOnExit: 'yes' }, 'flushOnExit');
    rejectsField({ providers, closeTimeoutMs: 0 }, 'closeTimeoutMs');
    rejectsField({ providers, closeTimeoutMs: 1.5 }, 'closeTimeoutMs');
    rejectsField({ providers, env: 'production' }, 'env');
  });

  it('rejects bad sink queue settings by their path', () => {
    rejectsField({ providers, sinkQueue: 5 }, 'sinkQueue');
    rejectsField({ providers, sinkQueue: { maxQueue: 0 } }, 'sinkQueue.maxQueue');
    rejectsField({ providers, sinkQueue: { maxBatch: -1 } }, 'sinkQueue.maxBatch');
    rejectsField({ providers, sinkQueue: { writeTimeoutMs: Number.NaN } }, 'sinkQueue.writeTimeoutMs');
    rejectsField({ providers, sinkQueue: { retries: -1 } }, 'sinkQueue.retries');
    rejectsField({ providers, sinkQueue: { queueSize: 10 } }, 'sinkQueue.queueSize');
  });
});
