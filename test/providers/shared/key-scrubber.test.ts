// Every path of an adapter that holds a key scrubs its errors as the client does, also when the adapter is
// called directly; a key too short to be anyone's does not mangle messages. Real SDKs against the simulator.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProviderError } from '../../../src/errors/provider-error.js';
import { elevenlabs } from '../../../src/providers/elevenlabs/index.js';
import { gemini } from '../../../src/providers/gemini/index.js';
import { openai } from '../../../src/providers/openai/index.js';
import { causeWithoutKey, keyScrubber } from '../../../src/providers/shared/key-scrubber.js';
import { elevenlabsKey, googleKey, openaiKey } from '../../support/secrets-keys.js';
import { LeakScanner, serialized } from '../../support/leak-scanner.js';
import { resolved } from '../../support/keys.js';
import { ELEVENLABS_SDKS } from '../../support/sdk-generations.js';
import { useSimulator } from '../../support/use-simulator.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const hex = (text: string) => Buffer.from(text).toString('hex');
const percentBytes = (text: string) => hex(text).toUpperCase().replace(/../g, '%$&');

/** A message carrying `key` raw, as `Basic base64(user:key)`, as raw base64, in hex and percent-encoded per byte. */
const echo = (key: string) => `key ${key}; proxy Authorization: Basic ${b64(`user:${key}`)}; b64 ${b64(`pad${key}`)}; hex ${hex(key)}; pct ${percentBytes(key)}`;

/**
 * Fails the test with the first leak found in anything the error carries (message, stack, fields, causes): every
 * form the leak scanner knows, and the hex and percent forms spelt out here (whatever the scanner knows).
 */
function assertClean(key: string, error: unknown): void {
  const scanner = new LeakScanner();
  scanner.add(key);
  const text = [serialized(error), error instanceof Error && error.cause !== undefined ? serialized(error.cause) : ''].join('\n');
  const hits = scanner.scan(text);
  assert.deepEqual(hits.slice(0, 3).map((h) => `${h.form.slice(0, 10)}… in ${text.slice(Math.max(0, h.at - 60), h.at)}`), []);
  for (const form of [hex(key), hex(key).toUpperCase(), percentBytes(key), percentBytes(key).toLowerCase()]) assert.equal(text.includes(form), false, `${form.slice(0, 12)}… leaked`);
}

describe('keyScrubber', () => {
  it('masks a key in every encoded form, hex and per-byte percent encoding included', () => {
    const key = openaiKey();
    const text = keyScrubber(key).scrubText(echo(key));
    assertClean(key, text);
    assert.match(text, /\[redacted:fp_[0-9a-f]+\]/);
  });

  it('leaves text alone for a key shorter than 8 characters, and keeps the cause', () => {
    const text = 'The model `gpt-4o-mini` does not exist or you do not have access to it.';
    for (const key of ['e', 'o', 'the', 'secret7']) {
      assert.equal(keyScrubber(key).scrubText(text), text, `key ${JSON.stringify(key)}`);
      const cause = new Error(text);
      assert.equal(causeWithoutKey(cause, key)?.cause, cause);
    }
  });

  it('drops a cause that holds the key as sent', () => {
    const key = googleKey();
    assert.equal(causeWithoutKey(new Error(`bad ${key}`), key), undefined);
    assert.equal(causeWithoutKey(Object.assign(new Error('bad'), { hidden: { key } }), key), undefined);
  });
});

