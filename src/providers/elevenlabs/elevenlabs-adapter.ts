import type { ElevenLabs, ElevenLabsClient } from 'elevenlabs';
import type { AdapterCall, ProviderAdapterV1 } from '../../adapter.js';
import type { CallResult, StreamCallResult } from '../../call-result.js';
import type { ResolvedKey } from '../../context.js';
import { AbortedError } from '../../errors/aborted-error.js';
import { ConfigError } from '../../errors/config-error.js';
import { normalizeKey } from '../../keys/normalize-key.js';
import { withFingerprint } from '../../keys/resolve-key.js';
import type { SpeakRequest, SpeechOutput, SpeechStreamOutput } from '../../operations/speech.js';
import { defineStream } from '../../stream/define-stream.js';
import { RequestSignal } from '../shared/request-signal.js';
import { ClientCache } from '../shared/client-cache.js';
import { keyScrubber } from '../shared/key-scrubber.js';
import { lazySdk } from '../../lazy-sdk.js';
import { DEFAULT_OUTPUT_FORMAT, mediaTypeOf } from './output-format.js';
import { resolveElevenLabsOptions, type ElevenLabsOptions } from './elevenlabs-options.js';
import { mapElevenLabsError, mapTransportError, type FailureContext } from './map-elevenlabs-error.js';
import { speechBill, speechUsage, type SpeechBill } from './speech-usage.js';
import { toSubscription, type ElevenLabsSubscription } from './subscription.js';

const loadSdk = lazySdk('elevenlabs', () => import('elevenlabs'));

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
 * The ElevenLabs adapter: speak and streamSpeak for the client, plus a direct `subscription` read.
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
  /**
   * Reads the account's credits in the current cycle (`GET /v1/user/subscription`; free, so not metered). The
   * reset date it returns is remembered per key and put on later `quota_exceeded` errors as `resetAt`. A key
   * scoped without `user_read` gets a `ProviderError` of kind `auth` (`missing_permissions`). The key is
   * normalized as the client's key chain does (whitespace around it dropped), and every error is scrubbed like
   * the operations' (the key masked in every form).
   */
  readonly subscription: (request?: ElevenLabsSubscriptionRequest) => Promise<ElevenLabsSubscription>;
}

/** A client and what the adapter learnt about its key's account. */
interface Account {
  readonly client: ElevenLabsClient;
  resetAt: Date | undefined;
}

/**
 * The ElevenLabs text-to-speech adapter over `elevenlabs` 1.59 (loaded on first use). Builds one SDK client per
 * resolved key, turns the SDK's retries off (`maxRetries: 0` on every request: 1.59 has no client-level switch),
 * bounds every request with `timeoutMs` (and each wait for an audio chunk), and maps errors to `ProviderError`.
 * `request.voice` is a voice id; `request.format` an `output_format` (@default `mp3_44100_128`);
 * `providerOptions.elevenlabs` adds body or query fields (`voice_settings`, `seed`, `enable_logging`, …).
 *
 * Usage: `characters` is the text's length in code points; `credits` are computed from it and the model's
 * credit factor and marked `estimated`, because 1.59 cannot read the `character-cost` header (no custom
 * fetch, no raw response). The key is read from `ELEVENLABS_API_KEY`.
 *
 * @param options - base URL, client, timeout, credit factors
 * @returns the adapter to register under `providers.elevenlabs`
 *
 * @example
 * ```ts
 * const ai = createAIClient({ providers: { elevenlabs: elevenlabs() } });
 * const { output, usage } = await ai.speak({ model: 'elevenlabs:eleven_flash_v2_5', voice: '21m00Tcm4TlvDq8ikWAM', text: 'Hello!' });
 * console.log(output.audio.byteLength, usage.characters?.value, usage.credits?.value);
 * ```
 */
