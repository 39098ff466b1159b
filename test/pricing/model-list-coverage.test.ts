// Issue 18, "Done means 3": every model of OpenAI's, Google's and ElevenLabs' public model lists of late 2026 that
// users call for chat, embeddings, speech or transcription gets a price from the default source (the newest
// @pydantic/genai-prices, aimeter's audio and ElevenLabs tables, the model-name resolution), except the gaps
// the list names with their reason. A gap that gets a price, or a model priced as another entry than the list
// says, fails: the list is kept true both ways. The list and its sources: test/fixtures/model-lists/late-2026.json.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Operation } from '../../src/operations/operation.js';
import { defaultPriceSource } from '../../src/pricing/default-price-source.js';
import { reported, type Usage } from '../../src/usage.js';

interface ListedModel {
  readonly provider: string;
  readonly operation: Operation;
  readonly model: string;
  /** The price entry the model is priced as, when not its own name. */
  readonly pricedAs?: string;
  /** Why the model gets no price. */
  readonly gap?: string;
}

const LIST = JSON.parse(readFileSync(new URL('../fixtures/model-lists/late-2026.json', import.meta.url), 'utf8')) as { models: ListedModel[] };
const TIME = new Date('2026-12-05T12:00:00Z');

/** Usage an operation of the provider reports: tokens for LLMs, characters for speech, seconds for Scribe and Whisper. */
function usageOf({ provider, operation }: ListedModel): Usage {
  if (provider === 'elevenlabs' && operation === 'speak') return { requests: 1, characters: reported(1_000) };
  if (operation === 'transcribe') return { requests: 1, inputTokens: reported(1_000), outputTokens: reported(100), audioSeconds: reported(60) };
  if (operation === 'speak') return { requests: 1, characters: reported(1_000), inputTokens: reported(250), outputTokens: reported(1_200) };
  if (operation === 'embed') return { requests: 1, inputTokens: reported(1_000) };
  return { requests: 1, inputTokens: reported(1_000), outputTokens: reported(100) };
}

describe('the late-2026 public model lists are priced', () => {
  const source = defaultPriceSource();

  it('the list covers the three providers and the four operations', () => {
    const kinds = new Set(LIST.models.map((m) => `${m.provider} ${m.operation}`));
    for (const kind of ['openai chat', 'openai embed', 'openai speak', 'openai transcribe', 'gemini chat', 'gemini embed', 'elevenlabs speak', 'elevenlabs transcribe']) assert.ok(kinds.has(kind), kind);
  });

  for (const listed of LIST.models) {
    const label = `${listed.provider}:${listed.model} (${listed.operation})`;
    it(listed.gap === undefined ? `${label} gets a price${listed.pricedAs ? ` as ${listed.pricedAs}` : ''}` : `${label} has no price: ${listed.gap}`, () => {
      const quote = source.price({ provider: listed.provider, model: listed.model, operation: listed.operation, usage: usageOf(listed), time: TIME });
      if (listed.gap !== undefined) {
        assert.equal(quote, undefined, `${label} is priced now: remove its gap from the list`);
        return;
      }
      assert.ok(quote, `${label}: no price`);
      assert.equal(typeof quote.usd, 'number');
      assert.ok(quote.usd! > 0, `${label}: priced at 0`);
      assert.equal(quote.snapshot.model, listed.pricedAs, `${label}: priced as ${quote.snapshot.model ?? 'itself'}`);
    });
  }
});
