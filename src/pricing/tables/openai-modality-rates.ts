import type { PriceRates } from '../price-rates.js';

/**
 * Audio token rates of OpenAI chat models that `@pydantic/genai-prices` prices as text (its
 * `prices/providers/openai.yml` says "OpenAI lists the same price for text and audio input" for
 * `gpt-4o-audio-preview`, which OpenAI's model pages contradict), compiled on `date`, keyed by the model id the
 * package matches a name to. Added to the package's card where it has no rate of that modality; its own rates
 * win where it has them.
 *
 * Sources (read 2026-12-05): developers.openai.com/api/docs/models/gpt-4o-audio-preview ("Audio tokens: Input
 * $40, Output $80" per 1M; text $2.50 / $10) and /models/gpt-4o-mini-audio-preview ("Audio tokens: Input $10,
 * Output $20"; text $0.15 / $0.60).
 *
 * @example
 * ```ts
 * OPENAI_MODALITY_RATES.models['gpt-4o-audio-preview']; // { inputAudioPerMillion: 40, outputAudioPerMillion: 80 }
 * ```
 */
export const OPENAI_MODALITY_RATES = {
  /** When the table was compiled. */
  date: '2026-12-05',
  /** Rates by the genai-prices model id. */
  models: {
    'gpt-4o-audio-preview': { inputAudioPerMillion: 40, outputAudioPerMillion: 80 },
    'gpt-4o-mini-audio-preview': { inputAudioPerMillion: 10, outputAudioPerMillion: 20 },
  },
} as const satisfies { date: string; models: Readonly<Record<string, PriceRates>> };
