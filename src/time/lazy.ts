/**
 * A value made on first use and kept: for module-level `Intl` formatters, which cost milliseconds to build
 * (a time zone loads ICU data) and would otherwise be paid by every `import 'aimeter'`.
 *
 * @example
 * ```ts
 * const pacific = lazy(() => new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles' }));
 * pacific().format(Date.now());
 * ```
 */
export function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}
