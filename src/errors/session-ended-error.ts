import { AIMeterError, hasErrorCode } from './aimeter-error.js';

const CODE = 'session_ended';

/**
 * A call, or `turn()`, on a session whose `end()` was already called. The session's calls admitted before
 * `end()` still finish and are counted; nothing new is admitted.
 *
 * @example
 * ```ts
 * try {
 *   await session.chat({ model: 'openai:gpt-4o-mini', messages });
 * } catch (error) {
 *   if (SessionEndedError.isInstance(error)) console.warn(`session ${error.session} already ended`);
 * }
 * ```
 */
export class SessionEndedError extends AIMeterError {
  /** The session id. */
  readonly session: string;

  /** @param session - the ended session's id */
  constructor(session: string) {
    super(CODE, `session "${session}" has ended: it admits no new calls or turns`);
    this.name = 'SessionEndedError';
    this.session = session;
  }

  /**
   * Whether `error` is a {@link SessionEndedError} from any copy of the package.
   *
   * @example
   * ```ts
   * if (SessionEndedError.isInstance(error)) return; // the user hung up
   * ```
   */
  static override isInstance(error: unknown): error is SessionEndedError {
    return hasErrorCode(error, CODE);
  }
}
