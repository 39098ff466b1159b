import type OpenAI from 'openai';
import type { SpeechCreateParams } from 'openai/resources/audio/speech';
import type { AdapterCall } from '../../adapter.js';
import type { CallResult, StreamCallResult } from '../../call-result.js';
import { AbortedError } from '../../errors/aborted-error.js';
import type { SpeechOutput, SpeechStreamOutput } from '../../operations/speech.js';
import { defineStream } from '../../stream/define-stream.js';
import type { TokenCounting } from '../../token-counting.js';
import { estimated, missing, reported, type Usage } from '../../usage.js';
import { encodingFor, type TokenEncoding } from '../shared/token-encoding.js';
import { countCutTokens, preloadTokenizer } from '../shared/tokenizer.js';
import { isTokenBilledSpeech } from '../../pricing/openai-audio-billing.js';
import { speechAudioTokens } from '../../pricing/openai-speech-audio.js';
import { mapOpenAIError } from './map-openai-error.js';
import { replyMeta, requestOptions } from './request-options.js';
import { SPEECH_MEDIA_TYPES } from './speech-formats.js';

/** `usage` of the `speech.audio.done` event. */
interface SpeechTokens {
  readonly input_tokens: number;
  readonly output_tokens: number;
}

/** What a speech reply delivered, for its usage: the audio's format and bytes, and whether it arrived in full. */
export interface SpeechReceived {
  readonly format: string;
  readonly bytes: number;
  readonly complete: boolean;
}

/**
 * Usage of a speech request. `characters` is the input's length in code points, counted from the request: it is
 * exactly what `tts-1*` is billed by, and the API reports nothing, so it is marked `reported` when the audio
 * arrived in full; for a cut stream it is `estimated` (whether OpenAI bills the whole input of a cut generation is
 * unpublished; the whole input was sent and billed per character). Token-billed models add the
 * `speech.audio.done` tokens (the input split as text, the output as audio); when that event never arrived (a cut stream), input tokens are the text tokenized
 * off the caller's thread ({@link countCutTokens}, as `mode` says; `'off'`: `missing`), so the figures come as a
 * promise, and output (audio) tokens are those of the audio received ({@link speechAudioTokens}:
 * bytes to seconds at the format's rate, 20 tokens a second), both `estimated`, so the cut call is still priced.
 */
export function speechUsage(
  text: string,
  model: string,
  tokens: SpeechTokens | undefined,
  encoding: TokenEncoding,
  received: SpeechReceived,
  mode?: TokenCounting,
): Usage | Promise<Usage> {
  const count = [...text].length;
  const characters = received.complete ? reported(count) : estimated(count);
  if (!isTokenBilledSpeech(model)) return { requests: 1, characters };
  if (tokens) {
    // Text in, audio out: OpenAI prices gpt-4o-mini-tts as "Text tokens: Input" and "Audio tokens: Output".
    const modalities = { input: { text: tokens.input_tokens }, output: { audio: tokens.output_tokens } };
    return { requests: 1, characters, inputTokens: reported(tokens.input_tokens), outputTokens: reported(tokens.output_tokens), modalities };
  }
  const outputTokens = estimated(speechAudioTokens(received.format, received.bytes));
  return countCutTokens([text], encoding, mode).then((counts) => ({
    requests: 1,
    characters,
    inputTokens: counts ? estimated(counts[0] ?? 0) : missing(),
    outputTokens,
  }));
}

/** Opened speech audio: the bytes as they arrive, and what the reply said. */
interface SpeechReply {
  readonly audio: AsyncIterable<Uint8Array>;
  readonly mediaType: string;
  /** The `response_format` asked for. */
  readonly format: string;
  /** The tokens of `speech.audio.done`, once it arrived. */
  readonly tokens: () => SpeechTokens | undefined;
  readonly meta: ReturnType<typeof replyMeta>;
  readonly cancel: () => void;
  /** Counts the input's tokens if `speech.audio.done` never arrives. */
  readonly encoding: TokenEncoding;
}

