import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAIClient } from '../src/client/index.js';
import type { AIClientOptions } from '../src/client-options.js';
import { ConfigError } from '../src/errors/config-error.js';
import { createLimiter } from '../src/limits/limiter.js';
import { fallbackStore } from '../src/limits/stores/fallback-store.js';
import { memoryStore } from '../src/limits/stores/memory-store.js';
import { redisStore } from '../src/limits/stores/redis/redis-store.js';
import { createCostCalculator } from '../src/pricing/cost-calculator.js';
import { elevenlabsPlan } from '../src/limits/presets/elevenlabs-plan.js';
import { geminiFreeTier } from '../src/limits/presets/gemini-free-tier.js';
import { openaiTier } from '../src/limits/presets/openai-tier.js';
import { openai } from '../src/providers/openai/index.js';
import { manualClock } from './support/limits-clock.js';
import { testAdapter } from './support/test-adapter.js';

/** Asserts createAIClient(options) throws a ConfigError naming `field` (and, if given, saying `hint`). */
function rejectsField(options: unknown, field: string, hint?: string): void {
  assert.throws(
    () => createAIClient(options as AIClientOptions),
    (error) => {
      assert.ok(ConfigError.isInstance(error), `expected ConfigError, got ${String(error)}`);
      assert.equal(error.field, field);
      assert.ok(error.message.startsWith(`${field}: `), error.message);
      if (hint !== undefined) assert.ok(error.message.includes(hint), `expected "${hint}" in: ${error.message}`);
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
      keys: { byProvider: { test: 'k' } },
      middleware: [(_ctx, next) => next()],
      sinkQueue: { maxQueue: 10, maxBatch: 5, writeTimeoutMs: 100, retries: 0, retryDelayMs: 0 },
      flushOnExit: false,
      closeTimeoutMs: 1000,
      tokenCounting: 'fast',
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
    rejectsField({ providers, keys: { byProvider: { test: 123 } } }, 'keys.byProvider.test');
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
    rejectsField({ providers, tokenCounting: 'exactly' }, 'tokenCounting');
    rejectsField({ providers, tokenCounting: false }, 'tokenCounting');
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

describe('misconfiguration anywhere in the options is a ConfigError naming the field and the closest valid name', () => {
  const providers = { test: testAdapter() };
  const rpm = { name: 'rpm', unit: 'requests', limit: 60, window: 'minute' } as const;

  it('accepts every option that exists, at every level, and the presets', () => {
    const ai = createAIClient({
      providers,
      flushOnExit: false,
      keys: { byProvider: { test: 'k' }, dotenv: { dir: '.' }, secondary: { test: 'k2' }, resolver: () => undefined, secrets: [], allowedEnvironments: ['staging'], dangerouslyAllowBrowser: false },
      logging: { logger: console, prompts: false, outputs: false },
      retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 3, jitter: 0, deadlineMs: 100, retryOn: ['server'], random: () => 0 },
      pricing: { overrides: { 'test:m1': { inputPerMillion: 1, version: 'v' } }, markup: { default: 10, byCustomer: { acme: 5 } }, onUnknownModel: () => undefined },
      sinkQueue: { maxQueue: 10, maxBatch: 5, writeTimeoutMs: 100, retries: 0, retryDelayMs: 0 },
      limits: {
        policies: [
          { name: 'usd', unit: 'usd', limit: 5, window: { unit: 'month', type: 'fixed', timeZone: 'Europe/Berlin', anchorDay: 3, count: 1 }, action: 'reject', maxWaitMs: 0, alerts: [0.5] },
          { name: 'slots', unit: 'concurrent', limit: 2, leaseMs: 1000, scope: { provider: 'test', model: ['m1', 'm2'], operation: ['chat', 'streamChat'], tags: { customer: 'acme' }, per: ['tag:customer'] } },
          ...geminiFreeTier(),
          ...elevenlabsPlan('creator', { anchorDay: 15 }),
          ...openaiTier(1),
        ],
        store: memoryStore(),
        clock: manualClock(0),
        pollMs: 10,
        defaultOutputTokens: 64,
        adaptive: { lowWater: 0.1, maxWaitMs: 100 },
      },
    });
    assert.ok(ai.limits);
    void ai.close();
  });

  it('a misspelt top-level option', () => {
    rejectsField({ providers, sink: [] }, 'sink', 'did you mean sinks?');
    rejectsField({ providers, colour: 'red' }, 'colour', 'expected one of providers, sinks');
  });

  it('limits.stroe is refused instead of silently counting in memory; limits.store: {} is refused at creation', () => {
    rejectsField({ providers, limits: { policies: [], stroe: memoryStore() } }, 'limits.stroe', 'did you mean limits.store?');
    rejectsField({ providers, limits: { policies: [], store: {} } }, 'limits.store', 'reserve, settle, read, claimOnce, close');
    rejectsField({ providers, limits: { policies: [], clock: {} } }, 'limits.clock');
    rejectsField({ providers, limits: { policies: [], defaultOutputToken: 5 } }, 'limits.defaultOutputToken', 'did you mean limits.defaultOutputTokens?');
    rejectsField({ providers, limits: { policies: [], adaptive: { lowwater: 0.1 } } }, 'limits.adaptive.lowwater', 'did you mean limits.adaptive.lowWater?');
    assert.throws(() => createLimiter({ policies: [], stroe: memoryStore() } as never), (e) => ConfigError.isInstance(e) && e.field === 'limits.stroe');
    assert.throws(() => createLimiter({ policies: [], store: {} } as never), (e) => ConfigError.isInstance(e) && e.field === 'limits.store');
  });

  it('a misspelt policy field (scop) is refused instead of making the policy global', () => {
    rejectsField({ providers, limits: { policies: [{ ...rpm, scop: { provider: 'test' } }] } }, 'limits.policies[0].scop', 'did you mean limits.policies[0].scope?');
    rejectsField({ providers, limits: { policies: [{ ...rpm, window: { unit: 'day', timezone: 'UTC' } }] } }, 'limits.policies[0].window.timezone', 'did you mean limits.policies[0].window.timeZone?');
    rejectsField({ providers, limits: { policies: [{ ...rpm, scope: { tag: { customer: 'acme' } } }] } }, 'limits.policies[0].scope.tag', 'did you mean limits.policies[0].scope.tags?');
  });

  it('a scope that could match no call (unknown operation, non-string tag) is refused instead of leaving the policy inert', () => {
    rejectsField({ providers, limits: { policies: [{ ...rpm, scope: { operation: 'Chat' } }] } }, 'limits.policies[0].scope.operation', 'did you mean "chat"?');
    rejectsField({ providers, limits: { policies: [{ ...rpm, scope: { operation: ['chat', 'speech'] } }] } }, 'limits.policies[0].scope.operation[1]');
    rejectsField({ providers, limits: { policies: [{ ...rpm, scope: { tags: { customer: 42 } } }] } }, 'limits.policies[0].scope.tags.customer');
    rejectsField({ providers, limits: { policies: [{ ...rpm, scope: { model: [] } }] } }, 'limits.policies[0].scope.model');
    rejectsField({ providers, limits: { policies: [{ ...rpm, scope: { provider: 7 } }] } }, 'limits.policies[0].scope.provider');
  });

  it('unknown retry options are refused', () => {
    rejectsField({ providers, retry: { retrys: 3 } }, 'retry.retrys', 'did you mean retry.retries?');
    rejectsField({ providers, retry: { maxRetries: 3 } }, 'retry.maxRetries');
  });

  it('unknown keys of sinkQueue, logging, dotenv and pricing are refused with the closest name', () => {
    rejectsField({ providers, sinkQueue: { maxQueu: 1 } }, 'sinkQueue.maxQueu', 'did you mean sinkQueue.maxQueue?');
    rejectsField({ providers, logging: { prompt: true } }, 'logging.prompt', 'did you mean logging.prompts?');
    rejectsField({ providers, logging: { prompts: 'yes' } }, 'logging.prompts');
    rejectsField({ providers, keys: { dotenv: { dri: '.' } } }, 'keys.dotenv.dri', 'did you mean keys.dotenv.dir?');
    rejectsField({ providers, pricing: { markups: { default: 1 } } }, 'pricing.markups', 'did you mean pricing.markup?');
    rejectsField({ providers, pricing: { markup: { defualt: 20 } } }, 'pricing.markup.defualt', 'did you mean pricing.markup.default?');
    rejectsField({ providers, pricing: { overrides: { 'test:m1': { inputPerMilion: 1 } } } }, "pricing.overrides['test:m1'].inputPerMilion", "did you mean pricing.overrides['test:m1'].inputPerMillion?");
    rejectsField({ providers, pricing: { source: {} } }, 'pricing.source');
  });

  it('key options live under keys, checked by their path with the closest name', () => {
    rejectsField({ providers, keys: { resolvr: () => undefined } }, 'keys.resolvr', 'did you mean keys.resolver?');
    rejectsField({ providers, keys: { secundary: { test: 'k' } } }, 'keys.secundary', 'did you mean keys.secondary?');
    rejectsField({ providers, keys: { resolver: 'tenant' } }, 'keys.resolver');
    rejectsField({ providers, keys: { dotenv: '.' } }, 'keys.dotenv');
    rejectsField({ providers, keys: { secrets: [{ name: 'vault' }] } }, 'keys.secrets[0]');
    rejectsField({ providers, keys: { secondary: { test: 1 } } }, 'keys.secondary.test');
    rejectsField({ providers, keys: { allowedEnvironments: [''] } }, 'keys.allowedEnvironments[0]');
    rejectsField({ providers, keys: { dangerouslyAllowBrowser: 'yes' } }, 'keys.dangerouslyAllowBrowser');
  });

  it('the flat key options of earlier versions fail naming where they moved', () => {
    rejectsField({ providers, keys: { test: 'k' } }, 'keys.test', 'keys by provider name moved to keys.byProvider');
    rejectsField({ providers, keyResolver: () => undefined }, 'keyResolver', 'moved to keys.resolver');
    rejectsField({ providers, dotenv: false }, 'dotenv', 'moved to keys.dotenv');
    rejectsField({ providers, secrets: [] }, 'secrets', 'moved to keys.secrets');
    rejectsField({ providers, secondaryKeys: { test: 'k' } }, 'secondaryKeys', 'moved to keys.secondary');
    rejectsField({ providers, allowedKeyEnvironments: ['staging'] }, 'allowedKeyEnvironments', 'moved to keys.allowedEnvironments');
    rejectsField({ providers, dangerouslyAllowBrowser: true }, 'dangerouslyAllowBrowser', 'moved to keys.dangerouslyAllowBrowser');
  });

  it('the options of stores and of the cost calculator name the closest option too', () => {
    const named = (field: string, hint: string) => (e: unknown) => ConfigError.isInstance(e) && e.field === field && e.message.includes(hint);
    assert.throws(() => memoryStore({ clok: manualClock(0) } as never), named('clok', 'did you mean clock?'));
    assert.throws(() => redisStore({ urll: 'redis://127.0.0.1:6379' } as never), named('urll', 'did you mean url?'));
    assert.throws(() => fallbackStore(memoryStore(), { localshare: 0.5 } as never), named('localshare', 'did you mean localShare?'));
    assert.throws(() => createCostCalculator({ overides: {} } as never), named('overides', 'did you mean overrides?'));
  });

  it('provider adapter options name the closest option too', () => {
    assert.throws(
      () => openai({ baseUrl: 'http://127.0.0.1:1/v1' } as never),
      (e) => ConfigError.isInstance(e) && e.field === 'openai.baseUrl' && e.message.includes('did you mean openai.baseURL?'),
    );
  });
});