describe('adapter errors and keys, through the real SDKs', () => {
  const sim = useSimulator();

  it('gemini().countTokens({ key }): a reply echoing the key (in ErrorInfo.reason, so providerCode, and in the message) is scrubbed', async () => {
    const key = googleKey();
    const details = [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: key, domain: 'googleapis.com', metadata: { key } }];
    sim.fault({ match: { key, operation: 'countTokens' }, times: 1, action: { status: 400, body: { error: { code: 400, message: echo(key), status: 'INVALID_ARGUMENT', details } } } });
    const error = await gemini({ baseURL: sim.geminiBaseUrl })
      .countTokens({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }], key })
      .catch((e: unknown) => e);
    assert.ok(ProviderError.isInstance(error), String(error));
    assert.equal(error.status, 400);
    assert.match(error.providerCode ?? '', /^\[redacted/);
    assertClean(key, error);
  });

  it('elevenlabs().subscription({ key }): a reply echoing the key in base64, Basic, hex and percent forms is scrubbed', async () => {
    const key = elevenlabsKey();
    sim.fault({ match: { key, operation: 'subscription' }, times: 1, action: { status: 401, body: { detail: { status: 'invalid_api_key', message: echo(key) } } } });
    const error = await elevenlabs({ baseURL: sim.elevenlabsBaseUrl })
      .subscription({ key })
      .catch((e: unknown) => e);
    assert.ok(ProviderError.isInstance(error), String(error));
    assert.equal(error.kind, 'auth');
    assertClean(key, error);
  });

  for (const sdk of ELEVENLABS_SDKS) {
    it(`elevenlabs (${sdk}): a body that is not JSON is scrubbed before it is cut to 500 characters (no piece of a key straddling the cut)`, async () => {
      const key = elevenlabsKey();
      const body = `${'x'.repeat(480)} ${key} ${'y'.repeat(100)}`; // the key spans characters 481 to 532
      const adapter = elevenlabs({ sdk, baseURL: sim.elevenlabsBaseUrl });
      const speech = { model: 'eleven_flash_v2_5', request: { model: 'elevenlabs:eleven_flash_v2_5' as const, voice: '21m00Tcm4TlvDq8ikWAM', text: 'hi' }, key: resolved(key), signal: undefined };
      // A proxy's plain-text page, then the same text labelled JSON: 1.59 leaves either body to the adapter, which
      // puts it in the message; 2.x reads a text body itself and fails to parse one labelled JSON (its status and
      // body are lost in the SDK: the error is still a server error, and clean).
      for (const contentType of ['text/plain', 'application/json']) {
        const bodyInMessage = sdk === 'elevenlabs' || contentType === 'text/plain';
        sim.fault({ match: { key }, action: { status: 500, body, headers: { 'content-type': contentType } } });
        for (const call of [() => adapter.speak(speech), () => adapter.streamSpeak(speech)]) {
          const error = await call().catch((e: unknown) => e);
          assert.ok(ProviderError.isInstance(error), String(error));
          assert.equal(error.kind, 'server', `${contentType}: ${error.message}`);
          if (bodyInMessage) assert.match(error.message, /x{100}/, 'the body is in the message');
          assertClean(key, error);
        }
        sim.clearFaults();
      }
      // The JSON endpoints: the SDK keeps the raw body in its error, which must not come out either.
      sim.fault({ match: { key }, action: { status: 500, body } });
      assertClean(key, await adapter.subscription({ key }).catch((e: unknown) => e));
    });
  }

  it('a key with whitespace around it is sent trimmed, and an echo of it is scrubbed on a direct call', async () => {
    const key = googleKey();
    sim.fault({ match: { key }, times: 1, action: { status: 400, body: { error: { code: 400, message: echo(key), status: 'INVALID_ARGUMENT' } } } });
    const error = await gemini({ baseURL: sim.geminiBaseUrl })
      .countTokens({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }], key: `${key}\n` })
      .catch((e: unknown) => e);
    assert.ok(ProviderError.isInstance(error), String(error));
    assert.equal(error.status, 400, 'the fault rule for the trimmed key fired');
    assertClean(key, error);
  });

  it('a one-character key does not mangle the provider\'s error message', async () => {
    const message = 'The model `gpt-4o-mini` does not exist or you do not have access to it. Please check the reference.';
    const cases: [string, () => Promise<unknown>][] = [
      ['openai', () => openai({ baseURL: sim.openaiBaseURL }).chat({ model: 'gpt-4o-mini', request: { model: 'openai:gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }, key: resolved('e'), signal: undefined })],
      ['gemini', () => gemini({ baseURL: sim.geminiBaseUrl }).countTokens({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }], key: 'e' })],
      ['elevenlabs', () => elevenlabs({ baseURL: sim.elevenlabsBaseUrl }).subscription({ key: 'e' })],
    ];
    sim.fault({ match: { provider: 'openai' }, times: 1, action: { status: 404, body: { error: { message, type: 'invalid_request_error', code: 'model_not_found' } } } });
    sim.fault({ match: { provider: 'gemini' }, times: 1, action: { status: 404, body: { error: { code: 404, message, status: 'NOT_FOUND' } } } });
    sim.fault({ match: { provider: 'elevenlabs' }, times: 1, action: { status: 404, body: { detail: { status: 'not_found', message } } } });
    for (const [provider, call] of cases) {
      const error = await call().catch((e: unknown) => e);
      assert.ok(ProviderError.isInstance(error), `${provider}: ${String(error)}`);
      assert.ok(error.message.includes(message), `${provider}: ${error.message}`);
      assert.ok(error.cause !== undefined, `${provider}: the SDK error is kept as the cause`);
    }
  });
});
