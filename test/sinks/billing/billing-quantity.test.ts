import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { billingAmount, billingFigures } from '../../../src/sinks/billing/billing-quantity.js';
import { usageEvent } from '../../support/make-usage-event.js';

const snapshot = { source: 'test', version: '1', rates: {} };

describe('billingAmount', () => {
  const chat = usageEvent({ cost: { usd: 0.01, markupUsd: 0.002, snapshot } });

  it('counts each quantity of an event', () => {
    assert.equal(billingAmount(chat, 'tokens', 1), 15);
    assert.equal(billingAmount(chat, 'inputTokens', 1), 10);
    assert.equal(billingAmount(chat, 'outputTokens', 1), 5);
    assert.equal(billingAmount(chat, 'requests', 1), 1);
    assert.equal(billingAmount(chat, 'cost', 100), (0.01 + 0.002) * 100, 'cost with markup, in cents');
  });

  it('is 0 for a figure that does not apply, undefined for one that applies but is unknown', () => {
    assert.equal(billingAmount(chat, 'characters', 1), 0);
    assert.equal(billingAmount(usageEvent({ cost: undefined }), 'cost', 1), 0, 'an attempt that was not billed');
    assert.equal(billingAmount(usageEvent({ cost: { usd: undefined, unpriced: 'unknown_model', snapshot } }), 'cost', 1), undefined);
    const cut = usageEvent({ usage: { requests: 1, inputTokens: { value: 10, provenance: 'reported' }, outputTokens: { value: null, provenance: 'missing' } } });
    assert.equal(billingAmount(cut, 'tokens', 1), undefined);
    assert.equal(billingAmount(cut, 'inputTokens', 1), 10);
  });
});

describe('billingFigures', () => {
  it('flattens the known figures and names the unknown ones', () => {
    const event = usageEvent({
      usage: { requests: 1, inputTokens: { value: 10, provenance: 'reported' }, outputTokens: { value: null, provenance: 'missing' }, cachedInputTokens: { value: 4, provenance: 'reported' } },
      cost: { usd: undefined, unpriced: 'missing_usage', snapshot },
    });
    assert.deepEqual(billingFigures(event), {
      provider: 'openai',
      model: 'gpt-4o-mini',
      operation: 'chat',
      environment: 'test',
      status: 'ok',
      requests: 1,
      input_tokens: 10,
      cached_input_tokens: 4,
      missing_figures: 'output_tokens,cost_usd',
    });
  });
});
