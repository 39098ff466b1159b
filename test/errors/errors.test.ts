import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AbortedError } from '../../src/errors/aborted-error.js';
import { AIMeterError } from '../../src/errors/aimeter-error.js';
import { BillingExportError } from '../../src/errors/billing-export-error.js';
import { ConfigError } from '../../src/errors/config-error.js';
import { CliArgumentError } from '../../src/errors/cli-argument-error.js';
import { LedgerUnreadableError } from '../../src/errors/ledger-unreadable-error.js';
import { LimitStoreUnavailableError } from '../../src/errors/limit-store-unavailable-error.js';
import { LedgerCorruptError } from '../../src/errors/ledger-corrupt-error.js';
import { MiddlewareError } from '../../src/errors/middleware-error.js';
import { MissingKeyError } from '../../src/errors/missing-key-error.js';
import { ProviderError } from '../../src/errors/provider-error.js';
import { ReportWriteError } from '../../src/errors/report-write-error.js';
import { SdkMissingError } from '../../src/errors/sdk-missing-error.js';
import { SessionEndedError } from '../../src/errors/session-ended-error.js';
import { SinkError } from '../../src/errors/sink-error.js';
import { StreamConsumedError } from '../../src/errors/stream-consumed-error.js';
import { UnsupportedOperationError } from '../../src/errors/unsupported-operation-error.js';

interface ErrorClass {
  isInstance(error: unknown): boolean;
}

const CASES: { name: string; cls: ErrorClass; code: string; make: () => AIMeterError }[] = [
  { name: 'AbortedError', cls: AbortedError, code: 'aborted', make: () => new AbortedError() },
  { name: 'ConfigError', cls: ConfigError, code: 'config_invalid', make: () => new ConfigError('providers', 'bad') },
  { name: 'LedgerCorruptError', cls: LedgerCorruptError, code: 'ledger_corrupt', make: () => new LedgerCorruptError('u.jsonl', 3, 'torn line') },
  { name: 'CliArgumentError', cls: CliArgumentError, code: 'cli_argument_invalid', make: () => new CliArgumentError('--since', 'expected an ISO date') },
  { name: 'LedgerUnreadableError', cls: LedgerUnreadableError, code: 'ledger_unreadable', make: () => new LedgerUnreadableError('usage.db', 'no such file') },
  { name: 'LimitStoreUnavailableError', cls: LimitStoreUnavailableError, code: 'limit_store_unavailable', make: () => new LimitStoreUnavailableError('redis', 'connection refused') },
  { name: 'MiddlewareError', cls: MiddlewareError, code: 'middleware_misuse', make: () => new MiddlewareError('twice') },
  { name: 'MissingKeyError', cls: MissingKeyError, code: 'missing_key', make: () => new MissingKeyError('openai', 'production', ['env OPENAI_API_KEY']) },
  { name: 'ProviderError', cls: ProviderError, code: 'provider_error', make: () => new ProviderError('x', { provider: 'openai', kind: 'server', status: 500 }) },
  { name: 'ReportWriteError', cls: ReportWriteError, code: 'report_write_failed', make: () => new ReportWriteError('report.html', 'cannot write the report (no such directory)') },
  { name: 'SdkMissingError', cls: SdkMissingError, code: 'sdk_missing', make: () => new SdkMissingError('openai') },
  { name: 'SessionEndedError', cls: SessionEndedError, code: 'session_ended', make: () => new SessionEndedError('s-1') },
  { name: 'SinkError', cls: SinkError, code: 'sink_failed', make: () => new SinkError('jsonl', 'threw') },
  { name: 'StreamConsumedError', cls: StreamConsumedError, code: 'stream_consumed', make: () => new StreamConsumedError('call-1') },
  { name: 'BillingExportError', cls: BillingExportError, code: 'billing_export_failed', make: () => new BillingExportError('stripe', 'HTTP 503', { status: 503, retryable: true }) },
  { name: 'UnsupportedOperationError', cls: UnsupportedOperationError, code: 'unsupported_operation', make: () => new UnsupportedOperationError('elevenlabs', 'embed') },
];

