import { AIMeterError, hasErrorCode } from './aimeter-error.js';

const CODE = 'stream_consumed';

/**
 * Thrown when a stream from `streamChat` or `streamSpeak` is iterated a second time: its chunks are read
 * from the provider once and not kept, so a second loop would see nothing. Collect the chunks in the first
 * loop, or read `final` for the output.
 *
 * @example
 * ```ts
 * const stream = ai.streamChat({ model: 'openai:gpt-4o-mini', messages });
 * for await (const delta of stream) process.stdout.write(delta.text ?? '');
 * try {
 *   for await (const delta of stream) console.log(delta); // throws StreamConsumedError
 * } catch (error) {
 *   if (StreamConsumedError.isInstance(error)) console.error(error.code); // 'stream_consumed'
 * }
 * ```
 */
export class StreamConsumedError extends AIMeterError {
  /** @param callId - the call whose stream was iterated again */
  constructor(callId: string) {
    super(CODE, `the stream of call ${callId} was already iterated; a stream can be iterated only once (read \`final\` for its output)`);
    this.name = 'StreamConsumedError';
  }

  /**
   * Whether `error` is a {@link StreamConsumedError} from any copy of the package.
   *
   * @example
   * ```ts
   * if (StreamConsumedError.isInstance(error)) console.error(error.message);
   * ```
   */
  static override isInstance(error: unknown): error is StreamConsumedError {
    return hasErrorCode(error, CODE);
  }
}
