/**
 * What `aimeter audit` reports.
 *
 * - `secret`: a secret in a file (secretlint's recommended rules, or aimeter's provider key rules).
 * - `gitignore`: a `.env` file name `.gitignore` does not cover.
 * - `tracked-env`: a `.env` file committed to git (even if `.gitignore` lists it now).
 * - `env-example`: a real-looking value in `.env.example` (or `.sample`, `.template`).
 *
 * @example
 * ```ts
 * const kinds: AuditFindingKind[] = ['secret', 'tracked-env'];
 * ```
 */
export type AuditFindingKind = 'secret' | 'gitignore' | 'tracked-env' | 'env-example';

/**
 * One audit finding. `preview` shows at most a key prefix and the last 4 characters.
 *
 * @example
 * ```ts
 * const f: AuditFinding = { kind: 'secret', file: 'src/config.ts', line: 3, column: 17, rule: 'aimeter/elevenlabs', message: 'ElevenLabs API key', preview: 'sk_…9f3a' };
 * ```
 */
export interface AuditFinding {
  readonly kind: AuditFindingKind;
  /** Path relative to the audited directory. */
  readonly file: string;
  /** 1-based line, 0 when the finding is about the whole file. */
  readonly line: number;
  /** 1-based column, 0 when not applicable. */
  readonly column: number;
  /** Rule id, e.g. `aimeter/openai` or `@secretlint/secretlint-rule-github`. */
  readonly rule: string;
  /** What was found. */
  readonly message: string;
  /** A masked preview, when the finding is a value. */
  readonly preview?: string;
}
