import type { ElevenLabs, ElevenLabsClient } from 'elevenlabs';
import type { DriverRequest, ElevenLabsDriver, SpeechParams, TranscriptReply } from './elevenlabs-sdk.js';

/**
 * Request options of one 1.59 call: no SDK retries (1.59 has no client-level switch), the caller's signal, and
 * the SDK's timer (which only covers the wait for the reply head) set to our timeout, since 1.59 never clears
 * it when the request fails before a reply: a broken connection keeps the process alive for up to `timeoutMs`.
 */
function options(request: DriverRequest) {
  return { maxRetries: 0, timeoutInSeconds: request.timeoutMs / 1_000, abortSignal: request.signal };
}

/**
 * The TTS request as 1.59 takes it: snake_case, the API's own names (it moves `output_format`, `enable_logging`
 * and `optimize_streaming_latency` to the query and sends the rest as the body, unknown fields included).
 */
function speechBody(params: SpeechParams): ElevenLabs.TextToSpeechRequest {
  return { ...params.extra, text: params.text, model_id: params.model, output_format: params.format } as ElevenLabs.TextToSpeechRequest;
}

/**
 * The `elevenlabs` 1.59 SDK behind {@link ElevenLabsDriver}. It exposes no reply headers (no raw response, no
 * custom fetch), so `character-cost`, `request-id` and the concurrency pair cannot be read: `headers` is
 * always undefined. Its replies are the API's JSON as is (snake_case).
 */
export function seedDriver(client: ElevenLabsClient): ElevenLabsDriver {
  return {
    sdk: 'elevenlabs',
    async speak(params, request) {
      // 1.59 returns a web ReadableStream despite its `stream.Readable` type; both iterate.
      const audio = await client.textToSpeech.convert(params.voice, speechBody(params), options(request));
      return { audio, headers: undefined };
    },
    async stream(params, request) {
      const audio = await client.textToSpeech.convertAsStream(params.voice, speechBody(params), options(request));
      return { audio, headers: undefined };
    },
    async transcribe(params, request): Promise<TranscriptReply> {
      const body = {
        ...params.extra,
        file: params.file,
        model_id: params.model,
        ...(params.language ? { language_code: params.language } : {}),
      } as ElevenLabs.BodySpeechToTextV1SpeechToTextPost;
      const raw = (await client.speechToText.convert(body, options(request))) as unknown as RawTranscript;
      return {
        text: raw.text ?? '',
        language: raw.language_code ?? undefined,
        durationSeconds: typeof raw.audio_duration_secs === 'number' ? raw.audio_duration_secs : undefined,
        raw,
        headers: undefined,
      };
    },
    subscription: (request) => client.user.getSubscription(options(request)),
  };
}

interface RawTranscript {
  readonly text?: string;
  readonly language_code?: string | null;
  readonly audio_duration_secs?: unknown;
}
