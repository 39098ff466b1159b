import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { ProviderError } from '../../src/errors/provider-error.js';
import { keyFingerprint } from '../../src/keys/fingerprint.js';
import { UNREADABLE, UNSCANNED } from '../../src/redact/scrub-graph.js';
import { KEY_PATTERNS } from '../../src/redact/key-patterns.js';
import { REDACTED, Scrubber } from '../../src/redact/scrubber.js';
import { elevenlabsKey, googleKey, openaiKey } from '../support/secrets-keys.js';
import { assertClean, registered } from '../support/scrub-checks.js';

/** Every serialized form of a value a log shipper or a developer could see. */
function dump(value: unknown): string {
  let json: string;
  try {
    json = JSON.stringify(value) ?? '';
  } catch {
    json = '';
  }
  const forms = [inspect(value, { depth: 30, showHidden: true, getters: true }), json];
  if (value instanceof Error) forms.push(value.message, value.stack ?? '');
  return forms.join('\n');
}

describe('Scrubber.scrubText: registered values', () => {
  it('replaces a registered value by its fingerprint, wherever it appears', () => {
    const { key, scrubber } = registered(`custom-${randomBytes(12).toString('hex')}`);
    const out = scrubber.scrubText(`a ${key} b${key}c`);
    assert.equal(out, `a [redacted:${keyFingerprint(key)}] b[redacted:${keyFingerprint(key)}]c`);
  });

  it('catches the JSON-escaped and URL-encoded forms of a key with special characters', () => {
    const key = `k"y\\/+ =&${randomBytes(8).toString('hex')}`;
    const { scrubber } = registered(key);
    assertClean(scrubber.scrubText(JSON.stringify({ key })), key);
    assertClean(scrubber.scrubText(`https://x.test/?q=${encodeURIComponent(key)}`), key);
    assertClean(scrubber.scrubText(new URLSearchParams({ q: key }).toString()), key);
  });

  it('catches base64 at every byte alignment, including inside Basic auth', () => {
    const key = `custom-${randomBytes(16).toString('hex')}`;
    const { scrubber } = registered(key);
    for (const prefix of ['', 'a', 'ab', 'abc', 'user:']) {
      const b64 = Buffer.from(`${prefix}${key}`).toString('base64');
      const out = scrubber.scrubText(`token ${b64} end`);
      assert.equal(Buffer.from(out.split(' ')[1]!, 'base64').toString('latin1').includes(key), false, `prefix "${prefix}"`);
      assertClean(out, key);
      const url = Buffer.from(`${prefix}${key}`).toString('base64url');
      assertClean(scrubber.scrubText(url), key);
    }
  });

  it('ignores values shorter than 8 characters (they would mangle ordinary text)', () => {
    const scrubber = new Scrubber();
    scrubber.register('test');
    assert.equal(scrubber.scrubText('a test run'), 'a test run');
    assert.equal(scrubber.size, 1);
  });

  it('is idempotent', () => {
    const { key, scrubber } = registered();
    const once = scrubber.scrubText(`Authorization: Bearer ${key} ?key=${key}`);
    assert.equal(scrubber.scrubText(once), once);
  });
});

