import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chainPriceSources } from '../../src/pricing/chain-price-sources.js';
import { createCostCalculator, type UnknownModelWarning } from '../../src/pricing/cost-calculator.js';
import { defaultPriceSource } from '../../src/pricing/default-price-source.js';
import type { PriceSource } from '../../src/pricing/price-source.js';
import { missing, reported } from '../../src/usage.js';
import { isConfigError } from '../support/config-error-check.js';
import { assertUsd, query } from '../support/price-checks.js';

const chat = { inputTokens: reported(10_000), cachedInputTokens: reported(4_000), outputTokens: reported(2_000) };

describe('price overrides', () => {
  it('replace the source price for that model, with the override version in the snapshot', () => {
    const calculator = createCostCalculator({
      overrides: { 'openai:gpt-4o-mini': { inputPerMillion: 0.12, cachedInputPerMillion: 0.03, outputPerMillion: 0.5, version: '2026-10 contract' } },
    });
    const c = calculator.cost(query('openai:gpt-4o-mini', 'chat', chat));
    assertUsd(c.usd, (6_000 * 0.12 + 4_000 * 0.03 + 2_000 * 0.5) / 1e6);
    assert.deepEqual(c.snapshot, {
      source: 'override',
      version: '2026-10 contract',
      rates: { inputToken: 0.12 / 1e6, cachedInputToken: 0.03 / 1e6, outputToken: 0.5 / 1e6 },
    });
  });

  it('without a cached price, cached tokens are billed at the input price', () => {
    const calculator = createCostCalculator({ overrides: { 'openai:gpt-4o-mini': { inputPerMillion: 0.2, outputPerMillion: 0.8 } } });
    const c = calculator.cost(query('openai:gpt-4o-mini', 'chat', chat));
    assertUsd(c.usd, (10_000 * 0.2 + 2_000 * 0.8) / 1e6);
    assert.equal(c.snapshot.version, 'override');
  });

  it('price a model no source knows (a private deployment), per character and per minute too', () => {
    const calculator = createCostCalculator({
      overrides: {
        'openai:my-finetune': { inputPerMillion: 3, outputPerMillion: 12 },
        'acme-tts:voice-1': { perMillionCharacters: 20 },
        'acme-stt:ears': { perAudioMinute: 0.01 },
      },
    });
    assertUsd(calculator.cost(query('openai:my-finetune', 'chat', chat)).usd, (10_000 * 3 + 2_000 * 12) / 1e6);
    assertUsd(calculator.cost(query('acme-tts:voice-1', 'speak', { characters: reported(5_000) })).usd, (5_000 * 20) / 1e6);
    assertUsd(calculator.cost(query('acme-stt:ears', 'transcribe', { audioSeconds: reported(90) })).usd, (90 / 60) * 0.01);
  });

  it('leave other models to the source', () => {
    const calculator = createCostCalculator({ overrides: { 'openai:gpt-4o-mini': { inputPerMillion: 1, outputPerMillion: 1 } } });
    const c = calculator.cost(query('gemini:gemini-2.5-flash', 'chat', { inputTokens: reported(1000), outputTokens: reported(1000) }));
    assertUsd(c.usd, (1000 * 0.3 + 1000 * 2.5) / 1e6);
  });

  it('invalid overrides → ConfigError naming the field', () => {
    const make = (overrides: unknown) => () => createCostCalculator({ overrides: overrides as never });
    assert.ok(isConfigError(make({ 'openai:gpt-4o-mini': { inputPerMillion: -0.15 } }), "overrides['openai:gpt-4o-mini'].inputPerMillion"));
    assert.ok(isConfigError(make({ 'openai:gpt-4o-mini': { inputPerMilion: 0.15 } }), "overrides['openai:gpt-4o-mini'].inputPerMilion"));
    assert.ok(isConfigError(make({ 'openai:gpt-4o-mini': { outputPerMillion: '0.6' } }), "overrides['openai:gpt-4o-mini'].outputPerMillion"));
    assert.ok(isConfigError(make({ 'openai:gpt-4o-mini': {} }), "overrides['openai:gpt-4o-mini']"));
    assert.ok(isConfigError(make({ 'gpt-4o-mini': { inputPerMillion: 0.15 } }), "overrides['gpt-4o-mini']"));
    assert.ok(isConfigError(make({ 'openai:x': { inputPerMillion: 1, version: 3 } }), "overrides['openai:x'].version"));
    assert.ok(isConfigError(make([]), 'overrides'));
  });
});

