import { Scrubber } from './scrubber.js';

/**
 * The level methods an SDK logger has (openai-node's `logger` option takes exactly this shape).
 *
 * @example
 * ```ts
 * const sdkLogger: LevelLogger = scrubbingLogger([key.value]);
 * new OpenAI({ apiKey: key.value, logger: sdkLogger });
 * ```
 */
export interface LevelLogger {
  /** Logs at error level. */
  error(...args: unknown[]): void;
  /** Logs at warn level. */
  warn(...args: unknown[]): void;
  /** Logs at info level. */
  info(...args: unknown[]): void;
  /** Logs at debug level. */
  debug(...args: unknown[]): void;
}

/**
 * A logger for an SDK that scrubs every argument (the given secrets, their encoded forms and every key pattern)
 * before passing it to `target`: an SDK's own debug logging prints response bodies and headers, which may echo
 * the key. Adapters hand it to SDKs that accept a logger.
 *
 * @example
 * ```ts
 * const client = new OpenAI({ apiKey: key.value, maxRetries: 0, logger: scrubbingLogger([key.value]) });
 * ```
 */
export function scrubbingLogger(secrets: readonly string[], target: LevelLogger = console): LevelLogger {
  // Built on the first log line, which most clients never write: building it costs the first call milliseconds.
  let scrubber: Scrubber | undefined;
  const scrubberOf = (): Scrubber => {
    if (!scrubber) {
      scrubber = new Scrubber();
      for (const secret of secrets) scrubber.register(secret);
    }
    return scrubber;
  };
  const forward =
    (level: keyof LevelLogger) =>
    (...args: unknown[]): void => {
      const scrub = scrubberOf();
      target[level](...args.map((arg) => scrub.scrub(arg)));
    };
  return { error: forward('error'), warn: forward('warn'), info: forward('info'), debug: forward('debug') };
}
