import { figure } from '../lib/figure.js';
import type { Suite } from '../lib/suite.js';

const SUITE = 'limiter';
export const LIMITER_PENDING = 'limiter: not built yet (issue 5)';

/**
 * SLOT for issue 5: decisions/s of the in-memory limiter (target ≥ 2M/s) and of the Redis one (target
 * ≥ 100k/s), each beside rate-limiter-flexible's own calls as the same-run control. No numbers until it exists.
 */
export const limiterSuite: Suite = {
  name: SUITE,
  run() {
    console.log(LIMITER_PENDING);
    const pending = { suite: SUITE, value: undefined, unit: 'decisions/s', note: LIMITER_PENDING } as const;
    return Promise.resolve([
      figure({ ...pending, name: 'in-memory limiter decisions', target: { op: '>=', value: 2e6, on: 'value' } }),
      figure({ ...pending, name: 'Redis limiter decisions', target: { op: '>=', value: 1e5, on: 'value' } }),
    ]);
  },
};