describe('markup per customer (a percentage of the cost)', () => {
  const calculator = createCostCalculator({ markup: { default: 20, byCustomer: { acme: 35, internal: 0 } } });
  const usage = { inputTokens: reported(1000), outputTokens: reported(500) };
  const usd = (1000 * 0.15 + 500 * 0.6) / 1e6;

  it('a customer with its own percentage', () => {
    const c = calculator.cost(query('openai:gpt-4o-mini', 'chat', usage, 'acme'));
    assertUsd(c.usd, usd);
    assertUsd(c.markupUsd, ((1000 * 0.15 + 500 * 0.6) / 1e6) * 0.35);
  });

  it('another customer gets the default', () => {
    assertUsd(calculator.cost(query('openai:gpt-4o-mini', 'chat', usage, 'globex')).markupUsd, ((1000 * 0.15 + 500 * 0.6) / 1e6) * 0.2);
  });

  it('a call without a customer gets the default too', () => {
    assertUsd(calculator.cost(query('openai:gpt-4o-mini', 'chat', usage)).markupUsd, ((1000 * 0.15 + 500 * 0.6) / 1e6) * 0.2);
  });

  it('a 0 % customer records a markup of exactly 0', () => {
    assert.equal(calculator.cost(query('openai:gpt-4o-mini', 'chat', usage, 'internal')).markupUsd, 0);
  });

  it('on ElevenLabs credits as on tokens', () => {
    const c = calculator.cost(query('elevenlabs:eleven_flash_v2_5', 'speak', { credits: reported(500) }, 'acme'));
    assertUsd(c.markupUsd, 500 * (22 / 121_000) * 0.35);
  });

  it('no markup configured → no markupUsd', () => {
    assert.equal('markupUsd' in createCostCalculator().cost(query('openai:gpt-4o-mini', 'chat', usage, 'acme')), false);
  });

  it('an unknown cost has no markup either', () => {
    const c = calculator.cost(query('openai:gpt-4o-mini', 'chat', { inputTokens: reported(1), outputTokens: missing() }, 'acme'));
    assert.equal(c.usd, undefined);
    assert.equal(c.markupUsd, undefined);
  });

  it('invalid markup → ConfigError naming the field', () => {
    const make = (markup: unknown) => () => createCostCalculator({ markup: markup as never });
    assert.ok(isConfigError(make({ default: -5 }), 'markup.default'));
    assert.ok(isConfigError(make({ byCustomer: { acme: Number.POSITIVE_INFINITY } }), 'markup.byCustomer.acme'));
    assert.ok(isConfigError(make({ byCustomer: 20 }), 'markup.byCustomer'));
    assert.ok(isConfigError(make({ defualt: 20 }), 'markup.defualt'));
    assert.ok(isConfigError(make(1.2), 'markup'));
  });
});

describe('unknown models', () => {
  it('get usd undefined, never 0, and exactly one warning per provider:model', () => {
    const warnings: UnknownModelWarning[] = [];
    const calculator = createCostCalculator({ onUnknownModel: (warning) => warnings.push(warning) });
    const usage = { inputTokens: reported(1000), outputTokens: reported(1000) };
    for (let i = 0; i < 3; i += 1) {
      const c = calculator.cost(query('openai:gpt-9-imaginary', 'chat', usage));
      assert.equal(c.usd, undefined);
      assert.equal(c.unpriced, 'unknown_model');
      assert.deepEqual(c.snapshot, { source: 'default', version: 'none', rates: {} });
    }
    calculator.cost(query('gemini:gemini-9-imaginary', 'chat', usage));
    calculator.cost(query('gemini:gemini-9-imaginary', 'streamChat', usage));
    calculator.cost(query('openai:tts-9', 'speak', { characters: reported(10) }));
    calculator.cost(query('openai:gpt-4o-mini', 'chat', usage));
    assert.deepEqual(
      warnings.map((w) => [w.code, w.provider, w.model]),
      [
        ['unknown_price', 'openai', 'gpt-9-imaginary'],
        ['unknown_price', 'gemini', 'gemini-9-imaginary'],
        ['unknown_price', 'openai', 'tts-9'],
      ],
    );
    assert.match(warnings[0]?.message ?? '', /openai:gpt-9-imaginary/);
  });

  it('missing usage of a known model is not an unknown model: no warning', () => {
    const warnings: UnknownModelWarning[] = [];
    const calculator = createCostCalculator({ onUnknownModel: (warning) => warnings.push(warning) });
    assert.equal(calculator.cost(query('openai:gpt-4o-mini', 'chat', { inputTokens: missing(), outputTokens: missing() })).usd, undefined);
    assert.deepEqual(warnings, []);
  });
});

describe('custom price sources', () => {
  it('come first in a chain, the default prices the rest', () => {
    const mine: PriceSource = {
      specificationVersion: 'v1',
      name: 'mine',
      price: ({ provider, usage }) =>
        provider === 'acme' ? { usd: usage.requests * 0.002, snapshot: { source: 'mine', version: '1', rates: { request: 0.002 } } } : undefined,
    };
    const calculator = createCostCalculator({ source: chainPriceSources('mine+default', mine, defaultPriceSource()) });
    assertUsd(calculator.cost(query('acme:any', 'chat', {})).usd, 1 * 0.002);
    assertUsd(calculator.cost(query('openai:tts-1', 'speak', { characters: reported(1000) })).usd, (1000 * 15) / 1e6);
  });
});
