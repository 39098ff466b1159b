import { cpuMicros, yieldToLoop } from './paired.js';

/**
 * One arm of a side-by-side comparison: a call to time, the flush that ends each of its blocks (inside the
 * timing, so work the arm defers is charged to it), and optional steps around its blocks, outside the timing.
 */
export interface BlockArm {
  readonly name: string;
  /** One call; it must throw on any failure (a usage not read, a reply not checked). */
  readonly call: () => Promise<unknown>;
  /** Hands over what the block's calls left pending (sinks drained, spans exported); timed. */
  readonly flush: () => Promise<unknown>;
  /** Before each block, untimed (e.g. a context manager switched on for this arm alone). */
  readonly before?: () => void | Promise<void>;
  /** After each block, untimed: switches back what `before` switched on, checks the block's output. */
  readonly after?: (calls: number) => void | Promise<void>;
}

/** Per arm, its CPU µs per call of each round's block, index-aligned by round across arms. */
export type ArmSamples = Map<string, number[]>;

/**
 * `rounds` rounds of one block of `calls` sequential calls per arm, the arms in a fresh random order each round.
 * A block is charged the CPU time the process spent (user + system, every thread) from its first call to the end
 * of its flush and one turn of the event loop after it. Samples of the same round are taken side by side, so a
 * slow phase of the machine hits every arm of that round alike: compare arms round by round.
 */
export async function runArmBlocks(arms: readonly BlockArm[], rounds: number, calls: number): Promise<ArmSamples> {
  const samples: ArmSamples = new Map(arms.map((arm) => [arm.name, []]));
  if (samples.size !== arms.length) throw new Error('arm names must be unique');
  for (let round = 0; round < rounds; round++) {
    for (const arm of shuffle([...arms])) {
      await arm.before?.();
      const started = cpuMicros();
      for (let i = 0; i < calls; i++) await arm.call();
      await arm.flush();
      await yieldToLoop();
      samples.get(arm.name)!.push((cpuMicros() - started) / calls);
      await arm.after?.(calls);
    }
  }
  return samples;
}

/** Fisher–Yates, in place. */
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
