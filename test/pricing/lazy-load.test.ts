import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { createCostCalculator } from '../../src/pricing/cost-calculator.js';
import { reported } from '../../src/usage.js';
import { assertUsd, query } from '../support/price-checks.js';

const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes('@pydantic/genai-prices'));

describe('genai-prices loading', () => {
  it('waits for the first LLM price: creating a calculator or pricing audio from our tables does not parse its data', () => {
    const calculator = createCostCalculator();
    assertUsd(calculator.cost(query('openai:tts-1', 'speak', { characters: reported(1_000) })).usd, (1_000 * 15) / 1e6);
    assert.equal(loaded(), false);
    assertUsd(
      calculator.cost(query('openai:gpt-4o-mini', 'chat', { inputTokens: reported(1_000), outputTokens: reported(1_000) })).usd,
      (1_000 * 0.15 + 1_000 * 0.6) / 1e6,
    );
    assert.equal(loaded(), true);
  });
});