describe('Scrubber.scrubText: patterns (unregistered keys)', () => {
  const scrubber = new Scrubber();

  it('masks OpenAI, Google and ElevenLabs key formats', () => {
    for (const key of [openaiKey(), `sk-${randomBytes(24).toString('hex')}`, `sk-svcacct-${randomBytes(30).toString('base64url')}`, googleKey(), elevenlabsKey()]) {
      const out = scrubber.scrubText(`the key is ${key}.`);
      assert.equal(out, `the key is ${REDACTED}.`, key.slice(0, 6));
    }
  });

  it('masks credential headers in HTTP, JSON, inspect and escaped-JSON forms', () => {
    const secret = randomBytes(12).toString('hex');
    const lines = [
      `Authorization: Bearer ${secret}`,
      `authorization: Basic ${Buffer.from(`u:${secret}`).toString('base64')}`,
      `x-goog-api-key: ${secret}`,
      `{"xi-api-key":"${secret}"}`,
      `{ 'x-goog-api-key': '${secret}' }`,
      `Map(1) { 'xi-api-key' => '${secret}' }`,
      JSON.stringify(JSON.stringify({ authorization: `Bearer ${secret}` })),
      `['authorization', 'Bearer ${secret}']`,
    ];
    for (const line of lines) {
      const out = scrubber.scrubText(line);
      assert.equal(out.includes(secret), false, line);
      assert.ok(out.includes(REDACTED), line);
    }
    assert.equal(scrubber.scrubText(`Authorization: Basic ${Buffer.from(`u:${secret}`).toString('base64')}`).includes(Buffer.from(`u:${secret}`).toString('base64')), false);
  });

  it('masks key= and api_key= URL parameters, also URL-encoded, and keeps the rest of the URL', () => {
    const secret = randomBytes(10).toString('hex');
    assert.equal(scrubber.scrubText(`GET /v1beta/models?key=${secret}&alt=sse`), `GET /v1beta/models?key=${REDACTED}&alt=sse`);
    assert.equal(scrubber.scrubText(`/x?a=1&api_key=${secret}`), `/x?a=1&api_key=${REDACTED}`);
    assert.equal(scrubber.scrubText(`next=%2Fx%3Fkey%3D${secret}`).includes(secret), false);
  });

  it('leaves ordinary text alone', () => {
    const text = 'The monkey=banana; keyboard: qwerty; sk-short; sk-simulated-fault-key-0000; AIza-not-a-key; Bearer';
    assert.equal(scrubber.scrubText(text), text);
  });
});

describe('Scrubber.scrub: values', () => {
  it('returns the same object when nothing needs masking', () => {
    const { scrubber } = registered();
    const value = { a: 1, b: { c: 'hello', d: [1, 'two'] }, e: new Headers({ 'x-ok': '1' }) };
    assert.equal(scrubber.scrub(value), value);
  });

  it('copies only what holds a secret, never mutating the input', () => {
    const { key, scrubber } = registered();
    const clean = { fine: true };
    const input = { clean, dirty: { message: `key ${key}` }, list: ['x', key] };
    const before = inspect(input, { depth: 10 });
    const out = scrubber.scrub(input);
    assert.equal(inspect(input, { depth: 10 }), before, 'the input is untouched');
    assert.notEqual(out, input);
    assert.equal(out.clean, clean, 'clean branches are shared');
    assert.notEqual(out.dirty, input.dirty);
    assertClean(dump(out), key);
  });

  it('survives circular references and keeps them circular in the copy', () => {
    const { key, scrubber } = registered();
    const a: Record<string, unknown> = { secret: key };
    const b: Record<string, unknown> = { a };
    a.b = b;
    a.self = a;
    const out = scrubber.scrub(a);
    assert.equal(out.self, out);
    assert.equal((out.b as Record<string, unknown>).a, out);
    assertClean(inspect(out, { depth: 10 }), key);
  });

  it('survives throwing getters and hostile proxies', () => {
    const { key, scrubber } = registered();
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('no keys'); } });
    const input = {
      key,
      get broken(): string {
        throw new Error('getter threw');
      },
      hostile,
    };
    const out = scrubber.scrub(input) as unknown as Record<string, unknown>;
    assert.equal(out.broken, UNREADABLE);
    assert.equal(out.hostile, UNREADABLE);
    assertClean(dump(out), key);
  });

  it('scrubs Headers, Map, Set, URL, URLSearchParams, Buffer and Uint8Array', () => {
    const { key, scrubber } = registered();
    const input = {
      headers: new Headers({ authorization: `Bearer ${key}`, 'x-ok': '1' }),
      map: new Map([[key, key]]),
      set: new Set([key]),
      url: new URL(`https://x.test/v1?key=${key}`),
      params: new URLSearchParams({ key }),
      buffer: Buffer.from(`body ${key}`),
      bytes: new TextEncoder().encode(`{"k":"${key}"}`),
    };
    const out = scrubber.scrub(input);
    assert.ok(out.headers instanceof Headers);
    assert.equal(out.headers.get('x-ok'), '1');
    assert.ok(out.map instanceof Map && out.set instanceof Set && out.url instanceof URL && out.params instanceof URLSearchParams);
    assert.ok(Buffer.isBuffer(out.buffer) && out.bytes instanceof Uint8Array);
    assertClean(dump(out) + Buffer.from(out.buffer).toString() + Buffer.from(out.bytes).toString() + out.url.href + out.params.toString(), key);
  });

  it('masks secrets in property names and symbol-keyed values', () => {
    const { key, scrubber } = registered();
    const sym = Symbol('s');
    const out = scrubber.scrub({ [key]: 1, [sym]: key }) as Record<string | symbol, unknown>;
    assertClean(dump(out) + String(out[sym]), key);
  });

  it('replaces what lies beyond the node budget instead of passing it unchecked', () => {
    const scrubber = new Scrubber({ maxNodes: 3 });
    const key = openaiKey();
    const out = scrubber.scrub({ a: { b: { c: { d: key } } } });
    assert.ok(inspect(out, { depth: 10 }).includes(UNSCANNED));
    assertClean(inspect(out, { depth: 10 }), key);
  });

  it('scrubs a thrown string', () => {
    const { key, scrubber } = registered();
    assertClean(scrubber.scrub(`failed with ${key}`), key);
  });
});

