// Shared pieces of the billing sink tests: fake keys made at run time, a clock whose sleeps are recorded (and
// skipped), fresh usage events for a customer, and a temporary dead-letter path.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../../src/time/clock.js';
import type { UsageEvent } from '../../../src/usage-event.js';
import { usageEvent } from '../make-usage-event.js';

/** A throwaway key with the service's prefix; never a real one. */
export function fakeKey(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('hex')}`;
}

/** The real time, with every wait recorded and skipped, so retry tests see the waits without taking them. */
export function recordingClock(offsetMs = 0): Clock & { readonly waits: number[] } {
  const waits: number[] = [];
  return { waits, now: () => Date.now() + offsetMs, sleep: (ms) => (waits.push(ms), Promise.resolve()) };
}

/** A usage event of a minute ago for `tags`, 10 input and 5 output tokens unless overridden. */
export function billedEvent(tags: Record<string, string>, overrides: Partial<UsageEvent> = {}): UsageEvent {
  return usageEvent({ time: new Date(Date.now() - 60_000).toISOString(), tags, ...overrides });
}

/** A dead-letter path in a fresh temporary folder (the folder is created by the sink). */
export function deadLetterPath(name: string): string {
  return join(mkdtempSync(join(tmpdir(), `aimeter-billing-${name}-`)), 'nested', 'dead-letter.jsonl');
}
