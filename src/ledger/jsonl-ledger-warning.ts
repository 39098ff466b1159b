/**
 * Something {@link readJsonlLedger} skipped rather than failed on: a line that a crash cut short (a write torn by
 * a kill or a power cut), which holds no complete event. The events around it are read as usual.
 *
 * @example
 * ```ts
 * const onWarning = (warning: JsonlLedgerWarning) => console.warn(`${warning.path}:${warning.line}: ${warning.message}`);
 * for await (const event of readJsonlLedger('usage.jsonl', { onWarning })) console.log(event.id);
 * ```
 */
export interface JsonlLedgerWarning {
  /** The segment file holding the line. */
  readonly path: string;
  /** 1-based number of the line. */
  readonly line: number;
  /** What was skipped and why, starting with the path and line. */
  readonly message: string;
}