describe('Scrubber.scrub: errors', () => {
  it('scrubs message, stack, cause chain and SDK fields, keeping the class and isInstance', () => {
    const { key, scrubber } = registered(googleKey());
    const sdk = Object.assign(new TypeError(`Error fetching from https://g.test/v1beta/models/m:generateContent?key=${key}`), {
      status: 400,
      headers: new Headers({ 'x-goog-api-key': key }),
      url: `https://g.test/v1beta?key=${key}`,
      body: { error: { message: `API key not valid: ${key}` } },
      request: { options: { headers: { 'x-goog-api-key': key } } },
    });
    const root = new Error(`root ${key}`);
    Object.assign(sdk, { cause: root });
    const error = new ProviderError(`Gemini API 400: ${key}`, { provider: 'gemini', kind: 'auth', status: 400 }, { cause: sdk });
    const before = dump(error);
    const out = scrubber.scrub(error);
    assert.equal(dump(error), before, 'the original error is untouched');
    assert.ok(out instanceof ProviderError);
    assert.ok(ProviderError.isInstance(out));
    assert.equal(out.kind, 'auth');
    assert.equal(out.status, 400);
    assert.ok(out.cause instanceof TypeError);
    assert.ok((out.cause).cause instanceof Error);
    assertClean(dump(out), key);
    assertClean(dump(out.cause), key);
    assertClean(dump((out.cause).cause), key);
  });

  it('scrubs AggregateError members and a circular cause', () => {
    const { key, scrubber } = registered(elevenlabsKey());
    const inner = new Error(`inner ${key}`);
    const error = new AggregateError([inner, new Error('fine')], `many ${key}`);
    Object.assign(inner, { cause: error });
    const out = scrubber.scrub(error);
    assert.ok(out instanceof AggregateError);
    assert.equal(out.errors.length, 2);
    assert.equal((out.errors[0] as Error).cause, out);
    assertClean(dump(out), key);
  });

  it('returns the very same error when it holds no secret', () => {
    const { scrubber } = registered();
    const error = new Error('plain failure', { cause: new Error('also plain') });
    assert.equal(scrubber.scrub(error), error);
  });
});

