import type { AdapterCall, ProviderAdapterV1 } from '../../adapter.js';
import type { CallResult, StreamCallResult } from '../../call-result.js';
import type { ResolvedKey } from '../../context.js';
import { AbortedError } from '../../errors/aborted-error.js';
import { ConfigError } from '../../errors/config-error.js';
import { normalizeKey } from '../../keys/normalize-key.js';
import { withFingerprint } from '../../keys/resolve-key.js';
import type { SpeakRequest, SpeechOutput, SpeechStreamOutput } from '../../operations/speech.js';
import type { TranscriptionOutput } from '../../operations/transcription.js';
import { RequestSignal } from '../shared/request-signal.js';
import { ClientCache } from '../shared/client-cache.js';
import { keyScrubber } from '../shared/key-scrubber.js';
import { DEFAULT_OUTPUT_FORMAT, mediaTypeOf } from './output-format.js';
import { resolveElevenLabsOptions, type ElevenLabsOptions } from './elevenlabs-options.js';
import { toSnakeCase, type ElevenLabsDriver, type ElevenLabsSdkName, type SpeechParams } from './elevenlabs-sdk.js';
import { warnEstimatedCredits } from './estimated-credits-warning.js';
import { loadDriverFactory, type DriverFactory } from './load-elevenlabs-sdk.js';
import { mapElevenLabsError, type FailureContext } from './map-elevenlabs-error.js';
import { replyFacts } from './reply-headers.js';
import { collect, speechStream } from './speech-stream.js';
import { speechBill, speechUsage } from './speech-usage.js';
import { toSubscription, type ElevenLabsSubscription } from './subscription.js';
import { transcriptionUsage } from './transcription-usage.js';

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

/** An SDK client and what the adapter learnt about its key's account. */
interface Account {
  readonly driver: ElevenLabsDriver;
  resetAt: Date | undefined;
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
  const accounts = new ClientCache<Account>();
  const own: Account | undefined = settings.driver ? { driver: settings.driver, resetAt: undefined } : undefined;
  let factory: Promise<DriverFactory> | undefined;

  const accountFor = async (key: ResolvedKey | undefined): Promise<Account> => {
    if (own) return own;
    if (!key) throw new ConfigError('keys.elevenlabs', 'no ElevenLabs API key was resolved; set ELEVENLABS_API_KEY, or pass a client');
    factory ??= loadDriverFactory(settings.sdk).catch((error: unknown) => {
      factory = undefined;
      throw error;
    });
    const { create } = await factory;
    return accounts.get(key.fingerprint, () => ({ driver: create(key.value, settings.baseUrl), resetAt: undefined }));
  };

  const failure = (account: Account, key: ResolvedKey | undefined, request: RequestSignal): FailureContext => ({
    key: key?.value, resetAt: account.resetAt, timedOut: request.timedOut, timeoutMs: settings.timeoutMs,
  });

