import type { PriceRates } from './price-rates.js';
import { toRateCard } from './price-rates.js';
import type { PriceSource } from './price-source.js';
import { quoteFromCard } from './quote-from-card.js';
import { OPENAI_AUDIO_PRICES } from './tables/openai-audio.js';

const SPEECH: Readonly<Record<string, PriceRates>> = OPENAI_AUDIO_PRICES.speech;
const TRANSCRIPTION: Readonly<Record<string, PriceRates>> = OPENAI_AUDIO_PRICES.transcription;

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
  return {
    specificationVersion: 'v1',
    name: 'aimeter:openai-audio',
    price({ provider, model, operation, usage }) {
      if (provider !== 'openai') return undefined;
      const table = operation === 'transcribe' ? TRANSCRIPTION : operation === 'speak' || operation === 'streamSpeak' ? SPEECH : {};
      const rates = Object.hasOwn(table, model) ? table[model] : undefined;
      if (!rates) return undefined;
      return quoteFromCard(toRateCard(rates), usage, 'aimeter:openai-audio', OPENAI_AUDIO_PRICES.date);
    },
  };
}
