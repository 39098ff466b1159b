import { Session } from 'node:inspector/promises';

/** A frame of V8's sampled call tree, as the inspector's `Profiler.stop` returns it. */
export interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number; readonly columnNumber: number };
  readonly children?: readonly number[];
}

/** A sampling profile: the call tree, the sampled leaf of each tick and the µs between ticks (elapsed time). */
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

/**
 * The V8 sampling profiler of this very process (node:inspector): samples the main thread every `intervalUs`.
 * One session serves many profiles, each `run` of work being one profile.
 */
export class InProcessProfiler {
  readonly #session = new Session();

  private constructor() {}

  static async open(intervalUs: number): Promise<InProcessProfiler> {
    const profiler = new InProcessProfiler();
    profiler.#session.connect();
    await profiler.#session.post('Profiler.enable');
    await profiler.#session.post('Profiler.setSamplingInterval', { interval: intervalUs });
    return profiler;
  }

  /** Runs `work` under the profiler and returns its profile. */
  async run(work: () => Promise<void>): Promise<CpuProfile> {
    await this.#session.post('Profiler.start');
    try {
      await work();
    } catch (error) {
      await this.#session.post('Profiler.stop'); // never left sampling after a failed run
      throw error;
    }
    const { profile } = await this.#session.post('Profiler.stop');
    return profile as unknown as CpuProfile;
  }

  async close(): Promise<void> {
    await this.#session.post('Profiler.disable');
    this.#session.disconnect();
  }
}
