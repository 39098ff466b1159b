import type { Exchange } from '../exchange.js';
import { composeReply, digest, simulatedTokenCount } from '../tokens.js';
import { audioDurationSeconds } from './audio.js';
import type { OpenAIContext } from './context.js';
import { invalidRequest } from './errors.js';
import { isDurationBilledTranscription } from './models.js';

const FORMATS = new Set(['json', 'text', 'srt', 'verbose_json', 'vtt']);
// Words heard per second of audio.
const WORDS_PER_SECOND = 2.5;
// Audio input tokens per second, for token-billed models.
const AUDIO_TOKENS_PER_SECOND = 10;

/**
 * `POST /v1/audio/transcriptions` (multipart: `file`, `model`, optional `response_format`, `prompt`,
 * `language`). The audio lasts {@link audioDurationSeconds} of the file; the transcript is
 * `max(1, round(2.5 × seconds))` seeded words and a full stop, seeded by the file bytes.
 *
 * - `json` (default): `{text, usage}`. `whisper-1` is billed by duration: `usage: {type:"duration", seconds}`,
 *   seconds rounded up to whole seconds. Other models are billed by tokens: `usage: {type:"tokens",
 *   input_tokens, input_token_details:{text_tokens, audio_tokens}, output_tokens, total_tokens}` with audio
 *   tokens = 10 per second rounded up, text tokens = {@link simulatedTokenCount} of `prompt`, output tokens =
 *   those of the transcript.
 * - `verbose_json` (`whisper-1` only): adds `task`, `language`, `duration` and one segment.
 * - `text`, `srt`, `vtt`: plain text, no usage (the SDK returns a string).
 */
export async function handleTranscription(exchange: Exchange, ctx: OpenAIContext): Promise<void> {
  const form = exchange.body?.form;
  const file = form?.get('file');
  const model = form?.get('model');
  if (typeof model !== 'string' || model === '') return exchange.error(invalidRequest("Missing required parameter: 'model'.", 'model', 'missing_required_parameter'));
  if (!file || typeof file === 'string') return exchange.error(invalidRequest("Missing required parameter: 'file'.", 'file', 'missing_required_parameter'));
  exchange.entry.model = model;
  const format = stringField(form, 'response_format') ?? 'json';
  const durationBilled = isDurationBilledTranscription(model);
  if (!FORMATS.has(format) || (!durationBilled && format !== 'json' && format !== 'text')) {
    return exchange.error(invalidRequest(`response_format '${format}' is not compatible with model '${model}'.`, 'response_format', 'unsupported_value'));
  }
  const refused = ctx.admit(model, 0);
  if (refused) return exchange.error(refused);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const duration = audioDurationSeconds(bytes);
  const text = composeReply(digest(Buffer.from(bytes).toString('base64')), Math.max(1, Math.round(duration * WORDS_PER_SECOND))).text;
  const language = stringField(form, 'language') ?? 'english';

  if (format === 'text') return exchange.reply(200, plain(), [{ data: `${text}\n` }], 'binary');
  if (format === 'srt') return exchange.reply(200, plain(), [{ data: `1\n00:00:00,000 --> ${timestamp(duration, ',')}\n${text}\n\n` }], 'binary');
  if (format === 'vtt') return exchange.reply(200, plain(), [{ data: `WEBVTT\n\n00:00:00.000 --> ${timestamp(duration, '.')}\n${text}\n\n` }], 'binary');
  const usage = durationBilled ? { type: 'duration', seconds: Math.ceil(duration) } : tokenUsage(duration, stringField(form, 'prompt') ?? '', text);
  if (format === 'json') return exchange.json(200, { text, usage }, { usage });
  const segment = { id: 0, seek: 0, start: 0, end: duration, text, tokens: [], temperature: 0, avg_logprob: -0.2, compression_ratio: 1, no_speech_prob: 0.01 };
  return exchange.json(200, { task: 'transcribe', language, duration, text, segments: [segment], usage }, { usage });
}

function tokenUsage(duration: number, prompt: string, text: string): Record<string, unknown> {
  const audio = Math.ceil(duration * AUDIO_TOKENS_PER_SECOND);
  const textTokens = simulatedTokenCount(prompt);
  const output = simulatedTokenCount(text);
  return {
    type: 'tokens',
    input_tokens: audio + textTokens,
    input_token_details: { text_tokens: textTokens, audio_tokens: audio },
    output_tokens: output,
    total_tokens: audio + textTokens + output,
  };
}

function stringField(form: FormData | undefined, name: string): string | undefined {
  const value = form?.get(name);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function plain(): Record<string, string> {
  return { 'content-type': 'text/plain; charset=utf-8' };
}

function timestamp(seconds: number, separator: string): string {
  const ms = Math.round(seconds * 1000);
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${separator}${pad(ms % 1000, 3)}`;
}
