import { createHash } from 'node:crypto';

/**
 * A short, stable, non-reversible fingerprint of a key, safe to log and store: `fp_` and 12 hex digits of
 * its SHA-256.
 *
 * @example
 * ```ts
 * keyFingerprint(process.env.OPENAI_API_KEY!); // 'fp_3f2a9c0d1e4b'
 * ```
 */
export function keyFingerprint(key: string): string {
  return `fp_${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}
