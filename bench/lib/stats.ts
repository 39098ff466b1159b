/** Value at quantile `q` (0..1) of the samples, nearest-rank on a sorted copy. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

export function mean(samples: readonly number[]): number {
  return samples.length === 0 ? Number.NaN : samples.reduce((sum, x) => sum + x, 0) / samples.length;
}

export function sum(samples: readonly number[]): number {
  return samples.reduce((total, x) => total + x, 0);
}

/** Element-wise `b[i] - a[i]`: the paired difference of two arms' samples taken side by side. */
export function pairedDiff(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new Error(`paired samples differ in length: ${a.length} vs ${b.length}`);
  return b.map((x, i) => x - a[i]!);
}

/** A fair coin: which arm goes first in this iteration. */
export function shuffled<T>(pair: readonly [T, T]): [T, T] {
  return Math.random() < 0.5 ? [pair[0], pair[1]] : [pair[1], pair[0]];
}
