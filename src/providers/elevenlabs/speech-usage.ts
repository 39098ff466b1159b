import { estimated, reported, type Usage } from '../../usage.js';
import { characterCount, creditFactor, creditsFor } from '../../pricing/elevenlabs-credits.js';

/** What a speech request bills, computed before it is sent. */
export interface SpeechBill {
  readonly characters: number;
  readonly credits: number;
}

/** Characters of the text and the credits they cost on `model` (see `pricing/elevenlabs-credits.ts`). */
export function speechBill(text: string, model: string, overrides: Readonly<Record<string, number>>): SpeechBill {
  const characters = characterCount(text);
  return { characters, credits: creditsFor(characters, creditFactor(model, overrides)) };
}

/**
 * The usage of one speech request.
 *
 * - `characters`: our exact count of the text sent (code points), `reported` when the audio arrived in full.
 * - `credits`: `reported` when the reply's `character-cost` (or `x-character-count`) header was read
 *   (`@elevenlabs/elevenlabs-js` 2.x); otherwise `estimated` from the characters and the model's credit
 *   factor, because the `elevenlabs` 1.59 SDK hides the reply headers.
 * - A stream cancelled or cut: the whole text was sent and ElevenLabs bills a request when it starts, so the
 *   full figures stand. The characters become `estimated` (whether an interrupted generation is billed in full
 *   is unconfirmed); credits read from the header stay `reported`: the header is sent in the reply head, before
 *   any audio, so it states what the account was charged when the generation started, not what was played.
 */
export function speechUsage(bill: SpeechBill, complete: boolean, reportedCredits?: number): Usage {
  return {
    requests: 1,
    characters: complete ? reported(bill.characters) : estimated(bill.characters),
    credits: reportedCredits === undefined ? estimated(bill.credits) : reported(reportedCredits),
  };
}
