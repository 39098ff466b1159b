// The estimate reservation mode's learned output tokens: the quantile of the latest observations per model,
// the seed before any, and options checked with ConfigError naming the field.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/errors/config-error.js';
import { limiterFrom } from '../../../src/limits/limits-options.js';
import { OutputEstimate, outputEstimateFor } from '../../../src/limits/policy/output-estimate.js';

describe('OutputEstimate', () => {
  it('reserves the seed before a model is seen, then the quantile of its latest replies', () => {
    const estimate = new OutputEstimate({ quantile: 0.9, samples: 10, seedOutputTokens: 300 });
    assert.equal(estimate.expected('openai:gpt-4o-mini'), 300);
    for (const tokens of [50, 10, 40, 20, 30, 60, 80, 70, 100, 90]) estimate.observe('openai:gpt-4o-mini', tokens);
    assert.equal(estimate.expected('openai:gpt-4o-mini'), 90, 'the 9th of 10 sorted');
    assert.equal(estimate.expected('openai:gpt-4o'), 300, 'per model');
    for (let i = 0; i < 10; i += 1) estimate.observe('openai:gpt-4o-mini', 5);
    assert.equal(estimate.expected('openai:gpt-4o-mini'), 5, 'only the latest `samples` count');
    estimate.observe('openai:gpt-4o-mini', 500);
    assert.equal(estimate.expected('openai:gpt-4o-mini'), 5, 'one long reply among ten is above the 90th percentile');
    estimate.observe('openai:gpt-4o-mini', 400);
    assert.equal(estimate.expected('openai:gpt-4o-mini'), 400);
  });

  it('exact mode has no estimate; bad options are ConfigError naming the field', () => {
    assert.equal(outputEstimateFor(undefined, 'r'), undefined);
    assert.equal(outputEstimateFor('exact', 'r'), undefined);
    assert.ok(outputEstimateFor('estimate', 'r') instanceof OutputEstimate);
    assert.equal(limiterFrom({ policies: [], reservation: 'estimate' }).outputEstimate?.expected('m'), 256, 'seeded with 256 by default');
    const field = (reservation: unknown): string | undefined => {
      try {
        limiterFrom({ policies: [], reservation: reservation as 'exact' });
      } catch (error) {
        return ConfigError.isInstance(error) ? error.field : 'not a ConfigError';
      }
      return undefined;
    };
    assert.equal(field('guess'), 'limits.reservation');
    assert.equal(field({ quantile: 0 }), 'limits.reservation.quantile');
    assert.equal(field({ quantile: 1.5 }), 'limits.reservation.quantile');
    assert.equal(field({ samples: 0 }), 'limits.reservation.samples');
    assert.equal(field({ seedOutputTokens: -1 }), 'limits.reservation.seedOutputTokens');
    assert.equal(field({ quantil: 0.9 }), 'limits.reservation.quantil');
  });
});
