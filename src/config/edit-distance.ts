/**
 * How many single-character edits (insertion, deletion, substitution, or swap of two neighbours) turn `a`
 * into `b`: the optimal-string-alignment form of the Damerau–Levenshtein distance, so `stroe` is one edit
 * from `store`.
 *
 * @example
 * ```ts
 * editDistance('stroe', 'store'); // 1
 * editDistance('scop', 'scope'); // 1
 * ```
 */
export function editDistance(a: string, b: string): number {
  // Three rows suffice: a swap looks two rows back.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}
