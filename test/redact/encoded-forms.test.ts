// The forms a registered key is masked in: the hex and percent encodings, the key as sent (trimmed), and no
// forms at all for values too short to be anyone's key.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { keyFingerprint } from '../../src/keys/fingerprint.js';
import { Scrubber } from '../../src/redact/scrubber.js';
import { assertClean, registered } from '../support/scrub-checks.js';

describe('Scrubber: encoded forms of a registered key', () => {
  it('catches the hex and per-byte percent-encoded forms, in upper and lower case', () => {
    const key = `custom-${randomBytes(16).toString('base64url')}`;
    const { scrubber } = registered(key);
    const hex = Buffer.from(key).toString('hex');
    const percent = hex.replace(/../g, '%$&');
    for (const form of [hex, hex.toUpperCase(), percent, percent.toUpperCase()]) {
      const out = scrubber.scrubText(`dump ${form} end`);
      assert.equal(out.includes(form), false, `form ${form.slice(0, 12)}…`);
      assert.equal(out, `dump [redacted:${keyFingerprint(key)}] end`);
    }
  });

  it('a value registered with whitespace around it (a secret file\'s newline) is masked as sent: trimmed', () => {
    const key = `custom-${randomBytes(16).toString('hex')}`;
    const { scrubber } = registered(`${key}\r\n`);
    const hex = Buffer.from(key).toString('hex');
    for (const text of [`401: key ${key} is invalid`, `hex ${hex}`, `basic ${Buffer.from(`u:${key}`).toString('base64')}`]) {
      const out = scrubber.scrubText(text);
      assertClean(out, key);
      assert.equal(out.includes(hex), false);
    }
  });

  it('a value shorter than 8 characters once trimmed, or its encoded forms, leave ordinary text alone', () => {
    const scrubber = new Scrubber();
    for (const short of ['e', 'abcd', 'abcdef', 'abcdefg', ' abcdefg\n']) scrubber.register(short);
    const text = 'e: 61626364 YWJjZGVm %61%62%63%64 abcdefg';
    assert.equal(scrubber.scrubText(text), text);
  });

});
