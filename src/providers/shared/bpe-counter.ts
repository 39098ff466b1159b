/**
 * An encoding's rank data in js-tiktoken's compact form (`js-tiktoken/ranks/<encoding>`): the pre-tokenizer's
 * pattern and the ranks, lines of `! <first rank> <base64 token> <base64 token> …`.
 *
 * @example
 * ```ts
 * const data: RankData = createRequire(import.meta.url)('js-tiktoken/ranks/o200k_base');
 * ```
 */
export interface RankData {
  readonly pat_str: string;
  readonly bpe_ranks: string;
}

/**
 * Counts a text's tokens under one tiktoken encoding, exactly as js-tiktoken's `encode(text, [], []).length`
 * does (special tokens are ordinary text), in a few MB: the table holds every token's bytes in one `Uint8Array`
 * and finds a byte string's rank through an open-addressing hash (`Int32Array`), with no JavaScript string or
 * object per token (js-tiktoken's two `Map`s of strings and arrays take ~65 MB of heap for `o200k_base`). Each
 * piece of the encoding's pre-tokenizer pattern is merged by byte-pair rank (lowest rank first, the leftmost of
 * equals, as tiktoken does) with a heap, so a long piece (a run of spaces) costs O(n log n), not O(n²).
 *
 * The class refers to nothing outside itself but JavaScript's built-ins: the tokenizer thread runs its source
 * (`String(BpeCounter)`), so that the same code counts in the built package and under TypeScript sources.
 *
 * @example
 * ```ts
 * const counter = BpeCounter.fromRanks(load('js-tiktoken/ranks/o200k_base'));
 * counter.count('Hello, world!'); // 4
 * ```
 */
export class BpeCounter {
  // 2^31: a heap entry is rank * 2^31 + the part's start, exact in a double (ranks < 2^21, starts < 2^31).
  private static readonly SHIFT = 2147483648;
  private static readonly NONE = -1;
  private readonly pattern: RegExp;
  private readonly encoder = new TextEncoder();
  private readonly mask: number;
  private piece = new Uint8Array(256);
  private next = new Int32Array(256);
  private prev = new Int32Array(256);
  private pairRank = new Int32Array(256);
  private heap = new Float64Array(256);

  private constructor(
    pattern: string,
    private readonly bytes: Uint8Array,
    private readonly starts: Int32Array,
    private readonly ranks: Int32Array,
    private readonly slots: Int32Array,
  ) {
    this.pattern = new RegExp(pattern, 'gu');
    this.mask = slots.length - 1;
  }

  /**
   * Builds the table from js-tiktoken's rank data; nothing of `data` is kept but the pattern.
   *
   * @param data - `js-tiktoken/ranks/<encoding>`
   * @returns the counter
   * @throws Error if the data is not in js-tiktoken's form (a token is not base64, a byte has no rank)
   *
   * @example
   * ```ts
   * const counter = BpeCounter.fromRanks(load('js-tiktoken/ranks/cl100k_base'));
   * ```
   */
  static fromRanks(data: RankData): BpeCounter {
    let tokens = 0;
    let size = 0;
    BpeCounter.eachToken(data.bpe_ranks, (from, to) => {
      tokens += 1;
      size += BpeCounter.decodedLength(data.bpe_ranks, from, to);
    });
    const bytes = new Uint8Array(size);
    const starts = new Int32Array(tokens + 1);
    const ranks = new Int32Array(tokens);
    let capacity = 1024;
    while (capacity < tokens * 2) capacity *= 2;
    const counter = new BpeCounter(data.pat_str, bytes, starts, ranks, new Int32Array(capacity));
    let index = 0;
    BpeCounter.eachToken(data.bpe_ranks, (from, to, rank) => {
      starts[index + 1] = BpeCounter.decode(data.bpe_ranks, from, to, bytes, starts[index]!);
      ranks[index] = rank;
      counter.insert(index);
      index += 1;
    });
    const single = new Uint8Array(1);
    for (let byte = 0; byte < 256; byte += 1) {
      single[0] = byte;
      if (counter.rankOf(single, 0, 1) === BpeCounter.NONE) throw new Error(`the rank data has no token for byte ${byte}`);
    }
    return counter;
  }

