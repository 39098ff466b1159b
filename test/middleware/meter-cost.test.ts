import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAIClient } from '../../src/client/index.js';
import { ConfigError } from '../../src/errors/config-error.js';
import { ProviderError } from '../../src/errors/provider-error.js';
import type { ModelRef } from '../../src/model-ref.js';
import type { UsageEvent } from '../../src/usage-event.js';
import { chatRequest } from '../support/fixtures.js';
import { testAdapter } from '../support/test-adapter.js';

/** The test adapter answers chat with 5 input and 2 output tokens, reported. */
async function firstUsage(options: Parameters<typeof createAIClient>[0], model: ModelRef, customer?: string) {
  const ai = createAIClient(options);
  const events: UsageEvent[] = [];
  const warnings: string[] = [];
  ai.on('usage', (e) => events.push(e));
  ai.on('warning', (w) => warnings.push(w.code));
  await ai.chat(chatRequest({ model, ...(customer ? { tags: { customer } } : {}) })).catch(() => undefined);
  await ai.chat(chatRequest({ model })).catch(() => undefined);
  await ai.close();
  return { event: events[0], warnings };
}

describe('meter with pricing', () => {
  it('prices each usage event by default, with the snapshot of the rates used', async () => {
    const { event } = await firstUsage({ providers: { openai: testAdapter() } }, 'openai:gpt-4o-mini');
    assert.ok(event?.cost);
    assert.ok(Math.abs(event.cost.usd! - (5 * 0.15 + 2 * 0.6) / 1e6) < 1e-12);
    assert.equal(event.cost.snapshot.source, 'genai-prices');
    assert.ok(Math.abs(event.cost.snapshot.rates.inputToken! - 0.15 / 1e6) < 1e-15);
  });

  it('applies overrides and the customer markup from the pricing option', async () => {
    const pricing = { overrides: { 'test:m1': { inputPerMillion: 2, outputPerMillion: 10 } }, markup: { byCustomer: { acme: 50 } } };
    const { event } = await firstUsage({ providers: { test: testAdapter() }, pricing }, 'test:m1', 'acme');
    const usd = (5 * 2 + 2 * 10) / 1e6;
    assert.ok(Math.abs(event!.cost!.usd! - usd) < 1e-12);
    assert.ok(Math.abs(event!.cost!.markupUsd! - usd * 0.5) < 1e-12);
    assert.equal(event!.cost!.snapshot.source, 'override');
  });

  it('leaves the cost of an unknown model undefined, never 0, and warns once per model', async () => {
    const { event, warnings } = await firstUsage({ providers: { test: testAdapter() } }, 'test:no-such-model');
    assert.equal(event!.cost!.usd, undefined);
    assert.equal(event!.cost!.unpriced, 'unknown_model');
    assert.deepEqual(warnings, ['unknown_price']);
  });

  it('puts no cost on error replies, which bill nothing, nor when pricing is off', async () => {
    const failing = testAdapter({ error: () => new ProviderError('boom', { provider: 'openai', kind: 'server', status: 500 }) });
    const { event: failed } = await firstUsage({ providers: { openai: failing } }, 'openai:gpt-4o-mini');
    assert.equal(failed!.status, 'error');
    assert.equal('cost' in failed!, false);
    const { event: off } = await firstUsage({ providers: { openai: testAdapter() }, pricing: false }, 'openai:gpt-4o-mini');
    assert.equal('cost' in off!, false);
  });

  it('names the bad pricing option', () => {
    assert.throws(
      () => createAIClient({ providers: { test: testAdapter() }, pricing: { markup: { default: -5 } } }),
      (e: unknown) => ConfigError.isInstance(e) && e.field.startsWith('pricing.markup'),
    );
    // @ts-expect-error: pricing must be options or false
    assert.throws(() => createAIClient({ providers: { test: testAdapter() }, pricing: 'cheap' }), (e: unknown) => ConfigError.isInstance(e) && e.field === 'pricing');
  });
});
