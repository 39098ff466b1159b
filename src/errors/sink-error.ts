import { AIMeterError, hasErrorCode } from './aimeter-error.js';

const CODE = 'sink_failed';

/**
 * Why a sink write failed: it threw or rejected, or it did not settle within `writeTimeoutMs`.
 *
 * @example
 * ```ts
 * ai.on('sink-error', (e) => {
 *   const failure: SinkFailure | undefined = SinkError.isInstance(e.error) ? e.error.reason : undefined;
 *   if (failure === 'timeout') console.warn(`sink ${e.sink} is too slow`);
 * });
 * ```
 */
export type SinkFailure = 'threw' | 'timeout';

/**
 * Reported through the `sink-error` event when a sink fails; never thrown to the caller of an AI operation,
 * because a failing sink must not fail a call.
 *
 * @example
 * ```ts
 * ai.on('sink-error', (e) => console.warn(e.sink, e.error.reason, e.dropped));
 * ```
 */
export class SinkError extends AIMeterError {
  /** Name of the failing sink. */
  readonly sink: string;
  /** How it failed. */
  readonly reason: SinkFailure;

  /**
   * @param sink - the sink's name
   * @param reason - how it failed
   * @param options - the sink's own error as `cause`
   */
  constructor(sink: string, reason: SinkFailure, options?: ErrorOptions) {
    super(CODE, reason === 'timeout' ? `sink "${sink}" did not settle in time` : `sink "${sink}" failed`, options);
    this.name = 'SinkError';
    this.sink = sink;
    this.reason = reason;
  }

  /**
   * Whether `error` is a {@link SinkError} from any copy of the package.
   *
   * @example
   * ```ts
   * if (SinkError.isInstance(error)) console.warn(error.sink);
   * ```
   */
  static override isInstance(error: unknown): error is SinkError {
    return hasErrorCode(error, CODE);
  }
}
