import type { BaseRequest } from './base-request.js';

/**
 * A text-to-speech request.
 *
 * @example
 * ```ts
 * const request: SpeakRequest = { model: 'elevenlabs:eleven_flash_v2_5', voice: '21m00Tcm4TlvDq8ikWAM', text: 'Hi!' };
 * ```
 */
export interface SpeakRequest extends BaseRequest {
  /** Text to speak. */
  readonly text: string;
  /** Voice id or name, as the provider knows it. */
  readonly voice: string;
  /** Audio format in the provider's vocabulary, e.g. `mp3` (OpenAI) or `mp3_44100_128` (ElevenLabs). @default the provider's */
  readonly format?: string;
}

/**
 * Synthesized audio.
 *
 * @example
 * ```ts
 * const { output } = await ai.speak({ model: 'elevenlabs:eleven_flash_v2_5', voice: voiceId, text: 'Hello' });
 * await writeFile('hello.mp3', output.audio); // output.mediaType: 'audio/mpeg'
 * ```
 */
export interface SpeechOutput {
  /** The audio bytes. */
  readonly audio: Uint8Array;
  /** Media type of `audio`, e.g. `audio/mpeg`. */
  readonly mediaType: string;
}

/**
 * What a streamed speech call produced, once the stream ended.
 *
 * @example
 * ```ts
 * const stream = ai.streamSpeak({ model: 'elevenlabs:eleven_flash_v2_5', voice: voiceId, text });
 * for await (const chunk of stream) player.write(chunk);
 * const { output } = await stream.final;
 * console.log(`${output.bytes} bytes of ${output.mediaType}`);
 * ```
 */
export interface SpeechStreamOutput {
  /** Bytes of audio received. */
  readonly bytes: number;
  /** Media type of the audio, e.g. `audio/mpeg`. */
  readonly mediaType: string;
}
