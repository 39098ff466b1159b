import type { ElevenLabs, ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import {
  SPEECH_QUERY_FIELDS,
  toCamelCaseKeys,
  type DriverRequest,
  type ElevenLabsDriver,
  type SpeechParams,
  type TranscriptReply,
} from './elevenlabs-sdk.js';

/**
 * Request options of one 2.x call: no SDK retries, the caller's signal, and the SDK's timer set to our
 * timeout (2.x, like 1.59, clears it only when a reply arrives).
 */
function options(request: DriverRequest) {
  return { maxRetries: 0, timeoutInSeconds: request.timeoutMs / 1_000, abortSignal: request.signal };
}

/**
 * The TTS request as 2.x takes it. 2.x serializes its camelCase request type and strips every field it does not
 * know, and validates `outputFormat` against its own list before sending; so the request carries only `text`
 * and `modelId`, and everything in the API's own names goes around the serializer: `output_format`,
 * `enable_logging` and `optimize_streaming_latency` as `queryParams`, the other `providerOptions.elevenlabs`
 * fields as `additionalBodyParameters` (the body as the API reads it). The format is then passed as given,
 * as with 1.59 (the API answers 422 to one it does not know).
 */
function speechCall(params: SpeechParams, request: DriverRequest) {
  const query: Record<string, unknown> = {};
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params.extra)) {
    if (name === 'text' || name === 'model_id') continue;
    (SPEECH_QUERY_FIELDS.has(name) ? query : body)[name] = value;
  }
  query['output_format'] = params.format;
  const requestOptions = { ...options(request), queryParams: query, ...(Object.keys(body).length > 0 ? { additionalBodyParameters: body } : {}) };
  return { body: { text: params.text, modelId: params.model }, requestOptions };
}

/**
 * The `@elevenlabs/elevenlabs-js` 2.x SDK behind {@link ElevenLabsDriver}. Every call goes through
 * `.withRawResponse()`, so the reply headers (`character-cost`, `request-id`, the concurrency pair) come back
 * with the data. Replies are the SDK's camelCase objects; the transcript's are normalized here.
 */
export function successorDriver(client: ElevenLabsClient): ElevenLabsDriver {
  return {
    sdk: '@elevenlabs/elevenlabs-js',
    async speak(params, request) {
      const { body, requestOptions } = speechCall(params, request);
      const { data, rawResponse } = await client.textToSpeech.convert(params.voice, body, requestOptions).withRawResponse();
      return { audio: data, headers: rawResponse.headers };
    },
    async stream(params, request) {
      const { body, requestOptions } = speechCall(params, request);
      const { data, rawResponse } = await client.textToSpeech.stream(params.voice, body, requestOptions).withRawResponse();
      return { audio: data, headers: rawResponse.headers };
    },
    async transcribe(params, request): Promise<TranscriptReply> {
      // Multipart: the SDK appends only the fields it knows, so extras must be in its camelCase names.
      const body = {
        ...toCamelCaseKeys(params.extra),
        file: params.file,
        modelId: params.model,
        ...(params.language ? { languageCode: params.language } : {}),
      } as ElevenLabs.BodySpeechToTextV1SpeechToTextPost;
      const { data, rawResponse } = await client.speechToText.convert(body, options(request)).withRawResponse();
      const reply = data as SuccessorTranscript;
      const text = reply.text ?? reply.transcripts?.map((t) => t.text ?? '').join('\n') ?? '';
      return {
        text,
        language: reply.languageCode ?? reply.transcripts?.[0]?.languageCode ?? undefined,
        durationSeconds: typeof reply.audioDurationSecs === 'number' ? reply.audioDurationSecs : undefined,
        raw: data,
        headers: rawResponse.headers,
      };
    },
    subscription: (request) => client.user.subscription.get(options(request)),
  };
}

/** The fields read from a 2.x transcript: one channel, or several (`useMultiChannel`). */
interface SuccessorTranscript {
  readonly text?: string;
  readonly languageCode?: string | null;
  readonly audioDurationSecs?: unknown;
  readonly transcripts?: readonly { readonly text?: string; readonly languageCode?: string | null }[];
}
