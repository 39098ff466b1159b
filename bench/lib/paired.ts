import { shuffled } from './stats.js';

/** One side of a comparison: a call to time. It must throw on any failure. */
export type ArmCall = () => Promise<unknown>;

/** Per-call latencies (ms) of both arms, index-aligned as pairs, and each arm's total wall time. */
export interface PairedSamples {
  readonly raw: number[];
  readonly wrapped: number[];
  rawWallMs: number;
  wrappedWallMs: number;
}

/**
 * Runs `iterations` bursts of `concurrency` simultaneous calls per arm, the arms in a random order each
 * iteration. Call j of one arm's burst is paired with call j of the other's in the same iteration, so slow
 * phases of the machine hit both sides of a pair alike.
 */
export async function runPaired(raw: ArmCall, wrapped: ArmCall, iterations: number, concurrency: number): Promise<PairedSamples> {
  const samples: PairedSamples = { raw: [], wrapped: [], rawWallMs: 0, wrappedWallMs: 0 };
  const arms = [
    { call: raw, latencies: samples.raw, wall: (ms: number) => (samples.rawWallMs += ms) },
    { call: wrapped, latencies: samples.wrapped, wall: (ms: number) => (samples.wrappedWallMs += ms) },
  ] as const;
  for (let i = 0; i < iterations; i++) {
    for (const arm of shuffled(arms)) {
      const started = performance.now();
      arm.latencies.push(...(await burst(arm.call, concurrency)));
      arm.wall(performance.now() - started);
    }
  }
  return samples;
}

async function burst(call: ArmCall, concurrency: number): Promise<number[]> {
  const timed = async (): Promise<number> => {
    const started = performance.now();
    await call();
    return performance.now() - started;
  };
  return Promise.all(Array.from({ length: concurrency }, timed));
}

/** What a block is timed with: elapsed time, or this process's CPU time (user + system, all its threads). */
export type BlockClock = 'wall' | 'cpu';

/**
 * Per-call time (µs) of `calls` sequential calls, per block; blocks of the two arms alternate in a random
 * order. Each block ends by yielding to the event loop once, inside the timing, so work a call defers
 * (a sink's drain) is charged to it. With `clock: 'cpu'` a block is charged the CPU time the process spent,
 * which other processes sharing the cores inflate far less than elapsed time.
 */
export async function runBlocks(raw: ArmCall, wrapped: ArmCall, blocks: number, calls: number, clock: BlockClock = 'wall'): Promise<{ raw: number[]; wrapped: number[] }> {
  const out = { raw: [] as number[], wrapped: [] as number[] };
  const arms = [
    { call: raw, perCall: out.raw },
    { call: wrapped, perCall: out.wrapped },
  ] as const;
  const now = clock === 'cpu' ? cpuMicros : () => performance.now() * 1000;
  for (let b = 0; b < blocks; b++) {
    for (const arm of shuffled(arms)) {
      const started = now();
      for (let i = 0; i < calls; i++) await arm.call();
      await yieldToLoop();
      arm.perCall.push((now() - started) / calls);
    }
  }
  return out;
}

/** This process's CPU time so far, user + system, in µs. */
export function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** `iterations` pairs of one measurement per arm (each arm returns its own figure), in a random order each time. */
export async function runPairedValues(raw: () => Promise<number>, wrapped: () => Promise<number>, iterations: number): Promise<{ raw: number[]; wrapped: number[] }> {
  const out = { raw: [] as number[], wrapped: [] as number[] };
  const arms = [
    { measure: raw, values: out.raw },
    { measure: wrapped, values: out.wrapped },
  ] as const;
  for (let i = 0; i < iterations; i++) {
    for (const arm of shuffled(arms)) arm.values.push(await arm.measure());
  }
  return out;
}