describe('Scrubber.scrubPlain and the quick pre-test', () => {
  const secret = randomBytes(12).toString('hex');
  const lines = [
    `the key is ${openaiKey()}.`,
    `google ${googleKey()}`,
    `eleven ${elevenlabsKey()}`,
    `Authorization: Bearer ${secret}`,
    `{"xi-api-key":"${secret}"}`,
    `PROXY-AUTHORIZATION = Token ${secret}`,
    `Basic ${Buffer.from(`u:${secret}`).toString('base64')}`,
    `GET /v1beta/models?KEY=${secret}&alt=sse`,
    `next=%2Fx%3Faccess_token%3D${secret}`,
  ];

  it('every default pattern has anchors, so plain data takes the quick path', () => {
    assert.ok(KEY_PATTERNS.every((p) => (p.anchors?.length ?? 0) > 0));
  });

  it('masks in plain data exactly what scrubText masks, in values and in keys', () => {
    const scrubber = new Scrubber();
    for (const line of lines) {
      const masked = scrubber.scrubText(line);
      assert.notEqual(masked, line, line);
      const record = { event: 'turn', nested: [{ note: line }], [line]: 1 };
      const out = scrubber.scrubPlain(record);
      assert.equal(out.nested[0]!.note, masked);
      assert.deepEqual(Object.keys(out).at(-1), masked);
      assert.equal(record.nested[0]!.note, line, 'the input is not mutated');
    }
  });

  it('returns the very same object when nothing needs masking', () => {
    const { scrubber } = registered();
    const event = { id: 'a1', tags: { customer: 'acme' }, usage: { inputTokens: { value: 9, provenance: 'reported' } }, list: ['x', 1, null] };
    assert.equal(scrubber.scrubPlain(event), event);
  });

  it('masks registered values that look like nothing in particular', () => {
    const scrubber = new Scrubber();
    const password = `hunter-${randomBytes(8).toString('hex')}`;
    scrubber.register(password);
    const out = scrubber.scrubPlain({ note: `db password ${password}` });
    assertClean(dump(out), password);
  });

  it('sends what is not plain data to the full scrub: errors, maps, deep nesting', () => {
    const { key, scrubber } = registered();
    const deep: Record<string, unknown> = { secret: key };
    let value: Record<string, unknown> = deep;
    for (let i = 0; i < 40; i += 1) value = { inner: value };
    for (const input of [{ error: new Error(`bad ${key}`) }, { map: new Map([['k', key]]) }, value, Object.assign(Object.create({ inherited: 1 }) as object, { key })]) {
      assertClean(dump(input === value ? JSON.stringify(scrubber.scrubPlain(input)) : scrubber.scrubPlain(input)), key);
    }
  });

  it('a custom pattern without anchors still masks (every string runs every pattern)', () => {
    const scrubber = new Scrubber({ patterns: [...KEY_PATTERNS, { name: 'acme', regex: /\bacme_[0-9a-f]{32}\b/g, secret: 0 }] });
    const token = `acme_${randomBytes(16).toString('hex')}`;
    assert.equal(scrubber.scrubPlain({ note: `token ${token}` }).note, `token ${REDACTED}`);
    const anchored = new Scrubber({ patterns: [{ name: 'acme', regex: /\bacme_[0-9a-f]{32}\b/g, secret: 0, anchors: ['acme_'] }] });
    assert.equal(anchored.scrubPlain({ note: `token ${token}` }).note, `token ${REDACTED}`);
  });
});

describe('Scrubber: texts remembered as clean', () => {
  it('a text found clean is checked again once a value it holds is registered', () => {
    const scrubber = new Scrubber();
    const value = `pw-${randomBytes(6).toString('hex')}`;
    const record = { note: value };
    assert.equal(scrubber.scrubPlain(record), record);
    assert.equal(scrubber.scrubText(value), value);
    scrubber.register(value);
    assertClean(dump(scrubber.scrubPlain(record)), value);
    assertClean(scrubber.scrubText(value), value);
  });
});

describe('Scrubber with many registered keys (a multi-tenant client)', () => {
  it('masks every one of 60 customer keys, in plain data and in text, through the prefix index', () => {
    const scrubber = new Scrubber();
    const keys = Array.from({ length: 60 }, () => `cust-${randomBytes(18).toString('base64url')}`);
    for (const key of keys) scrubber.register(key);
    for (const key of keys) {
      assertClean(dump(scrubber.scrubPlain({ note: `customer key ${key} leaked`, nested: [`Basic ${Buffer.from(`u:${key}`).toString('base64')}`] })), key);
      assertClean(scrubber.scrubText(`retry with ${encodeURIComponent(key)}`), key);
    }
    const clean = { note: 'nothing secret here', list: ['a', 'b'] };
    assert.equal(scrubber.scrubPlain(clean), clean);
  });
});
