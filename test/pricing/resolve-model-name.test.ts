import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCostCalculator } from '../../src/pricing/cost-calculator.js';
import { defaultPriceSource } from '../../src/pricing/default-price-source.js';
import type { PriceSource } from '../../src/pricing/price-source.js';
import { modelNameCandidates, resolutionOf } from '../../src/pricing/resolve-model-name.js';
import { resolvingPriceSource } from '../../src/pricing/resolving-price-source.js';
import { reported } from '../../src/usage.js';

const NOW = new Date('2026-12-05T12:00:00Z');
const usage = { requests: 1, inputTokens: reported(1_000), outputTokens: reported(1_000) };

describe('model names: prefixes, -latest aliases, dated snapshots', () => {
  it('candidates: the prefix stripped, then the alias target, then the date stripped', () => {
    assert.deepEqual(modelNameCandidates('openai', 'openai/gpt-4o-mini-tts-2025-12-15', NOW), [
      { model: 'gpt-4o-mini-tts-2025-12-15', via: 'provider-prefix' },
      { model: 'gpt-4o-mini-tts', via: 'dated-snapshot' },
    ]);
    assert.deepEqual(modelNameCandidates('openai', 'claude-sonnet-4-20250514', NOW), [{ model: 'claude-sonnet-4', via: 'dated-snapshot' }]);
    assert.deepEqual(modelNameCandidates('gemini', 'models/gemini-flash-latest', NOW), [
      { model: 'gemini-flash-latest', via: 'provider-prefix' },
      { model: 'gemini-2.5-flash-preview-09-2025', via: 'latest-alias' },
    ]);
    assert.deepEqual(modelNameCandidates('openai', 'gpt-4o', NOW), []);
    assert.deepEqual(modelNameCandidates('openai', 'gpt-4o-2024-13-01', NOW), [], 'not a date');
  });

  it('an alias resolves to the target in force at the request time, and not before its first date', () => {
    assert.deepEqual(modelNameCandidates('gemini', 'gemini-pro-latest', new Date('2026-03-06T00:00:00Z')), [{ model: 'gemini-3.1-pro-preview', via: 'latest-alias' }]);
    assert.deepEqual(modelNameCandidates('gemini', 'gemini-pro-latest', new Date('2026-03-05T23:59:59Z')), []);
    const aliases = { 'gemini:gemini-flash-latest': [{ from: '2025-09-25', model: 'gemini-2.5-flash' }, { from: '2026-09-15', model: 'gemini-3.8-flash' }] };
    assert.deepEqual(modelNameCandidates('gemini', 'gemini-flash-latest', NOW, aliases), [{ model: 'gemini-3.8-flash', via: 'latest-alias' }]);
    assert.deepEqual(modelNameCandidates('gemini', 'gemini-flash-latest', new Date('2026-01-01T00:00:00Z'), aliases), [{ model: 'gemini-2.5-flash', via: 'latest-alias' }]);
  });

  it('resolutionOf names how a source matched another entry', () => {
    assert.equal(resolutionOf('gpt-4o', 'gpt-4o'), undefined);
    assert.equal(resolutionOf('gpt-4o-2024-11-20', 'gpt-4o'), 'dated-snapshot');
    assert.equal(resolutionOf('models/gemini-2.5-flash', 'gemini-2.5-flash'), 'provider-prefix');
    assert.equal(resolutionOf('gpt-5-chat-latest', 'gpt-5'), 'source-match');
  });

  it('the exact name is asked first: a dated snapshot with a price of its own keeps it', () => {
    const asked: string[] = [];
    const inner: PriceSource = {
      specificationVersion: 'v1',
      name: 'table',
      price: ({ model }) => {
        asked.push(model);
        const perToken = { 'gpt-4o-2024-05-13': 5e-6, 'gpt-4o': 2.5e-6 }[model];
        return perToken === undefined ? undefined : { usd: perToken * 1000, snapshot: { source: 'table', version: '1', rates: { inputToken: perToken } } };
      },
    };
    const source = resolvingPriceSource(inner);
    const own = source.price({ provider: 'openai', model: 'gpt-4o-2024-05-13', operation: 'chat', usage, time: NOW });
    assert.deepEqual([own?.usd, own?.snapshot.model, asked], [5e-3, undefined, ['gpt-4o-2024-05-13']]);
    const base = source.price({ provider: 'openai', model: 'gpt-4o-2099-01-01', operation: 'chat', usage, time: NOW });
    assert.deepEqual([base?.usd, base?.snapshot.model, base?.snapshot.resolvedVia], [2.5e-3, 'gpt-4o', 'dated-snapshot']);
    assert.equal(source.price({ provider: 'openai', model: 'no-such-model', operation: 'chat', usage, time: NOW }), undefined);
  });

  it('the default source prices prefixed, aliased and dated names, and says so in the snapshot', () => {
    const calculator = createCostCalculator({ source: defaultPriceSource({ aliases: { 'gemini:gemini-flash-latest': [{ from: '2026-01-01', model: 'gemini-2.5-flash-lite' }] } }) });
    const cost = (provider: string, model: string, operation: 'chat' | 'speak' = 'chat') => calculator.cost({ provider, model, operation, usage, time: NOW });
    const prefixed = cost('openai', 'openai/gpt-4o-mini');
    assert.ok(Math.abs((prefixed.usd ?? 0) - (1000 * 0.15 + 1000 * 0.6) / 1e6) < 1e-12);
    assert.deepEqual([prefixed.snapshot.model, prefixed.snapshot.resolvedVia], ['gpt-4o-mini', 'provider-prefix']);
    const aliased = cost('gemini', 'gemini-flash-latest');
    assert.ok(Math.abs((aliased.usd ?? 0) - (1000 * 0.1 + 1000 * 0.4) / 1e6) < 1e-12, 'the aliases option replaces the table entry');
    assert.equal(aliased.snapshot.resolvedVia, 'latest-alias');
    const tts = cost('openai', 'gpt-4o-mini-tts-2025-12-15', 'speak');
    assert.ok(Math.abs((tts.usd ?? 0) - (1000 * 0.6 + 1000 * 12) / 1e6) < 1e-12);
    assert.deepEqual([tts.snapshot.source, tts.snapshot.model, tts.snapshot.resolvedVia], ['aimeter:openai-audio', 'gpt-4o-mini-tts', 'dated-snapshot']);
    assert.equal(cost('openai', 'gpt-4o-mini').snapshot.model, undefined, 'a name priced as it is has no resolution');
    assert.equal(cost('openai', 'totally-unknown-2025-01-01').unpriced, 'unknown_model');
  });
});
