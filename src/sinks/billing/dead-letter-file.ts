import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { BillingService } from '../../errors/billing-export-error.js';
import type { UsageEvent } from '../../usage-event.js';

/**
 * Why a billing sink dead-lettered an event: the service `refused` it for good (a 4xx other than 429), it
 * stayed `undelivered` after every retry, it had `no_customer`, its billed figure was unknown (`no_value`:
 * `missing` usage or an unpriced model), or it was `too_old` (or `in_future`) for the service's time window.
 *
 * @example
 * ```ts
 * const reason: DeadLetterReason = 'refused';
 * ```
 */
export type DeadLetterReason = 'refused' | 'undelivered' | 'no_customer' | 'no_value' | 'too_old' | 'in_future';

/**
 * One line of a billing sink's dead-letter file.
 *
 * @example
 * ```ts
 * const letters: BillingDeadLetter[] = await readBillingDeadLetters('billing/dead-letter.jsonl');
 * for (const l of letters) console.log(l.service, l.reason, l.status, l.event.id);
 * ```
 */
export interface BillingDeadLetter {
  /** Format version of the line. */
  readonly v: 1;
  /** The billing service the event was meant for. */
  readonly service: BillingService;
  /** Why it was not billed. */
  readonly reason: DeadLetterReason;
  /** The service's HTTP status, when it answered. */
  readonly status?: number;
  /** What the service said (its error, cut to 500 characters), or what was wrong with the event. */
  readonly detail: string;
  /** When it was dead-lettered, ISO 8601. */
  readonly at: string;
  /** The usage event, whole, so it can be sent again. */
  readonly event: UsageEvent;
}

/** What a sink hands the dead-letter file: a line without its version and date. */
export type DeadLetter = Omit<BillingDeadLetter, 'v' | 'at' | 'service'>;

const MAX_DETAIL = 500;

/**
 * Appends dead letters to a JSON Lines file, creating it and its folder: one `appendFile` per batch, so
 * several processes can share the file without tearing each other's lines.
 */
export class DeadLetterFile {
  #ready: Promise<unknown> | undefined;

  constructor(
    readonly path: string,
    private readonly service: BillingService,
    private readonly now: () => number,
  ) {}

  async append(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    this.#ready ??= mkdir(dirname(this.path), { recursive: true });
    await this.#ready;
    const at = new Date(this.now()).toISOString();
    let text = '';
    for (const l of letters) {
      const line: BillingDeadLetter = { v: 1, service: this.service, reason: l.reason, ...(l.status === undefined ? {} : { status: l.status }), detail: l.detail.slice(0, MAX_DETAIL), at, event: l.event };
      text += `${JSON.stringify(line)}\n`;
    }
    await appendFile(this.path, text, 'utf8');
  }
}

/**
 * Reads a billing sink's dead-letter file: every whole line, oldest first (a line a crash cut short is skipped),
 * and an empty list when the file does not exist. Send the events again with the sink's `writeBatch` once the
 * cause is fixed: the services drop an id they already hold, so a replay never bills twice.
 *
 * @param path - the sink's `deadLetterPath`
 *
 * @example
 * ```ts
 * const letters = await readBillingDeadLetters('billing/dead-letter.jsonl');
 * await sink.writeBatch?.(letters.filter((l) => l.reason === 'undelivered').map((l) => l.event));
 * ```
 */
export async function readBillingDeadLetters(path: string): Promise<BillingDeadLetter[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const letters: BillingDeadLetter[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = JSON.parse(line) as BillingDeadLetter;
      if (parsed.v === 1 && typeof parsed.event === 'object' && parsed.event !== null) letters.push(parsed);
    } catch {
      // A torn last line: the rest of the file is still whole.
    }
  }
  return letters;
}
