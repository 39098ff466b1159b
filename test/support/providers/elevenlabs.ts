import { randomBytes } from 'node:crypto';
import type { AdapterCall } from '../../../src/adapter.js';
import type { SpeakRequest } from '../../../src/operations/speech.js';
import { estimated, reported, type Usage } from '../../../src/usage.js';
import { resolved } from '../keys.js';
import { ELEVENLABS_SDKS, type ElevenLabsSdkName } from '../sdk-generations.js';
import { elevenlabs, type ElevenLabsAdapter } from '../../../src/providers/elevenlabs/index.js';

export { assertNoKey } from '../keys.js';

/** A stock voice id (Rachel). */
export const VOICE = '21m00Tcm4TlvDq8ikWAM';

/** A made-up key, new for every test. */
export function fakeKey(): string {
  return `sk_${randomBytes(24).toString('hex')}`;
}

/** One speech adapter call for `model` (a bare ElevenLabs model id), usable for speak and streamSpeak. */
export function speechCall(model: string, text: string, key: string, extra: Partial<SpeakRequest> = {}, signal?: AbortSignal): AdapterCall<'speak'> & AdapterCall<'streamSpeak'> {
  return { model, request: { model: `elevenlabs:${model}`, voice: VOICE, text, ...extra }, key: resolved(key), signal };
}

/**
 * The usage a speech request must normalize to: the text's characters and the `character-cost` the simulator
 * sent, `reported` with `@elevenlabs/elevenlabs-js` (read from the header, even for a cut stream), `estimated`
 * with `elevenlabs` 1.59 (computed: it hides the header).
 */
export function expectedUsage(logged: unknown, characters: number, complete = true, sdk: ElevenLabsSdkName = 'elevenlabs'): Usage {
  const credits = (logged as { 'character-cost': number })['character-cost'];
  return {
    requests: 1,
    characters: complete ? reported(characters) : estimated(characters),
    credits: sdk === 'elevenlabs' ? estimated(credits) : reported(credits),
  };
}

/** A client of the SDK `sdk` built by the user (the package loaded only when asked for). */
export async function userClient(sdk: ElevenLabsSdkName, apiKey: string, baseUrl: string): Promise<unknown> {
  if (sdk === 'elevenlabs') {
    const { ElevenLabsClient } = await import('elevenlabs');
    return new ElevenLabsClient({ apiKey, baseUrl });
  }
  const { ElevenLabsClient } = await import('@elevenlabs/elevenlabs-js');
  return new ElevenLabsClient({ apiKey, baseUrl, maxRetries: 0 });
}

/**
 * One ElevenLabs adapter per ELEVENLABS_SDKS entry behind a single `elevenlabs` provider: each speech call goes
 * to the adapter `pick(text)` names (modulo their number), so one client exercises every SDK generation.
 */
export function elevenlabsPerSdk(baseURL: string, pick: (text: string) => number): ElevenLabsAdapter {
  const adapters = ELEVENLABS_SDKS.map((sdk) => elevenlabs({ sdk, baseURL }));
  const of = (text: string): ElevenLabsAdapter => adapters[pick(text) % adapters.length]!;
  return {
    ...adapters[0]!,
    speak: (call) => of(call.request.text).speak(call),
    streamSpeak: (call) => of(call.request.text).streamSpeak(call),
  };
}
