import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { trace } from '@opentelemetry/api';
import { createAIClient } from '../../src/client/index.js';
import { semconvFromEnv } from '../../src/telemetry/semconv.js';
import { validateTelemetryOptions } from '../../src/telemetry/telemetry-options.js';
import { isConfigError } from '../support/config-error-check.js';
import { testAdapter } from '../support/test-adapter.js';

describe('telemetry options', () => {
  it('accepts true, false, nothing and well-formed options', () => {
    for (const value of [undefined, true, false, {}, { tracer: trace.getTracer('t'), semconv: 'latest', spanTags: ['customer'], metricTags: [], captureContent: true }]) {
      assert.doesNotThrow(() => validateTelemetryOptions(value));
    }
  });

  it('names the bad field', () => {
    const cases: [unknown, string][] = [
      ['yes', 'telemetry'],
      [{ tracer: {} }, 'telemetry.tracer'],
      [{ meter: { createCounter: () => undefined } }, 'telemetry.meter'],
      [{ semconv: 'v1.37' }, 'telemetry.semconv'],
      [{ spanTags: 'customer' }, 'telemetry.spanTags'],
      [{ metricTags: [''] }, 'telemetry.metricTags'],
      [{ captureContent: 'yes' }, 'telemetry.captureContent'],
      [{ tracr: 1 }, 'telemetry.tracr'],
    ];
    for (const [value, field] of cases) assert.ok(isConfigError(() => validateTelemetryOptions(value), field), field);
  });

  it('is checked by createAIClient', () => {
    assert.ok(isConfigError(() => createAIClient({ providers: { test: testAdapter() }, telemetry: { semconv: 'new' as never } }), 'telemetry.semconv'));
  });

  it('reads the conventions version from OTEL_SEMCONV_STABILITY_OPT_IN', () => {
    assert.equal(semconvFromEnv({}), 'v1.36');
    assert.equal(semconvFromEnv({ OTEL_SEMCONV_STABILITY_OPT_IN: 'http' }), 'v1.36');
    assert.equal(semconvFromEnv({ OTEL_SEMCONV_STABILITY_OPT_IN: 'gen_ai_latest_experimental' }), 'latest');
    assert.equal(semconvFromEnv({ OTEL_SEMCONV_STABILITY_OPT_IN: 'http/dup, gen_ai_latest_experimental ' }), 'latest');
    assert.equal(semconvFromEnv({ OTEL_SEMCONV_STABILITY_OPT_IN: 'gen_ai_latest_experimental_x' }), 'v1.36');
  });
});