  /** Sends one request; caller aborts become AbortedError, everything else a ProviderError. */
  const send = async <T>(call: { key: ResolvedKey | undefined; signal: AbortSignal | undefined }, account: Account, request: RequestSignal, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      request.done();
      if (call.signal?.aborted) throw new AbortedError('the ElevenLabs request was aborted', { cause: call.signal.reason });
      throw await mapElevenLabsError(error, failure(account, call.key, request));
    }
  };

  const prepare = async (call: AdapterCall<'speak'> | AdapterCall<'streamSpeak'>) => {
    const account = await accountFor(call.key);
    if (account.driver.sdk === 'elevenlabs') warnEstimatedCredits();
    const params = speechParams(call.request, call.model);
    const bill = speechBill(call.request.text, call.model, settings.creditsPerCharacter);
    const request = new RequestSignal(call.signal, settings.timeoutMs);
    return { account, params, bill, request, driverRequest: { signal: request.signal, timeoutMs: settings.timeoutMs } };
  };

  return {
    specificationVersion: 'v1',
    provider: 'elevenlabs',
    keyVariables: settings.driver ? [] : ['ELEVENLABS_API_KEY'],

    async speak(call) {
      const { account, params, bill, request, driverRequest } = await prepare(call);
      const { audio, reply } = await send(call, account, request, async () => {
        const answer = await account.driver.speak(params, driverRequest);
        return { reply: replyFacts(answer.headers), audio: await collect(answer.audio, request) };
      });
      request.done();
      const { credits, requestId, headers } = reply;
      return {
        output: { audio, mediaType: mediaTypeOf(params.format) },
        usage: speechUsage(bill, true, credits),
        status: 200,
        ...(requestId ? { requestId } : {}),
        ...(headers ? { headers } : {}),
      };
    },

    async streamSpeak(call) {
      const { account, params, bill, request, driverRequest } = await prepare(call);
      const answer = await send(call, account, request, () => account.driver.stream(params, driverRequest));
      const parts = { signal: call.signal, mediaType: mediaTypeOf(params.format), bill, reply: replyFacts(answer.headers) };
      return speechStream(answer.audio, request, { ...parts, failure: () => failure(account, call.key, request) });
    },

    async transcribe(call) {
      const account = await accountFor(call.key);
      const { audio, fileName = 'audio.wav', language } = call.request;
      const request = new RequestSignal(call.signal, settings.timeoutMs);
      const extra = toSnakeCase(call.request.providerOptions?.['elevenlabs'] ?? {}) as Record<string, unknown>;
      const file = new File([audio], fileName);
      const params = { file, model: call.model, language, extra };
      const reply = await send(call, account, request, () => account.driver.transcribe(params, { signal: request.signal, timeoutMs: settings.timeoutMs }));
      request.done();
      const { requestId, headers } = replyFacts(reply.headers);
      const output = { text: reply.text, ...(reply.language ? { language: reply.language } : {}), ...(reply.durationSeconds === undefined ? {} : { durationSeconds: reply.durationSeconds }) };
      return {
        output,
        usage: transcriptionUsage(reply.durationSeconds, audio),
        raw: reply.raw,
        status: 200,
        ...(requestId ? { requestId } : {}),
        ...(headers ? { headers } : {}),
      };
    },

    async subscription(request = {}) {
      const value = normalizeKey(request.key);
      try {
        return await readSubscription(request, value === undefined ? undefined : withFingerprint(value, 'subscription key'));
      } catch (error) {
        // Called directly, not through the client: its scrubber never sees this error.
        throw keyScrubber(value ?? request.key).scrub(error);
      }
    },

    async sdk() {
      if (own) return own.driver.sdk;
      factory ??= loadDriverFactory(settings.sdk);
      return (await factory).sdk;
    },
  };

  async function readSubscription(request: ElevenLabsSubscriptionRequest, key: ResolvedKey | undefined): Promise<ElevenLabsSubscription> {
    if (!key && !own) throw new ConfigError('key', 'subscription needs the API key (or a client in the elevenlabs() options)');
    const account = await accountFor(key);
    const signal = new RequestSignal(request.signal, settings.timeoutMs);
    const raw = await send({ key, signal: request.signal }, account, signal, () => account.driver.subscription({ signal: signal.signal, timeoutMs: settings.timeoutMs }));
    signal.done();
    const subscription = toSubscription(raw);
    account.resetAt = subscription.resetAt;
    return subscription;
  }
}

/**
 * The TTS request in the API's terms: `providerOptions.elevenlabs` (in the API's snake_case, camelCase keys
 * translated), then the fields the request and the model ref decide. The format is passed as given; the API
 * answers 422 to one it does not know.
 */
function speechParams(request: SpeakRequest, model: string): SpeechParams {
  const extra = toSnakeCase(request.providerOptions?.['elevenlabs'] ?? {}) as Record<string, unknown>;
  return { voice: request.voice, text: request.text, model, format: request.format ?? DEFAULT_OUTPUT_FORMAT, extra };
}
