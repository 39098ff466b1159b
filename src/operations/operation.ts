import type { ChatDelta, ChatOutput, ChatRequest } from './chat.js';
import type { EmbedOutput, EmbedRequest } from './embed.js';
import type { SpeakRequest, SpeechOutput, SpeechStreamOutput } from './speech.js';
import type { TranscribeRequest, TranscriptionOutput } from './transcription.js';

/**
 * Request, output and (for streams) delta types of every operation. Middleware narrows `ctx.request` by
 * checking `ctx.operation`.
 *
 * @example
 * ```ts
 * type EmbedInput = OperationTypes['embed']['request']; // EmbedRequest
 * type SpeechChunk = OperationTypes['streamSpeak']['delta']; // Uint8Array
 * ```
 */
export interface OperationTypes {
  /** Chat completion. */
  chat: { request: ChatRequest; output: ChatOutput; delta: never };
  /** Streamed chat completion. */
  streamChat: { request: ChatRequest; output: ChatOutput; delta: ChatDelta };
  /** Embeddings. */
  embed: { request: EmbedRequest; output: EmbedOutput; delta: never };
  /** Text-to-speech, whole audio. */
  speak: { request: SpeakRequest; output: SpeechOutput; delta: never };
  /** Text-to-speech, audio chunks as they are synthesized. */
  streamSpeak: { request: SpeakRequest; output: SpeechStreamOutput; delta: Uint8Array };
  /** Speech-to-text. */
  transcribe: { request: TranscribeRequest; output: TranscriptionOutput; delta: never };
}

/**
 * Name of an operation.
 *
 * @example
 * ```ts
 * const perOperation = new Map<Operation, number>();
 * ai.on('usage', (e) => perOperation.set(e.operation, (perOperation.get(e.operation) ?? 0) + 1));
 * ```
 */
export type Operation = keyof OperationTypes;

/**
 * Operations whose result is a stream.
 *
 * @example
 * ```ts
 * const streamed: StreamOperation[] = OPERATIONS.filter(isStreamOperation); // ['streamChat', 'streamSpeak']
 * ```
 */
export type StreamOperation = 'streamChat' | 'streamSpeak';

/**
 * Every operation name, in a stable order.
 *
 * @example
 * ```ts
 * for (const operation of OPERATIONS) console.log(operation, isStreamOperation(operation) ? 'stream' : 'whole');
 * ```
 */
export const OPERATIONS: readonly Operation[] = ['chat', 'streamChat', 'embed', 'speak', 'streamSpeak', 'transcribe'];

/**
 * Whether an operation returns a stream.
 *
 * @example
 * ```ts
 * isStreamOperation('streamChat'); // true
 * isStreamOperation('embed'); // false
 * ```
 */
export function isStreamOperation(operation: Operation): operation is StreamOperation {
  return operation === 'streamChat' || operation === 'streamSpeak';
}