  /**
   * The number of tokens of `text`.
   *
   * @param text - any text; a lone surrogate counts as U+FFFD, as `TextEncoder` encodes it
   * @returns the count, 0 for an empty text
   *
   * @example
   * ```ts
   * counter.count('a text that spells <|endoftext|>'); // ordinary text: several tokens
   * ```
   */
  count(text: string): number {
    const pattern = this.pattern;
    pattern.lastIndex = 0;
    let total = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const part = match[0];
      if (part.length === 0) {
        pattern.lastIndex += 1;
        continue;
      }
      if (this.piece.length < part.length * 3) this.piece = new Uint8Array(part.length * 3);
      const length = this.encoder.encodeInto(part, this.piece).written;
      total += length === 1 || this.rankOf(this.piece, 0, length) !== BpeCounter.NONE ? 1 : this.merge(length);
    }
    // A long piece (a run of spaces) grew the scratch arrays: they are not kept (~30 bytes a byte of the piece).
    if (this.piece.length > 65536) this.piece = new Uint8Array(256);
    if (this.next.length > 65536) this.reserve(256, true);
    if (this.heap.length > 65536) this.heap = new Float64Array(256);
    return total;
  }

  /** The rank of `source[from, to)`, or NONE. */
  private rankOf(source: Uint8Array, from: number, to: number): number {
    const entry = this.slots[this.slotOf(source, from, to)]!;
    return entry === 0 ? BpeCounter.NONE : this.ranks[entry - 1]!;
  }

  /** Where the token `source[from, to)` is in the hash, or the empty slot where it would go. */
  private slotOf(source: Uint8Array, from: number, to: number): number {
    const length = to - from;
    let slot = BpeCounter.hash(source, from, to) & this.mask;
    for (let entry = this.slots[slot]!; entry !== 0; entry = this.slots[slot]!) {
      const start = this.starts[entry - 1]!;
      if (this.starts[entry]! - start === length) {
        let same = true;
        for (let i = 0; i < length && same; i += 1) same = this.bytes[start + i] === source[from + i];
        if (same) return slot;
      }
      slot = (slot + 1) & this.mask;
    }
    return slot;
  }

  /** Adds token `index` (its bytes already in place); a token listed twice keeps its last rank, as js-tiktoken's does. */
  private insert(index: number): void {
    this.slots[this.slotOf(this.bytes, this.starts[index]!, this.starts[index + 1]!)] = index + 1;
  }

  /**
   * The token count of the piece's first `length` bytes by byte-pair merges: the adjacent pair whose joined
   * bytes have the lowest rank is merged first (the leftmost of equals) until no joined pair has a rank.
   */
  private merge(length: number): number {
    this.reserve(length);
    const { next, prev, pairRank } = this;
    for (let start = 0; start < length; start += 1) {
      next[start] = start + 1;
      prev[start] = start - 1;
    }
    let size = 0;
    for (let start = 0; start < length - 1; start += 1) {
      pairRank[start] = this.rankOf(this.piece, start, start + 2);
      if (pairRank[start] !== BpeCounter.NONE) size = this.push(size, pairRank[start]! * BpeCounter.SHIFT + start);
    }
    pairRank[length - 1] = BpeCounter.NONE;
    let parts = length;
    while (size > 0) {
      const top = this.heap[0]!;
      size = this.pop(size);
      const start = top % BpeCounter.SHIFT;
      if (pairRank[start] !== (top - start) / BpeCounter.SHIFT) continue; // stale: the pair has changed
      const gone = next[start]!;
      next[start] = next[gone]!;
      if (next[gone]! < length) prev[next[gone]!] = start;
      pairRank[gone] = BpeCounter.NONE;
      parts -= 1;
      size = this.rerank(start, length, size);
      if (prev[start]! >= 0) size = this.rerank(prev[start]!, length, size);
    }
    return parts;
  }

  /** Recomputes the rank of the pair that starts at `start` and queues it; returns the heap's new size. */
  private rerank(start: number, length: number, size: number): number {
    const after = this.next[start]!;
    const rank = after < length ? this.rankOf(this.piece, start, this.next[after]!) : BpeCounter.NONE;
    this.pairRank[start] = rank;
    return rank === BpeCounter.NONE ? size : this.push(size, rank * BpeCounter.SHIFT + start);
  }

  private reserve(length: number, shrink = false): void {
    if (this.next.length >= length && !shrink) return;
    this.next = new Int32Array(length);
    this.prev = new Int32Array(length);
    this.pairRank = new Int32Array(length);
  }

  private push(size: number, key: number): number {
    if (size === this.heap.length) {
      const grown = new Float64Array(size * 2);
      grown.set(this.heap);
      this.heap = grown;
    }
    const heap = this.heap;
    let at = size;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (heap[parent]! <= key) break;
      heap[at] = heap[parent]!;
      at = parent;
    }
    heap[at] = key;
    return size + 1;
  }

  private pop(size: number): number {
    const heap = this.heap;
    const last = heap[size - 1]!;
    const count = size - 1;
    let at = 0;
    for (let child = 1; child < count; child = at * 2 + 1) {
      if (child + 1 < count && heap[child + 1]! < heap[child]!) child += 1;
      if (heap[child]! >= last) break;
      heap[at] = heap[child]!;
      at = child;
    }
    if (count > 0) heap[at] = last;
    return count;
  }

  /** FNV-1a over `source[from, to)`. */
  private static hash(source: Uint8Array, from: number, to: number): number {
    let hash = 0x811c9dc5;
    for (let i = from; i < to; i += 1) hash = Math.imul(hash ^ source[i]!, 0x01000193);
    return hash ^ (hash >>> 15);
  }

  /** Calls `visit` with each base64 token's bounds in `ranks` and its rank. */
  private static eachToken(ranks: string, visit: (from: number, to: number, rank: number) => void): void {
    for (let line = 0; line < ranks.length; ) {
      let end = ranks.indexOf('\n', line);
      if (end < 0) end = ranks.length;
      const first = ranks.indexOf(' ', line);
      if (first >= 0 && first < end) {
        let field = ranks.indexOf(' ', first + 1);
        if (field < 0 || field > end) field = end;
        let rank = Number.parseInt(ranks.slice(first + 1, field), 10);
        if (!Number.isInteger(rank)) throw new Error(`the rank data has no first rank at character ${first + 1}`);
        for (let from = field + 1; from < end; rank += 1) {
          let to = ranks.indexOf(' ', from);
          if (to < 0 || to > end) to = end;
          if (to > from) visit(from, to, rank);
          from = to + 1;
        }
      }
      line = end + 1;
    }
  }

  private static decodedLength(ranks: string, from: number, to: number): number {
    let padding = 0;
    while (to - padding > from && ranks.charCodeAt(to - padding - 1) === 61) padding += 1;
    return Math.floor(((to - from) * 3) / 4) - padding;
  }

  /** Decodes the base64 token `ranks[from, to)` into `into` at `at`; returns the end. */
  private static decode(ranks: string, from: number, to: number, into: Uint8Array, at: number): number {
    let bits = 0;
    let held = 0;
    let out = at;
    for (let i = from; i < to; i += 1) {
      const code = ranks.charCodeAt(i);
      if (code === 61) break; // '='
      const value = BpeCounter.sextet(code);
      if (value < 0) throw new Error(`the rank data has a token that is not base64 at character ${i}`);
      bits = ((bits << 6) | value) & 0x3fff;
      held += 6;
      if (held >= 8) {
        held -= 8;
        into[out++] = (bits >> held) & 0xff;
      }
    }
    return out;
  }

  private static sextet(code: number): number {
    if (code >= 65 && code <= 90) return code - 65; // A-Z
    if (code >= 97 && code <= 122) return code - 71; // a-z
    if (code >= 48 && code <= 57) return code + 4; // 0-9
    if (code === 43 || code === 45) return 62; // + (and URL-safe -)
    if (code === 47 || code === 95) return 63; // / (and URL-safe _)
    return -1;
  }
}
