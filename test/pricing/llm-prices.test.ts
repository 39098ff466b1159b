import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { calcPrice } from '@pydantic/genai-prices';
import { createCostCalculator } from '../../src/pricing/cost-calculator.js';
import { genaiPricesSource } from '../../src/pricing/genai-prices-source.js';
import { estimated, missing, reported } from '../../src/usage.js';
import { assertUsd, query, TIME } from '../support/price-checks.js';

const calculator = createCostCalculator();
const cost = (...args: Parameters<typeof query>) => calculator.cost(query(...args));

// Rates from @pydantic/genai-prices 0.1.8's bundled data (USD per million tokens), in force on 2026-11-23:
// openai gpt-4o-mini: input 0.15, cache read 0.075, output 0.6
// google gemini-2.5-flash: input 0.3, cache read 0.03, output 2.5
// google gemini-2.5-pro: input 1.25 / 2.5 above 200k prompt tokens, cache read 0.125 / 0.25, output 10 / 15
// openai gpt-6-luna: input 0.1, cache write 0.125, cache read 0.01, output 0.5 (× 2 / 2 / 2 / 1.5 above 272k)
// openai o3: input 10, output 40 until 2025-06-10, then input 2, output 8
// openai text-embedding-3-small: input 0.02; google gemini-embedding-001: input 0.15

