import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { keyFingerprint } from '../../src/keys/fingerprint.js';

describe('keyFingerprint', () => {
  it('is stable for the same key and differs between keys', () => {
    const key = `sk-proj-${randomBytes(16).toString('hex')}`;
    assert.equal(keyFingerprint(key), keyFingerprint(key));
    assert.notEqual(keyFingerprint(key), keyFingerprint(`${key}x`));
  });

  it('is fp_ plus 12 hex digits of the SHA-256, so it is the same in every process and version', () => {
    assert.equal(keyFingerprint('abc'), `fp_${createHash('sha256').update('abc').digest('hex').slice(0, 12)}`);
    assert.equal(keyFingerprint('abc'), 'fp_ba7816bf8f01');
  });

  it('contains neither the key nor its recognizable prefix or body', () => {
    const secret = randomBytes(16).toString('hex');
    const key = `sk-proj-${secret}`;
    const fp = keyFingerprint(key);
    assert.ok(!fp.includes(key));
    assert.ok(!fp.includes('sk-'));
    assert.ok(!fp.includes(secret.slice(0, 12)));
    assert.ok(!fp.includes(secret.slice(-12)));
  });
});
