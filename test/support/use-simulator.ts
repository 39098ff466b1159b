// One simulator for the tests of a describe block: started before them, reset before each, closed after them.
import { after, before, beforeEach } from 'node:test';
import { startSimulator } from '../../src/simulator/index.js';
import type { Simulator, SimulatorOptions } from '../../src/simulator/types.js';

/** How {@link useSimulator} treats the tests between start and close. */
export interface UseSimulatorOptions {
  /** Reset the log, faults and quota counters before each test, so each starts from a fresh simulator. @default true */
  readonly resetEach?: boolean;
}

/**
 * Registers the hooks that start a simulator with `options` before the block's tests, reset it before each (unless
 * `resetEach` is false) and close it after them. Call it in a describe body, before the block's own hooks: they
 * then run with the simulator started. The returned simulator stands for the one started; reading it outside a
 * test or hook (before it is started) throws.
 */
export function useSimulator(options: SimulatorOptions = {}, { resetEach = true }: UseSimulatorOptions = {}): Simulator {
  let started: Simulator | undefined;
  before(async () => {
    started = await startSimulator(options);
  });
  after(() => started?.close());
  if (resetEach) beforeEach(() => started?.reset());
  return new Proxy({} as Simulator, {
    get(_target, key) {
      if (started === undefined) throw new Error('useSimulator: the simulator starts in the before hook; read it in a test or hook');
      const value: unknown = Reflect.get(started, key);
      return value;
    },
  });
}
