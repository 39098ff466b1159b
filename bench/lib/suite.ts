import type { Figure } from './figure.js';

/** Sizes of one run: `--quick` keeps the harness exercised in CI in well under a minute. */
export interface Sizes {
  /** Paired iterations per operation at concurrency 1 (one call per arm each). */
  readonly pairedSerial: number;
  /** Paired bursts per operation at concurrency 64. */
  readonly pairedBursts: number;
  /** Events per sink in the drain benchmark (the slow durable sinks get a fraction). */
  readonly sinkEvents: number;
  /** Calls of the memory-growth run. */
  readonly memoryCalls: number;
  /** Fresh processes for the cold-import time. */
  readonly coldImports: number;
}

export const FULL: Sizes = {
  pairedSerial: 1000,
  pairedBursts: 60,
  sinkEvents: 1_000_000,
  memoryCalls: 1_000_000,
  coldImports: 9,
};

export const QUICK: Sizes = {
  pairedSerial: 30,
  pairedBursts: 3,
  sinkEvents: 30_000,
  memoryCalls: 20_000,
  coldImports: 3,
};

export interface SuiteContext {
  readonly quick: boolean;
  readonly sizes: Sizes;
  /** A fresh temporary folder, removed after the run. */
  readonly tmpDir: string;
  readonly repoRoot: string;
  /** Progress line on stderr (figures go to stdout). */
  readonly log: (line: string) => void;
}

/** One benchmark suite: runs, and returns its figures. Throwing fails the whole run (exit code 1). */
export interface Suite {
  readonly name: string;
  run(ctx: SuiteContext): Promise<Figure[]>;
}
