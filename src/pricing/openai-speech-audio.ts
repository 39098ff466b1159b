/**
 * Audio output tokens per second of token-billed OpenAI speech (`gpt-4o-mini-tts`): OpenAI's output audio is
 * tokenized at 20 tokens a second (community.openai.com/t/971012, for the Realtime models; OpenAI's own
 * "$0.015 a minute" estimate at $12 per million audio tokens gives 20.8). UNCONFIRMED for the speech endpoint.
 * The limits' reservation (`limits/policy/estimate-audio.ts`) rounds it up to 21 to stay on the safe side.
 */
export const SPEECH_AUDIO_TOKENS_PER_SECOND = 20;

/** Size of the RIFF/WAVE header that opens a `wav` reply (canonical 44 bytes). */
const WAV_HEADER_BYTES = 44;

/**
 * Bytes per second of audio in each OpenAI speech `response_format`. OpenAI speech is 24 kHz mono: `pcm` is raw
 * 16-bit samples (documented: 24 kHz, 16-bit signed, little-endian), so 48 000 bytes a second, exact; `wav` is the
 * same samples after a 44-byte header. The compressed formats have no documented bitrate: `mp3` replies are
 * observed as "MPEG ADTS, layer III, v2, 160 kbps, 24 kHz, Monaural" (20 000 bytes a second); `opus`, `aac` and
 * `flac` are taken at 128 kbit/s, a typical bitrate for speech (an estimate: their real bitrate varies).
 * UNCONFIRMED for every compressed format.
 *
 * @example
 * ```ts
 * SPEECH_BYTES_PER_SECOND.pcm; // 48000
 * ```
 */
export const SPEECH_BYTES_PER_SECOND: Readonly<Record<string, number>> = {
  pcm: 48_000,
  wav: 48_000,
  mp3: 20_000,
  opus: 16_000,
  aac: 16_000,
  flac: 16_000,
};

/** The rate a format not in {@link SPEECH_BYTES_PER_SECOND} is taken at (128 kbit/s). */
const DEFAULT_BYTES_PER_SECOND = 16_000;

/**
 * How many seconds of speech `bytes` of a `format` reply hold: exact for `pcm` and `wav` (the WAV header left
 * out), an estimate at the format's bitrate (see {@link SPEECH_BYTES_PER_SECOND}) for the compressed formats.
 *
 * @example
 * ```ts
 * speechSecondsReceived('pcm', 96_000); // 2
 * ```
 */
export function speechSecondsReceived(format: string, bytes: number): number {
  const rate = SPEECH_BYTES_PER_SECOND[format] ?? DEFAULT_BYTES_PER_SECOND;
  const audio = format === 'wav' ? Math.max(0, bytes - WAV_HEADER_BYTES) : bytes;
  return audio / rate;
}

/**
 * The output audio tokens of `bytes` of token-billed speech received in `format`: its seconds
 * ({@link speechSecondsReceived}) at {@link SPEECH_AUDIO_TOKENS_PER_SECOND}, rounded up. Used for a stream cut
 * before OpenAI's `speech.audio.done` reported the real figure.
 *
 * Which audio OpenAI bills for a cut stream is not published: it bills the tokens it generated, and generation
 * stops some time after the client disconnects (speech is generated faster than it plays, so the server may
 * have produced more than the client received, up to the whole text). The audio received is the figure aimeter
 * can measure and the lower bound of the bill, the same choice as for a cut chat stream (the text received).
 *
 * @example
 * ```ts
 * speechAudioTokens('pcm', 96_000); // 40 (two seconds)
 * ```
 */
export function speechAudioTokens(format: string, bytes: number): number {
  return Math.ceil(speechSecondsReceived(format, bytes) * SPEECH_AUDIO_TOKENS_PER_SECOND);
}
