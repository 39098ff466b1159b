import { randomFillSync } from 'node:crypto';

/** The id's text is written as ASCII bytes into one buffer and read out as one flat string: a string glued from
 * 20 pieces is a tree of pieces that every later reader (a JSON line, a map key) first has to copy into one. */
const DIGITS = Buffer.from('0123456789abcdef', 'latin1');
const text = Buffer.alloc(36, '-');
/** Random bytes drawn in bulk: one `randomFillSync` per 512 ids instead of one per id. */
const pool = Buffer.alloc(4096);
let offset = pool.length;
let lastMs = -1;
let sequence = 0;

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit sequence that orders ids made in
 * the same millisecond (method 1 of the RFC, seeded at random each millisecond), then 62 random bits. Ids sort
 * by creation time, so a ledger's id and call-id indexes grow at their end instead of splitting pages at
 * random (SQLite inserts about twice as fast as with v4 ids); 62 random bits keep ids from many processes
 * apart.
 *
 * @example
 * ```ts
 * uuidV7(); // '019ab3c2-5f10-7a3c-9d2e-4b7f0c1a2e3d'
 * ```
 */
export function uuidV7(now = Date.now()): string {
  if (offset + 10 > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const r = offset;
  offset += 10;
  if (now > lastMs) {
    lastMs = now;
    sequence = ((pool[r]! & 0x07) << 8) | pool[r + 1]!; // leaves room to count up within the millisecond
  } else {
    sequence += 1;
    if (sequence > 0xfff) {
      // 4096 ids in one millisecond: borrow the next one, so ids stay in order.
      lastMs += 1;
      sequence = 0;
    }
  }
  const ms = lastMs;
  const high = Math.floor(ms / 0x1000000); // the upper 24 of the 48 timestamp bits
  const low = ms % 0x1000000;
  put(0, (high >>> 16) & 0xff);
  put(2, (high >>> 8) & 0xff);
  put(4, high & 0xff);
  put(6, (low >>> 16) & 0xff); // '-' at 8
  put(9, (low >>> 8) & 0xff);
  put(11, low & 0xff); // '-' at 13
  put(14, 0x70 | (sequence >>> 8)); // version 7, then the sequence
  put(16, sequence & 0xff); // '-' at 18
  put(19, 0x80 | (pool[r + 2]! & 0x3f)); // variant 10, then random bits
  put(21, pool[r + 3]!); // '-' at 23
  for (let i = 0; i < 6; i++) put(24 + 2 * i, pool[r + 4 + i]!);
  return text.toString('latin1', 0, 36);
}

/** Writes a byte as two lower-case hex digits into the id's text at `at`. */
function put(at: number, byte: number): void {
  text[at] = DIGITS[byte >>> 4]!;
  text[at + 1] = DIGITS[byte & 0x0f]!;
}
