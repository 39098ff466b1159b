import type { BaseRequest } from './base-request.js';

/**
 * A speech-to-text request.
 *
 * @example
 * ```ts
 * const request: TranscribeRequest = { model: 'openai:whisper-1', audio: wavBytes, fileName: 'turn.wav' };
 * ```
 */
export interface TranscribeRequest extends BaseRequest {
  /** The audio. */
  readonly audio: Uint8Array | Blob;
  /** File name sent with the upload; its extension tells the provider the format. @default 'audio.wav' */
  readonly fileName?: string;
  /** Language hint (ISO-639-1). */
  readonly language?: string;
  /** Vocabulary or context hint. */
  readonly prompt?: string;
}

/**
 * A transcript.
 *
 * @example
 * ```ts
 * const audio = await readFile('turn.wav');
 * const { output } = await ai.transcribe({ model: 'openai:whisper-1', audio, fileName: 'turn.wav' });
 * console.log(output.text, output.language, output.durationSeconds);
 * ```
 */
export interface TranscriptionOutput {
  /** The transcribed text. */
  readonly text: string;
  /** Detected or given language, where the provider says. */
  readonly language?: string;
  /** Audio duration in seconds, where the provider says. */
  readonly durationSeconds?: number;
}
