// The three billing sinks behind a real client: the official OpenAI SDK talks to the simulator, the client prices
// the call with a 20 % markup, and the official Stripe SDK, OpenMeter's and Lago's wire formats carry the same
// usage event, off the call's path, to loopback services.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAIClient } from '../../../src/client/index.js';
import { openai } from '../../../src/providers/openai/index.js';
import { lagoSink } from '../../../src/sinks/billing/lago-sink.js';
import { openMeterSink } from '../../../src/sinks/billing/openmeter-sink.js';
import { stripeMeterSink } from '../../../src/sinks/billing/stripe-meter-sink.js';
import { memorySink } from '../../../src/sinks/memory-sink.js';
import { deadLetterPath, fakeKey } from '../../support/billing/billing-fixtures.js';
import { startFakeLago, type FakeLago } from '../../support/billing/fake-lago.js';
import { startFakeOpenMeter, type FakeOpenMeter } from '../../support/billing/fake-openmeter.js';
import { startFakeStripe, type FakeStripe } from '../../support/billing/fake-stripe.js';
import { fakeKey as openaiKey } from '../../support/providers/openai.js';
import { useSimulator } from '../../support/use-simulator.js';

describe('billing sinks behind the client', () => {
  const sim = useSimulator();
  const keys = { stripe: fakeKey('sk_test_'), openmeter: fakeKey('om_'), lago: fakeKey('lago_') };
  let stripe: FakeStripe;
  let openmeter: FakeOpenMeter;
  let lago: FakeLago;
  before(async () => {
    [stripe, openmeter, lago] = await Promise.all([startFakeStripe(keys.stripe), startFakeOpenMeter(keys.openmeter), startFakeLago(keys.lago, new Set(['llm_cost']), new Set(['sub_acme']))]);
  });
  after(() => Promise.all([stripe.close(), openmeter.close(), lago.close()]));

  it('bills one chat to Stripe (cost with markup), OpenMeter and Lago under the event id', async () => {
    const ledger = memorySink();
    const ai = createAIClient({
      providers: { openai: openai({ baseURL: sim.openaiBaseURL }) },
      keys: { byProvider: { openai: openaiKey() } },
      pricing: { markup: { default: 20 } },
      flushOnExit: false,
      sinks: [
        ledger,
        stripeMeterSink({ apiKey: keys.stripe, eventName: 'llm_cost', value: 'cost', customer: 'stripeCustomer', host: '127.0.0.1', port: stripe.port, protocol: 'http', deadLetterPath: deadLetterPath('client-stripe') }),
        openMeterSink({ apiKey: keys.openmeter, baseURL: openmeter.url, type: 'llm-usage', deadLetterPath: deadLetterPath('client-openmeter') }),
        lagoSink({ apiKey: keys.lago, baseURL: lago.url, code: 'llm_cost', deadLetterPath: deadLetterPath('client-lago') }),
      ],
    });
    await ai.chat({ model: 'openai:gpt-4o-mini', messages: [{ role: 'user', content: 'Hello there' }], tags: { customer: 'acme', stripeCustomer: 'cus_acme', subscription: 'sub_acme' } });
    await ai.close();

    const [event] = ledger.events;
    assert.ok(event?.cost?.usd !== undefined && event.cost.markupUsd !== undefined, 'the call was priced with a markup');
    const micros = Math.round((event.cost.usd + event.cost.markupUsd) * 1_000_000);
    assert.ok(micros > 0);
    assert.deepEqual(stripe.billed.get(event.id)?.payload, { stripe_customer_id: 'cus_acme', value: String(micros) });
    const cloudEvent = openmeter.ingested.get(`aimeter/${event.id}`);
    assert.equal(cloudEvent?.subject, 'acme');
    assert.equal(cloudEvent?.data.tokens, event.usage.inputTokens!.value! + event.usage.outputTokens!.value!);
    assert.equal(lago.billed.get(event.id)?.properties.cost_with_markup_usd, event.cost.usd + event.cost.markupUsd);
    for (const s of ai.sinkStats()) assert.deepEqual([s.name, s.written, s.dropped], [s.name, 1, 0]);
  });
});
