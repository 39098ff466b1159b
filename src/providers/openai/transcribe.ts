import type OpenAI from 'openai';
import type { TranscriptionCreateParamsNonStreaming } from 'openai/resources/audio/transcriptions';
import type { AdapterCall } from '../../adapter.js';
import type { CallResult } from '../../call-result.js';
import type { TranscriptionOutput } from '../../operations/transcription.js';
import { isDurationBilledTranscription } from '../../pricing/openai-audio-billing.js';
import { mapOpenAIError } from './map-openai-error.js';
import { transcriptionUsage, type OpenAITranscriptionUsage } from './openai-usage.js';
import { replyMeta, requestOptions } from './request-options.js';

/** What the SDK's `toFile` does: wraps bytes as an uploadable file with a name. */
export type ToFile = (value: Uint8Array | Blob, name: string) => Promise<File>;

/**
 * `transcribe`, always with `response_format: "json"` (the one format every model answers with usage): usage is
 * `audioSeconds` for duration-billed models (`whisper-1`), input and output tokens for token-billed ones.
 */
export async function transcribe(client: OpenAI, toFile: ToFile, call: AdapterCall<'transcribe'>): Promise<CallResult<TranscriptionOutput>> {
  const { audio, fileName = 'audio.wav', language, prompt } = call.request;
  try {
    const body = {
      file: await toFile(audio, fileName),
      model: call.model,
      response_format: 'json',
      ...(language ? { language } : {}),
      ...(prompt ? { prompt } : {}),
      ...call.request.providerOptions?.['openai'],
    } as TranscriptionCreateParamsNonStreaming;
    const { data, response, request_id } = await client.audio.transcriptions.create(body, requestOptions(call.signal)).withResponse();
    const reply = data as { text: string; language?: string; duration?: number; usage?: OpenAITranscriptionUsage };
    return {
      output: {
        text: reply.text,
        ...(reply.language ? { language: reply.language } : {}),
        ...(reply.duration === undefined ? {} : { durationSeconds: reply.duration }),
      },
      usage: transcriptionUsage(reply.usage, isDurationBilledTranscription(call.model)),
      raw: data,
      ...replyMeta(response, request_id),
    };
  } catch (error) {
    throw mapOpenAIError(error, call.key?.value, call.signal);
  }
}
