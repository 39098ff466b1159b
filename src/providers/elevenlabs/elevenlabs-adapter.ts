import type { AdapterCall, ProviderAdapterV1 } from '../../adapter.js';
import type { CallResult, StreamCallResult } from '../../call-result.js';
import type { ResolvedKey } from '../../context.js';
import { ConfigError } from '../../errors/config-error.js';
import { normalizeKey } from '../../keys/normalize-key.js';
import { withFingerprint } from '../../keys/resolve-key.js';
import type { SpeechOutput, SpeechStreamOutput } from '../../operations/speech.js';
import type { TranscriptionOutput } from '../../operations/transcription.js';
import { RequestSignal } from '../shared/request-signal.js';
import { keyScrubber } from '../shared/key-scrubber.js';
import { createAccounts } from './elevenlabs-accounts.js';
import { speak, streamSpeak, transcribe } from './elevenlabs-operations.js';
import { resolveElevenLabsOptions, type ElevenLabsOptions } from './elevenlabs-options.js';
import type { ElevenLabsSdkName } from './elevenlabs-sdk.js';
import { toSubscription, type ElevenLabsSubscription } from './subscription.js';

/**
 * What {@link ElevenLabsAdapter.subscription} reads.
 *
 * @example
 * ```ts
 * const request: ElevenLabsSubscriptionRequest = { key: process.env.ELEVENLABS_API_KEY, signal: AbortSignal.timeout(5_000) };
 * ```
 */
export interface ElevenLabsSubscriptionRequest {
  /** The API key; not needed when the adapter was given a `client`. */
  readonly key?: string;
  /** Cancels the request. */
  readonly signal?: AbortSignal;
}

/**
 * The ElevenLabs adapter: speak, streamSpeak and transcribe for the client, plus a direct `subscription` read.
 *
 * @example
 * ```ts
 * const adapter: ElevenLabsAdapter = elevenlabs();
 * const { remaining, resetAt } = await adapter.subscription({ key: process.env.ELEVENLABS_API_KEY });
 * ```
 */
export interface ElevenLabsAdapter extends ProviderAdapterV1 {
  readonly speak: (call: AdapterCall<'speak'>) => Promise<CallResult<SpeechOutput>>;
  readonly streamSpeak: (call: AdapterCall<'streamSpeak'>) => Promise<StreamCallResult<Uint8Array, SpeechStreamOutput>>;
  readonly transcribe: (call: AdapterCall<'transcribe'>) => Promise<CallResult<TranscriptionOutput>>;
  /**
   * Reads the account's credits in the current cycle (`GET /v1/user/subscription`; free, so not metered). The
   * reset date it returns is remembered per key and put on later `quota_exceeded` errors as `resetAt`. A key
   * scoped without `user_read` gets a `ProviderError` of kind `auth` (`missing_permissions`). The key is
   * normalized as the client's key chain does (whitespace around it dropped), and every error is scrubbed like
   * the operations' (the key masked in every form).
   */
  readonly subscription: (request?: ElevenLabsSubscriptionRequest) => Promise<ElevenLabsSubscription>;
  /** The SDK this adapter drives (loads it, or recognises the given client), for logs and checks. */
  readonly sdk: () => Promise<ElevenLabsSdkName>;
}

/**
 * The ElevenLabs adapter over `@elevenlabs/elevenlabs-js` 2.x or `elevenlabs` 1.59 (option `sdk`; by default the
 * successor when it can be loaded, else the seed; loaded on first use). Builds one SDK client per resolved key,
 * turns the SDK's retries off, bounds every request with `timeoutMs` (and each wait for an audio chunk), and
 * maps errors to `ProviderError`. `request.voice` is a voice id; `request.format` an `output_format`
 * (@default `mp3_44100_128`); `providerOptions.elevenlabs` adds fields in the API's own names (snake_case:
 * `voice_settings`, `seed`, `enable_logging`, …; camelCase keys are translated), with either SDK.
 *
 * Usage of speech: `characters` is the text's length in code points. `credits`: with 2.x, `reported` from the
 * reply's `character-cost` header (`x-character-count` when that is absent), which also gives `requestId`
 * and the `current-concurrent-requests` / `maximum-concurrent-requests` pair (in `headers`, read by the adaptive
 * limiter); with 1.59, `estimated` from the characters and the model's credit factor, because 1.59 hides the
 * reply headers (a process warning, code `AIMETER_ELEVENLABS_CREDITS_ESTIMATED`, says so once).
 * `transcribe` runs Scribe (`scribe_v1`, `scribe_v2`; `speechToText.convert`, with either SDK): usage is
 * `audioSeconds`, `reported` from the reply's `audio_duration_secs`, else `estimated` from the audio. The key
 * is read from `ELEVENLABS_API_KEY`.
 *
 * @param options - SDK, base URL, client, timeout, credit factors
 * @returns the adapter to register under `providers.elevenlabs`
 *
 * @example
 * ```ts
 * const ai = createAIClient({ providers: { elevenlabs: elevenlabs() } });
 * const { output, usage } = await ai.speak({ model: 'elevenlabs:eleven_flash_v2_5', voice: '21m00Tcm4TlvDq8ikWAM', text: 'Hello!' });
 * console.log(output.audio.byteLength, usage.characters?.value, usage.credits?.value, usage.credits?.provenance);
 * ```
 */
export function elevenlabs(options?: ElevenLabsOptions): ElevenLabsAdapter {
  const settings = resolveElevenLabsOptions(options);
  const accounts = createAccounts(settings);

  return {
    specificationVersion: 'v1',
    provider: 'elevenlabs',
    keyVariables: accounts.own ? [] : ['ELEVENLABS_API_KEY'],
    preload: () => accounts.preload(),
    speak: (call) => speak(accounts, settings, call),
    streamSpeak: (call) => streamSpeak(accounts, settings, call),
    transcribe: (call) => transcribe(accounts, settings, call),
    async subscription(request = {}) {
      const value = normalizeKey(request.key);
      try {
        return await readSubscription(request, value === undefined ? undefined : withFingerprint(value, 'subscription key'));
      } catch (error) {
        // Called directly, not through the client: its scrubber never sees this error.
        throw keyScrubber(value ?? request.key).scrub(error);
      }
    },
    sdk: () => accounts.sdk(),
  };

  async function readSubscription(request: ElevenLabsSubscriptionRequest, key: ResolvedKey | undefined): Promise<ElevenLabsSubscription> {
    if (!key && !accounts.own) throw new ConfigError('key', 'subscription needs the API key (or a client in the elevenlabs() options)');
    const account = await accounts.accountFor(key);
    const signal = new RequestSignal(request.signal, settings.timeoutMs);
    const raw = await accounts.send({ key, signal: request.signal }, account, signal, () => account.driver.subscription({ signal: signal.signal, timeoutMs: settings.timeoutMs }));
    signal.done();
    const subscription = toSubscription(raw);
    account.resetAt = subscription.resetAt;
    return subscription;
  }
}