export function elevenlabs(options?: ElevenLabsOptions): ElevenLabsAdapter {
  const settings = resolveElevenLabsOptions(options);
  const accounts = new ClientCache<Account>();
  const own: Account | undefined = settings.client ? { client: settings.client, resetAt: undefined } : undefined;

  const accountFor = async (key: ResolvedKey | undefined): Promise<Account> => {
    if (own) return own;
    if (!key) throw new ConfigError('keys.elevenlabs', 'no ElevenLabs API key was resolved; set ELEVENLABS_API_KEY, or pass a client');
    const { ElevenLabsClient } = await loadSdk();
    const baseUrl = settings.baseUrl;
    return accounts.get(key.fingerprint, () => ({ client: new ElevenLabsClient({ apiKey: key.value, ...(baseUrl ? { baseUrl } : {}) }), resetAt: undefined }));
  };

  const sdkOptions = (signal: AbortSignal) => sdkRequestOptions(signal, settings.timeoutMs);
  const failure = (account: Account, key: ResolvedKey | undefined, request: RequestSignal) => failureOf(account, key, request, settings.timeoutMs);

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

  return {
    specificationVersion: 'v1',
    provider: 'elevenlabs',
    keyVariables: settings.client ? [] : ['ELEVENLABS_API_KEY'],

    async speak(call) {
      const account = await accountFor(call.key);
      const { body, format } = speechBody(call.request, call.model);
      const bill = speechBill(call.request.text, call.model, settings.creditsPerCharacter);
      const request = new RequestSignal(call.signal, settings.timeoutMs);
      const audio = await send(call, account, request, async () => {
        const stream = await account.client.textToSpeech.convert(call.request.voice, body, sdkOptions(request.signal));
        return collect(stream, request);
      });
      request.done();
      return { output: { audio, mediaType: mediaTypeOf(format) }, usage: speechUsage(bill, true), status: 200 };
    },

    async streamSpeak(call) {
      const account = await accountFor(call.key);
      const { body, format } = speechBody(call.request, call.model);
      const bill = speechBill(call.request.text, call.model, settings.creditsPerCharacter);
      const request = new RequestSignal(call.signal, settings.timeoutMs);
      const audio = await send(call, account, request, () => account.client.textToSpeech.convertAsStream(call.request.voice, body, sdkOptions(request.signal)));
      const mediaType = mediaTypeOf(format);
      return speechStream(audio, request, { signal: call.signal, mediaType, bill, failure: () => failure(account, call.key, request) });
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
  };

  async function readSubscription(request: ElevenLabsSubscriptionRequest, key: ResolvedKey | undefined): Promise<ElevenLabsSubscription> {
    if (!key && !own) throw new ConfigError('key', 'subscription needs the API key (or a client in the elevenlabs() options)');
    const account = await accountFor(key);
    const signal = new RequestSignal(request.signal, settings.timeoutMs);
    const raw = await send({ key, signal: request.signal }, account, signal, () => account.client.user.getSubscription(sdkOptions(signal.signal)));
    signal.done();
    const subscription = toSubscription(raw);
    account.resetAt = subscription.resetAt;
    return subscription;
  }
}

/**
 * Request options of one SDK call: no SDK retries, and the SDK's timer (which only covers the wait for the reply
 * head) set to our timeout, since 1.59 never clears it when the request fails before a reply: a broken
 * connection keeps the process alive for up to `timeoutMs`.
 */
function sdkRequestOptions(signal: AbortSignal, timeoutMs: number) {
  return { maxRetries: 0, timeoutInSeconds: timeoutMs / 1_000, abortSignal: signal };
}

/** What a failed request's error mapping needs to know about it and the account it ran on. */
function failureOf(account: Account, key: ResolvedKey | undefined, request: RequestSignal, timeoutMs: number): FailureContext {
  return { key: key?.value, resetAt: account.resetAt, timedOut: request.timedOut, timeoutMs };
}

/** The audio as it arrives; settled with the bill (all of it when the stream ends well) once it ends, is cut or fails. */
function speechStream(
  audio: AsyncIterable<Uint8Array>,
  request: RequestSignal,
  parts: { signal: AbortSignal | undefined; mediaType: string; bill: SpeechBill; failure: () => FailureContext },
): StreamCallResult<Uint8Array, SpeechStreamOutput> {
  let bytes = 0;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for await (const chunk of audio) {
      request.touch();
      bytes += chunk.byteLength;
      yield chunk;
    }
  }
  return defineStream({
    chunks: chunks(),
    settle: (outcome) => {
      request.done();
      return { output: { bytes, mediaType: parts.mediaType }, usage: speechUsage(parts.bill, outcome === 'ok'), status: 200 };
    },
    cancel: () => request.cancel(),
    signal: parts.signal,
    mapError: (error) => mapTransportError(error, parts.failure()),
    status: 200,
  });
}

/**
 * The TTS request as 1.59 takes it (snake_case; it moves `output_format`, `enable_logging` and
 * `optimize_streaming_latency` to the query): `providerOptions.elevenlabs` first, then the fields the request
 * and the model ref decide. The format is passed as given; the API answers 422 to one it does not know.
 */
function speechBody(request: SpeakRequest, model: string): { body: ElevenLabs.TextToSpeechRequest; format: string } {
  const extra = request.providerOptions?.['elevenlabs'] ?? {};
  const format = request.format ?? DEFAULT_OUTPUT_FORMAT;
  return { body: { ...extra, text: request.text, model_id: model, output_format: format } as ElevenLabs.TextToSpeechRequest, format };
}

/** Reads the whole audio (1.59 returns a web ReadableStream despite its `stream.Readable` type; both iterate). */
async function collect(audio: AsyncIterable<Uint8Array>, request: RequestSignal): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of audio) {
    request.touch();
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}