describe('LLM prices from genai-prices', () => {
  it('gpt-4o-mini: $0.15 in, $0.60 out per million', () => {
    const c = cost('openai:gpt-4o-mini', 'chat', { inputTokens: reported(1000), outputTokens: reported(500) });
    assertUsd(c.usd, (1000 * 0.15 + 500 * 0.6) / 1e6);
    assert.equal(c.snapshot.source, 'genai-prices');
    assert.deepEqual(c.snapshot.rates, { inputToken: 0.15 / 1e6, cachedInputToken: 0.075 / 1e6, outputToken: 0.6 / 1e6 });
  });

  it('gpt-4o-mini: cached input at its cached rate, $0.075 per million', () => {
    const c = cost('openai:gpt-4o-mini', 'chat', {
      inputTokens: reported(10_000),
      cachedInputTokens: reported(8_000),
      outputTokens: reported(500),
    });
    assertUsd(c.usd, ((10_000 - 8_000) * 0.15 + 8_000 * 0.075 + 500 * 0.6) / 1e6);
  });

  it('gpt-4o-mini: reasoning tokens are inside the output tokens, not billed again', () => {
    const c = cost('openai:gpt-4o-mini', 'chat', {
      inputTokens: reported(2_000),
      outputTokens: reported(3_000),
      reasoningTokens: reported(2_500),
    });
    assertUsd(c.usd, (2_000 * 0.15 + 3_000 * 0.6) / 1e6);
  });

  it('a streamed chat gets the same price as a plain one', () => {
    const c = cost('openai:gpt-4o-mini', 'streamChat', { inputTokens: reported(1234), outputTokens: reported(567) });
    assertUsd(c.usd, (1234 * 0.15 + 567 * 0.6) / 1e6);
  });

  it('a dated model id is matched to its model (gpt-4o-mini-2024-07-18)', () => {
    const c = cost('openai:gpt-4o-mini-2024-07-18', 'chat', { inputTokens: reported(1000), outputTokens: reported(1000) });
    assertUsd(c.usd, (1000 * 0.15 + 1000 * 0.6) / 1e6);
  });

  it('estimated usage (an aborted stream) is priced like reported usage', () => {
    const c = cost('openai:gpt-4o-mini', 'streamChat', { inputTokens: estimated(800), outputTokens: estimated(120) });
    assertUsd(c.usd, (800 * 0.15 + 120 * 0.6) / 1e6);
  });

  it('gemini-2.5-flash: thoughts are billed as output, once (they are inside outputTokens)', () => {
    // 1,200 prompt tokens; 300 candidate tokens + 900 thoughts = 1,200 output tokens, as the Gemini adapter reports them.
    const c = cost('gemini:gemini-2.5-flash', 'chat', {
      inputTokens: reported(1_200),
      outputTokens: reported(300 + 900),
      cachedInputTokens: reported(0),
      reasoningTokens: reported(900),
    });
    assertUsd(c.usd, (1_200 * 0.3 + (300 + 900) * 2.5) / 1e6);
    // The card also holds the audio rates (input_audio_mtok 1, cache_audio_read_mtok 0.1), unused by a text-only prompt.
    assert.deepEqual(c.snapshot.rates, {
      inputToken: 0.3 / 1e6,
      cachedInputToken: 0.03 / 1e6,
      outputToken: 2.5 / 1e6,
      inputAudioToken: 1 / 1e6,
      cachedAudioInputToken: 0.1 / 1e6,
    });
  });

  it('gemini-2.5-flash: cached content at $0.03 per million', () => {
    const c = cost('gemini:gemini-2.5-flash', 'chat', {
      inputTokens: reported(50_000),
      cachedInputTokens: reported(40_000),
      outputTokens: reported(1_000),
    });
    assertUsd(c.usd, (10_000 * 0.3 + 40_000 * 0.03 + 1_000 * 2.5) / 1e6);
  });

  it("gemini: a 'models/' prefix is ignored", () => {
    const c = cost('gemini:models/gemini-2.5-flash', 'chat', { inputTokens: reported(100), outputTokens: reported(100) });
    assertUsd(c.usd, (100 * 0.3 + 100 * 2.5) / 1e6);
  });

  it('gemini-2.5-pro: the base tier up to 200k prompt tokens', () => {
    const c = cost('gemini:gemini-2.5-pro', 'chat', { inputTokens: reported(200_000), outputTokens: reported(2_000) });
    assertUsd(c.usd, (200_000 * 1.25 + 2_000 * 10) / 1e6);
  });

  it('gemini-2.5-pro: above 200k prompt tokens every token is at the higher tier', () => {
    const c = cost('gemini:gemini-2.5-pro', 'chat', {
      inputTokens: reported(250_000),
      cachedInputTokens: reported(100_000),
      outputTokens: reported(2_000),
    });
    assertUsd(c.usd, (150_000 * 2.5 + 100_000 * 0.25 + 2_000 * 15) / 1e6);
    assert.equal(c.snapshot.rates['inputToken'], 2.5 / 1e6);
  });

  it('cache writes at the cache-write rate where priced (gpt-6-luna)', () => {
    const c = cost('openai:gpt-6-luna', 'chat', {
      inputTokens: reported(10_000),
      cachedInputTokens: reported(3_000),
      cacheWriteInputTokens: reported(5_000),
      outputTokens: reported(1_000),
    });
    assertUsd(c.usd, (2_000 * 0.1 + 3_000 * 0.01 + 5_000 * 0.125 + 1_000 * 0.5) / 1e6);
  });

  it('the price in force at the request time (o3 before and after its 2025-06-10 cut)', () => {
    const usage = { requests: 1, inputTokens: reported(1_000), outputTokens: reported(1_000) };
    const before = calculator.cost({ provider: 'openai', model: 'o3', operation: 'chat', usage, time: new Date('2025-06-01T00:00:00Z') });
    const after = calculator.cost({ provider: 'openai', model: 'o3', operation: 'chat', usage, time: new Date('2025-06-11T00:00:00Z') });
    assertUsd(before.usd, (1_000 * 10 + 1_000 * 40) / 1e6);
    assertUsd(after.usd, (1_000 * 2 + 1_000 * 8) / 1e6);
  });

  it('embeddings: text-embedding-3-small at $0.02 per million, no output needed', () => {
    const c = cost('openai:text-embedding-3-small', 'embed', { inputTokens: reported(123_456) });
    assertUsd(c.usd, (123_456 * 0.02) / 1e6);
  });

  it('embeddings: gemini-embedding-001 with estimated input tokens (the API reports none)', () => {
    const c = cost('gemini:gemini-embedding-001', 'embed', { inputTokens: estimated(40_000) });
    assertUsd(c.usd, (40_000 * 0.15) / 1e6);
  });

  it('missing output tokens → usd undefined, not 0', () => {
    const c = cost('openai:gpt-4o-mini', 'streamChat', { inputTokens: reported(1000), outputTokens: missing() });
    assert.equal(c.usd, undefined);
    assert.equal(c.unpriced, 'missing_usage');
  });

  it('missing cached tokens → usd undefined (the split between rates is unknown)', () => {
    const c = cost('openai:gpt-4o-mini', 'chat', {
      inputTokens: reported(1000),
      cachedInputTokens: missing(),
      outputTokens: reported(10),
    });
    assert.equal(c.usd, undefined);
  });

  it('a usage with no token figures at all → usd undefined', () => {
    assert.equal(cost('gemini:gemini-2.5-flash', 'chat', {}).usd, undefined);
  });

  it('cached tokens exceeding the input tokens (inconsistent usage) → usd undefined', () => {
    const c = cost('openai:gpt-4o-mini', 'chat', {
      inputTokens: estimated(100),
      cachedInputTokens: reported(500),
      outputTokens: reported(10),
    });
    assert.equal(c.usd, undefined);
  });

  it('agrees with calcPrice of genai-prices itself', () => {
    const cases = [
      { provider: 'openai', providerId: 'openai', model: 'gpt-4o-mini', input: 9_000, cached: 4_000, output: 700 },
      { provider: 'gemini', providerId: 'google', model: 'gemini-2.5-flash', input: 30_000, cached: 10_000, output: 5_000 },
      { provider: 'gemini', providerId: 'google', model: 'gemini-2.5-pro', input: 300_000, cached: 50_000, output: 8_000 },
    ];
    for (const c of cases) {
      const ours = calculator.cost({
        provider: c.provider,
        model: c.model,
        operation: 'chat',
        time: TIME,
        usage: { requests: 1, inputTokens: reported(c.input), cachedInputTokens: reported(c.cached), outputTokens: reported(c.output) },
      });
      const theirs = calcPrice(
        { input_tokens: c.input, cache_read_tokens: c.cached, output_tokens: c.output },
        c.model,
        { providerId: c.providerId, timestamp: TIME },
      );
      assert.ok(theirs, c.model);
      assertUsd(ours.usd, theirs.total_price);
    }
  });

  it("the snapshot's version is the installed package's version", () => {
    const require = createRequire(import.meta.url);
    const manifest = join(dirname(require.resolve('@pydantic/genai-prices')), '..', 'package.json');
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
    const c = cost('openai:gpt-4o-mini', 'chat', { inputTokens: reported(1), outputTokens: reported(1) });
    assert.equal(c.snapshot.version, version);
  });

  it('matches a model once per minute, and prices each request at the price of its own minute', () => {
    const change = Date.parse('2026-11-23T12:01:00Z');
    let matches = 0;
    const source = genaiPricesSource({
      // A price that doubles at 12:01, as a dated price change in the package's data would.
      calcPrice: (usage, model, options) => {
        matches += 1;
        const found = calcPrice(usage, model, options);
        if (!found || (options?.timestamp?.getTime() ?? 0) < change) return found;
        return { ...found, model_price: { ...found.model_price, input_mtok: 0.3, output_mtok: 1.2 } };
      },
      version: 'test',
    });
    const at = (iso: string) => source.price({ ...query('openai:gpt-4o-mini', 'chat', { inputTokens: reported(1000), outputTokens: reported(1000) }), time: new Date(iso) })?.usd;
    assertUsd(at('2026-11-23T12:00:05Z'), (1000 * 0.15 + 1000 * 0.6) / 1e6);
    assertUsd(at('2026-11-23T12:00:59.999Z'), (1000 * 0.15 + 1000 * 0.6) / 1e6);
    assert.equal(matches, 1, 'one match for the minute');
    assertUsd(at('2026-11-23T12:01:00Z'), (1000 * 0.3 + 1000 * 1.2) / 1e6);
    assertUsd(at('2026-11-23T12:00:30Z'), (1000 * 0.15 + 1000 * 0.6) / 1e6);
    assert.equal(matches, 3);
  });

  it('a calcPrice passed in is used, with its version', () => {
    const calls: string[] = [];
    const source = genaiPricesSource({
      calcPrice: (usage, model, options) => {
        calls.push(`${String(options?.providerId)}:${model}`);
        return calcPrice(usage, model, options);
      },
      version: 'auto-updated 2026-11-20',
    });
    const quote = source.price(query('gemini:gemini-2.5-flash', 'chat', { inputTokens: reported(10), outputTokens: reported(10) }));
    assert.deepEqual(calls, ['google:gemini-2.5-flash']);
    assert.equal(quote?.snapshot.version, 'auto-updated 2026-11-20');
    assertUsd(quote?.usd, (10 * 0.3 + 10 * 2.5) / 1e6);
  });
});
