import { toRateCard, type PriceRates } from './price-rates.js';
import type { PriceSource } from './price-source.js';
import { cardQuoter, type CardQuoter } from './quote-from-card.js';
import { OPENAI_AUDIO_PRICES } from './tables/openai-audio.js';

/**
 * OpenAI speech and transcription prices from aimeter's dated table ({@link OPENAI_AUDIO_PRICES}): tts-1 and
 * tts-1-hd per character, gpt-4o-mini-tts per token, whisper-1 per minute, gpt-4o(-mini)-transcribe per token.
 * Knows only `openai` audio operations; everything else is left to the next source.
 *
 * @example
 * ```ts
 * const quote = openaiAudioPriceSource().price({
 *   provider: 'openai', model: 'tts-1', operation: 'speak', usage: { requests: 1, characters: reported(1200) }, time: new Date(),
 * });
 * quote?.usd; // 1200 * 15 / 1e6
 * ```
 */
export function openaiAudioPriceSource(): PriceSource {
  const speech = quoters(OPENAI_AUDIO_PRICES.speech);
  const transcription = quoters(OPENAI_AUDIO_PRICES.transcription);
  return {
    specificationVersion: 'v1',
    name: 'aimeter:openai-audio',
    price({ provider, model, operation, usage }) {
      // Asked first for every event: chat and embeddings leave at once.
      const table = operation === 'transcribe' ? transcription : operation === 'speak' || operation === 'streamSpeak' ? speech : undefined;
      if (table === undefined || provider !== 'openai') return undefined;
      return table.get(model)?.(usage);
    },
  };
}

function quoters(table: Readonly<Record<string, PriceRates>>): ReadonlyMap<string, CardQuoter> {
  const out = new Map<string, CardQuoter>();
  for (const [model, rates] of Object.entries(table)) {
    const quote = cardQuoter(toRateCard(rates), 'aimeter:openai-audio', OPENAI_AUDIO_PRICES.date);
    if (quote) out.set(model, quote);
  }
  return out;
}