async function openSpeech(client: OpenAI, call: AdapterCall<'speak' | 'streamSpeak'>): Promise<SpeechReply> {
  const format = call.request.format ?? 'mp3';
  const sse = isTokenBilledSpeech(call.model);
  const encoding = encodingFor('openai', call.model);
  if (sse) preloadTokenizer(encoding, call.tokenCounting);
  const body = {
    model: call.model,
    input: call.request.text,
    voice: call.request.voice,
    response_format: format,
    ...(sse ? { stream_format: 'sse' } : {}),
    ...call.request.providerOptions?.['openai'],
  } as SpeechCreateParams;
  const cancel = new AbortController();
  const signal = call.signal ? AbortSignal.any([call.signal, cancel.signal]) : cancel.signal;
  let opened;
  try {
    opened = await client.audio.speech.create(body, requestOptions(signal)).withResponse();
  } catch (error) {
    throw mapOpenAIError(error, call.key?.value, call.signal);
  }
  const meta = replyMeta(opened.response, opened.request_id);
  const stream = opened.data.body ?? new ReadableStream<Uint8Array>();
  let tokens: SpeechTokens | undefined;
  const audio = sse ? sseAudio(stream, (t) => (tokens = t)) : stream;
  const declared = (SPEECH_MEDIA_TYPES as Readonly<Record<string, string>>)[format] ?? 'application/octet-stream';
  const mediaType = sse ? declared : (opened.response.headers.get('content-type') ?? declared);
  return { audio: audio as AsyncIterable<Uint8Array>, mediaType, format, tokens: () => tokens, meta, cancel: () => cancel.abort(), encoding };
}

/** The audio of `speech.audio.delta` events; hands over the usage of `speech.audio.done`. */
async function* sseAudio(body: ReadableStream<Uint8Array>, done: (tokens: SpeechTokens) => void): AsyncGenerator<Uint8Array> {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const bytes of body as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(bytes, { stream: true });
    const events = buffered.split(/\r?\n\r?\n/);
    buffered = events.pop() ?? '';
    for (const event of events) {
      const data = event.split(/\r?\n/).filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()).join('\n');
      if (!data || data === '[DONE]') continue;
      const parsed = JSON.parse(data) as { type?: string; audio?: string; usage?: SpeechTokens };
      if (parsed.type === 'speech.audio.delta' && parsed.audio) yield new Uint8Array(Buffer.from(parsed.audio, 'base64'));
      else if (parsed.type === 'speech.audio.done' && parsed.usage) done(parsed.usage);
    }
  }
}

/** `speak`: the whole audio. */
export async function speak(client: OpenAI, call: AdapterCall<'speak'>): Promise<CallResult<SpeechOutput>> {
  const reply = await openSpeech(client, call);
  const parts: Uint8Array[] = [];
  try {
    for await (const part of reply.audio) parts.push(part);
  } catch (error) {
    throw mapOpenAIError(error, call.key?.value, call.signal);
  }
  const audio = new Uint8Array(Buffer.concat(parts));
  const received = { format: reply.format, bytes: audio.byteLength, complete: true };
  const usage = await speechUsage(call.request.text, call.model, reply.tokens(), reply.encoding, received, call.tokenCounting);
  return { output: { audio, mediaType: reply.mediaType }, usage, ...reply.meta };
}

/** `streamSpeak`: audio chunks as they arrive. */
export async function streamSpeak(client: OpenAI, call: AdapterCall<'streamSpeak'>): Promise<StreamCallResult<Uint8Array, SpeechStreamOutput>> {
  const reply = await openSpeech(client, call);
  let bytes = 0;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for await (const part of reply.audio) {
      bytes += part.byteLength;
      yield part;
    }
    if (call.signal?.aborted) throw new AbortedError('the OpenAI speech stream was aborted', { cause: call.signal.reason });
  }
  return defineStream({
    chunks: chunks(),
    settle: (outcome) => {
      const received = { format: reply.format, bytes, complete: outcome === 'ok' };
      const output = { bytes, mediaType: reply.mediaType };
      const usage = speechUsage(call.request.text, call.model, reply.tokens(), reply.encoding, received, call.tokenCounting);
      return usage instanceof Promise ? usage.then((counted) => ({ output, usage: counted, ...reply.meta })) : { output, usage, ...reply.meta };
    },
    cancel: reply.cancel,
    signal: call.signal,
    mapError: (error) => mapOpenAIError(error, call.key?.value, call.signal),
    status: reply.meta.status,
    ...(reply.meta.requestId ? { requestId: reply.meta.requestId } : {}),
  });
}
