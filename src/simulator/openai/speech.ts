import type { Exchange, WireChunk } from '../exchange.js';
import { simulatedTokenCount } from '../tokens.js';
import { synthesizeAudio } from './audio.js';
import type { OpenAIContext } from './context.js';
import { invalidRequest } from './errors.js';
import { isCharacterBilledSpeech } from './models.js';
import { isSpeechFormat, SPEECH_MEDIA_TYPES } from './speech-formats.js';

interface SpeechRequest {
  readonly model?: string;
  readonly input?: unknown;
  readonly voice?: unknown;
  readonly instructions?: string;
  readonly response_format?: string;
  readonly speed?: number;
  readonly stream_format?: 'audio' | 'sse';
}

const MAX_INPUT = 4096;
// Speech runs at about 15 characters per second at speed 1.
const CHARACTERS_PER_SECOND = 15;
/** Audio output tokens per second of speech, for token-billed models. */
export const AUDIO_TOKENS_PER_SECOND = 20;
const CHUNK_BYTES = 4096;

/**
 * `POST /v1/audio/speech`. The audio lasts `max(0.5, characters / 15) / speed` seconds (see {@link synthesizeAudio}
 * for the bytes) and streams in 4 KiB chunks with the format's media type. Binary responses carry no usage, as on
 * the real API. `stream_format: "sse"` (not for `tts-1*`) sends `speech.audio.delta` events with base64 audio,
 * then `speech.audio.done` with `usage`: input tokens = {@link simulatedTokenCount} of input and instructions,
 * output tokens = 20 per second of audio, rounded up.
 */
export function handleSpeech(exchange: Exchange, ctx: OpenAIContext): Promise<void> {
  const request = (exchange.body?.json ?? {}) as SpeechRequest;
  const model = request.model ?? '';
  const format = request.response_format ?? 'mp3';
  const speed = request.speed ?? 1;
  if (typeof request.input !== 'string' || request.input === '') return exchange.error(invalidRequest("Missing required parameter: 'input'.", 'input', 'missing_required_parameter'));
  if (request.input.length > MAX_INPUT) {
    return exchange.error(invalidRequest(`Invalid 'input': string too long. Expected a string with maximum length ${MAX_INPUT}, but got a string with length ${request.input.length} instead.`, 'input', 'string_above_max_length'));
  }
  if (request.voice === undefined) return exchange.error(invalidRequest("Missing required parameter: 'voice'.", 'voice', 'missing_required_parameter'));
  if (!isSpeechFormat(format)) {
    return exchange.error(invalidRequest(`Invalid value: '${format}'. Supported values are: 'mp3', 'opus', 'aac', 'flac', 'wav', and 'pcm'.`, 'response_format', 'invalid_value'));
  }
  if (!(speed >= 0.25 && speed <= 4)) return exchange.error(invalidRequest(`Invalid 'speed': ${speed}. Expected a value between 0.25 and 4.0.`, 'speed', 'invalid_value'));
  const sse = request.stream_format === 'sse';
  if (sse && isCharacterBilledSpeech(model)) return exchange.error(invalidRequest(`stream_format 'sse' is not supported for model ${model}.`, 'stream_format', 'unsupported_value'));
  const refused = ctx.admit(model, 0);
  if (refused) return exchange.error(refused);
  const seconds = Math.max(0.5, request.input.length / CHARACTERS_PER_SECOND) / speed;
  const audio = synthesizeAudio(format, seconds, `${model}:${JSON.stringify(request.voice)}:${request.input}`);
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < audio.length; at += CHUNK_BYTES) pieces.push(audio.subarray(at, at + CHUNK_BYTES));
  if (!sse) {
    return exchange.reply(200, { 'content-type': SPEECH_MEDIA_TYPES[format], 'transfer-encoding': 'chunked' }, pieces.map((data) => ({ data })), 'binary');
  }
  const inputTokens = simulatedTokenCount(request.input) + simulatedTokenCount(request.instructions ?? '');
  const outputTokens = Math.ceil(seconds * AUDIO_TOKENS_PER_SECOND);
  const usage = { input_tokens: inputTokens, output_tokens: outputTokens, total_tokens: inputTokens + outputTokens };
  const event = (data: unknown): string => `data: ${JSON.stringify(data)}\n\n`;
  const chunks: WireChunk[] = pieces.map((piece) => ({ data: event({ type: 'speech.audio.delta', audio: Buffer.from(piece).toString('base64') }) }));
  chunks.push({ data: event({ type: 'speech.audio.done', usage }), usage });
  return exchange.reply(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' }, chunks, 'sse');
}
