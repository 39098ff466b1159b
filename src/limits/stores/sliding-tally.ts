/**
 * Reservations of one sliding window, in buckets (oldest first) that each leave the window when their latest
 * reservation does.
 */
export interface SlidingBucket {
  readonly first: number;
  latest: number;
  amount: number;
  /** Left the window: a settle arriving later changes nothing. */
  gone: boolean;
}

/** A bucket holds the reservations made within this share of the window after its first one. */
const BUCKETS_PER_WINDOW = 600;
/** Dropped buckets are cut from the array in batches, not one shift per bucket. */
const COMPACT_AFTER = 64;

/**
 * The running total of a sliding window, in at most ~600 buckets whatever the call rate (an exact log would hold
 * one entry per call for a whole window: 60 000 entries at 1 000 calls/s over a minute). A bucket leaves the
 * window when its latest reservation does, so an amount leaves at most 1/600 of the window late (100 ms for a
 * minute) and never early: the total never undercounts, and reservations spaced wider than a bucket leave
 * exactly on time.
 *
 * @example
 * ```ts
 * const tally = new SlidingTally(60_000);
 * const bucket = tally.add(900, Date.now());
 * tally.adjust(bucket, 412 - 900); // settled to the reported usage
 * ```
 */
export class SlidingTally {
  total = 0;
  private readonly buckets: SlidingBucket[] = [];
  private head = 0;
  private readonly widthMs: number;

  constructor(private readonly windowMs: number) {
    this.widthMs = windowMs / BUCKETS_PER_WINDOW;
  }

  /** Drops the buckets that left the window at `now`. */
  trim(now: number): void {
    const horizon = now - this.windowMs;
    const buckets = this.buckets;
    while (this.head < buckets.length && buckets[this.head]!.latest <= horizon) {
      const bucket = buckets[this.head]!;
      bucket.gone = true;
      this.total -= bucket.amount;
      this.head += 1;
    }
    if (this.head === buckets.length) {
      buckets.length = 0;
      this.head = 0;
      this.total = 0; // no float drift left over once the window is empty
    } else if (this.head >= COMPACT_AFTER) {
      buckets.splice(0, this.head);
      this.head = 0;
    }
  }

  /** Counts `amount` at `now`; returns its bucket for {@link SlidingTally.adjust}. */
  add(amount: number, now: number): SlidingBucket {
    const newest = this.buckets[this.buckets.length - 1];
    let bucket: SlidingBucket;
    if (newest === undefined || now >= newest.first + this.widthMs) bucket = this.insert(this.buckets.length, now);
    else if (now >= newest.first) {
      bucket = newest;
      if (now > bucket.latest) bucket.latest = now;
    } else bucket = this.earlier(now);
    bucket.amount += amount;
    this.total += amount;
    return bucket;
  }

  // A clock that stepped back: the amount joins the bucket spanning `now` or gets its own in time order, so it
  // still leaves at its own time (or, inside a bucket, at most one bucket late).
  private earlier(now: number): SlidingBucket {
    let i = this.buckets.length - 1;
    while (i >= this.head && this.buckets[i]!.first > now) i -= 1;
    if (i >= this.head && now <= this.buckets[i]!.latest) return this.buckets[i]!;
    return this.insert(i + 1, now);
  }

  private insert(at: number, now: number): SlidingBucket {
    const bucket = { first: now, latest: now, amount: 0, gone: false };
    if (at === this.buckets.length) this.buckets.push(bucket);
    else this.buckets.splice(at, 0, bucket);
    return bucket;
  }

  /** Changes an amount still in the window (a settle); one that left it stays gone. */
  adjust(bucket: SlidingBucket, delta: number): void {
    if (bucket.gone) return;
    bucket.amount += delta;
    this.total += delta;
  }

  /** In how many ms `amount` fits under `limit` as buckets leave, or undefined if it never does. */
  retryAfter(amount: number, limit: number, epsilon: number, now: number): number | undefined {
    let used = this.total;
    for (let i = this.head; i < this.buckets.length; i += 1) {
      const bucket = this.buckets[i]!;
      used -= bucket.amount;
      if (used + amount <= limit + epsilon) return bucket.latest + this.windowMs - now;
    }
    return undefined;
  }
}