/** What a copy of aimeter from another node_modules folder would throw: same brand and code, other class. */
function foreignError(code: string): Error {
  return Object.assign(new Error('from another copy'), { code, [Symbol.for('aimeter.error')]: true });
}

describe('errors', () => {
  for (const { name, cls, code, make } of CASES) {
    describe(name, () => {
      it(`has the stable code ${code}, its own name, and is an Error and an AIMeterError`, () => {
        const error = make();
        assert.equal(error.code, code);
        assert.equal(error.name, name);
        assert.ok(error instanceof Error);
        assert.ok(error instanceof AIMeterError);
        assert.ok(AIMeterError.isInstance(error));
        assert.ok(cls.isInstance(error));
      });

      it('isInstance recognizes an error of the same code from a duplicate package copy', () => {
        assert.ok(cls.isInstance(foreignError(code)));
        assert.ok(AIMeterError.isInstance(foreignError(code)));
      });

      it('isInstance rejects every other aimeter error, unbranded look-alikes and non-objects', () => {
        for (const other of CASES) if (other.code !== code) assert.equal(cls.isInstance(other.make()), false, `${name}.isInstance(${other.name})`);
        assert.equal(cls.isInstance(Object.assign(new Error('x'), { code })), false, 'a plain error with the code but no brand');
        for (const value of [null, undefined, code, 42, {}]) assert.equal(cls.isInstance(value), false);
      });
    });
  }

  it('isInstance works across a second, separately loaded copy of the module where instanceof fails', async () => {
    const copy = (await import(`../../src/errors/config-error.js?copy=${Date.now()}`)) as { ConfigError: typeof ConfigError };
    assert.notEqual(copy.ConfigError, ConfigError, 'the test needs a distinct copy of the class');
    const foreign = new copy.ConfigError('tags', 'bad');
    assert.equal(foreign instanceof ConfigError, false);
    assert.ok(ConfigError.isInstance(foreign));
    assert.ok(AIMeterError.isInstance(foreign));
    assert.ok(copy.ConfigError.isInstance(new ConfigError('x', 'y')));
  });

  it('ConfigError names the field in .field and in its message', () => {
    const error = new ConfigError('sinkQueue.maxQueue', 'expected a positive integer');
    assert.equal(error.field, 'sinkQueue.maxQueue');
    assert.equal(error.message, 'sinkQueue.maxQueue: expected a positive integer');
  });

  it('ProviderError carries kind and reply metadata, and leaves unknown ones absent', () => {
    const resetAt = new Date('2025-01-02T08:00:00Z');
    const error = new ProviderError(
      'quota',
      { provider: 'gemini', kind: 'quota_exhausted', status: 429, providerCode: 'RESOURCE_EXHAUSTED', requestId: 'r', retryAfterMs: 1000, quota: 'per_day', resetAt },
      { cause: new Error('sdk') },
    );
    assert.deepEqual(
      { provider: error.provider, kind: error.kind, status: error.status, providerCode: error.providerCode, requestId: error.requestId, retryAfterMs: error.retryAfterMs, quota: error.quota, resetAt: error.resetAt },
      { provider: 'gemini', kind: 'quota_exhausted', status: 429, providerCode: 'RESOURCE_EXHAUSTED', requestId: 'r', retryAfterMs: 1000, quota: 'per_day', resetAt },
    );
    assert.equal((error.cause as Error).message, 'sdk');
    const bare = new ProviderError('refused', { provider: 'openai', kind: 'network' });
    assert.equal('status' in bare, false);
    assert.equal('retryAfterMs' in bare, false);
  });

  it('SinkError says whether the sink threw or timed out', () => {
    assert.equal(new SinkError('s', 'timeout').reason, 'timeout');
    assert.match(new SinkError('s', 'timeout').message, /did not settle in time/);
    assert.match(new SinkError('s', 'threw').message, /"s" failed/);
  });

  it('MissingKeyError lists the sources tried and the environment', () => {
    const error = new MissingKeyError('openai', 'staging', ['option keys.openai', 'env OPENAI_API_KEY_STAGING', 'env OPENAI_API_KEY']);
    assert.equal(error.message, 'no API key for "openai" in environment "staging"; tried: option keys.openai, env OPENAI_API_KEY_STAGING, env OPENAI_API_KEY');
  });
});
