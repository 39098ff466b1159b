import { createHash } from 'node:crypto';
import type { SimulatorKeys } from './types.js';

/**
 * The short, non-reversible name the simulator logs instead of a key: `fp_` + 12 hex chars of its SHA-256.
 *
 * @example
 * sim.requests[0]?.keyFingerprint === keyFingerprint(key);
 */
export function keyFingerprint(key: string): string {
  return `fp_${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

/** Decides whether a key is valid, per {@link SimulatorKeys}. */
export function keyIsAccepted(keys: SimulatorKeys | undefined, key: string | undefined): boolean {
  if (!key) return false;
  if (keys?.reject?.includes(key)) return false;
  const accept = keys?.accept;
  if (accept === undefined) return true;
  return typeof accept === 'function' ? accept(key) : accept.includes(key);
}
