import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, it } from 'node:test';
import { startSimulator } from '../../../src/simulator/index.js';
import type { Simulator, SimulatorOptions } from '../../../src/simulator/types.js';
import { useSimulator } from '../../support/use-simulator.js';

const VOICE = '21m00Tcm4TlvDq8ikWAM';
const fakeKey = (): string => `sk_${randomBytes(24).toString('hex')}`;

async function tts(sim: Simulator, key: string | undefined, body: unknown, path = `/v1/text-to-speech/${VOICE}`): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(key === undefined ? {} : { 'xi-api-key': key }) };
  return fetch(`${sim.url}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

async function get(sim: Simulator, key: string, path: string): Promise<Response> {
  return fetch(`${sim.url}${path}`, { headers: { 'xi-api-key': key } });
}

async function detail(response: Response): Promise<unknown> {
  return ((await response.json()) as { detail: unknown }).detail;
}

describe('simulator: ElevenLabs text-to-speech wire format', () => {
  const sim = useSimulator();

  it('answers audio/mpeg with character-cost (Flash: half a credit per character, rounded up) and the real headers', async () => {
    const response = await tts(sim, fakeKey(), { text: 'Hello there, world!', model_id: 'eleven_flash_v2_5' });
    assert.equal(response.status, 200);
    const audio = new Uint8Array(await response.arrayBuffer());
    const h = Object.fromEntries(response.headers);
    assert.equal(h['content-type'], 'audio/mpeg');
    assert.equal(h['character-cost'], '10');
    assert.match(h['request-id'] ?? '', /^[A-Za-z0-9]{20}$/);
    assert.match(h['history-item-id'] ?? '', /^[A-Za-z0-9]{20}$/);
    assert.equal(h['current-concurrent-requests'], '1');
    assert.equal(h['server'], 'uvicorn');
    assert.equal(h['transfer-encoding'], 'chunked');
    assert.equal(h['x-character-count'], undefined);
    assert.equal(h['x-request-id'], undefined);
    assert.deepEqual([...audio.subarray(0, 2)], [0xff, 0xfb]);
    // 19 characters at 15 per second of 128 kbit/s mp3.
    assert.equal(audio.byteLength, Math.round((19 / 15) * 16_000));
    const logged = sim.requests[0]!;
    assert.deepEqual(logged.usage, { 'character-cost': 10 });
    assert.equal(logged.model, 'eleven_flash_v2_5');
    assert.equal(logged.operation, 'speak');
    assert.ok(logged.chunksSent >= 3);
  });

  it('bills one credit per character on Multilingual v2, the default model, counting code points', async () => {
    const response = await tts(sim, fakeKey(), { text: 'héllo 👋' });
    assert.equal(response.headers.get('character-cost'), '7');
    await response.arrayBuffer();
    assert.equal(sim.requests[0]!.model, 'eleven_multilingual_v2');
  });

  it('is deterministic: the same request gives the same bytes', async () => {
    const key = fakeKey();
    const first = await (await tts(sim, key, { text: 'Same text', model_id: 'eleven_flash_v2_5' })).arrayBuffer();
    sim.reset();
    const second = await (await tts(sim, key, { text: 'Same text', model_id: 'eleven_flash_v2_5' })).arrayBuffer();
    assert.deepEqual(new Uint8Array(first), new Uint8Array(second));
  });

  it('/stream sends the audio in several chunks, in the requested output_format', async () => {
    const response = await tts(sim, fakeKey(), { text: 'A longer sentence to stream.', model_id: 'eleven_turbo_v2_5' }, `/v1/text-to-speech/${VOICE}/stream?output_format=pcm_16000`);
    assert.equal(response.headers.get('content-type'), 'audio/pcm');
    const audio = await response.arrayBuffer();
    assert.equal(audio.byteLength, Math.round((28 / 15) * 32_000));
    assert.equal(sim.requests[0]!.operation, 'streamSpeak');
    assert.ok(sim.requests[0]!.chunksSent >= 3);
  });

  it('leaves out history-item-id with enable_logging=false', async () => {
    const response = await tts(sim, fakeKey(), { text: 'private' }, `/v1/text-to-speech/${VOICE}?enable_logging=false`);
    await response.arrayBuffer();
    assert.equal(response.headers.get('history-item-id'), null);
    assert.ok(response.headers.get('request-id'));
  });

  it('errors carry {"detail":{"status","message"}} and no request-id', async () => {
    const unknownVoice = await tts(sim, fakeKey(), { text: 'hi' }, '/v1/text-to-speech/nope');
    assert.equal(unknownVoice.status, 404);
    assert.equal(unknownVoice.headers.get('request-id'), null);
    assert.deepEqual(await detail(unknownVoice), { status: 'voice_not_found', message: 'A voice with the voice_id nope was not found.' });

    const tooLong = await tts(sim, fakeKey(), { text: 'x'.repeat(3_001), model_id: 'eleven_v3' });
    assert.equal(tooLong.status, 400);
    assert.deepEqual(await detail(tooLong), {
      status: 'max_character_limit_exceeded',
      message: "This request's text has 3001 characters and exceeds the character limit of 3000 characters.",
    });

    const noKey = await tts(sim, undefined, { text: 'hi' });
    assert.equal(noKey.status, 401);
    assert.equal(((await detail(noKey)) as { status: string }).status, 'needs_authorization');
  });

  it('answers a bad body or format with FastAPI’s 422 list', async () => {
    const missing = await tts(sim, fakeKey(), { model_id: 'eleven_flash_v2_5' });
    assert.equal(missing.status, 422);
    assert.deepEqual(await detail(missing), [{ type: 'missing', loc: ['body', 'text'], msg: 'Field required' }]);
    const wrongType = await tts(sim, fakeKey(), { text: 42 });
    assert.deepEqual(await detail(wrongType), [{ type: 'string_type', loc: ['body', 'text'], msg: 'Input should be a valid string' }]);
    const badJson = await tts(sim, fakeKey(), '{"text":');
    assert.deepEqual(await detail(badJson), [{ type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error' }]);
    const badFormat = await tts(sim, fakeKey(), { text: 'hi' }, `/v1/text-to-speech/${VOICE}?output_format=wav`);
    assert.equal(badFormat.status, 422);
    assert.deepEqual(((await detail(badFormat)) as { loc: unknown }[])[0]!.loc, ['query', 'output_format']);
  });

  it('a status fault without a body sends the provider-shaped default', async () => {
    sim.fault({ match: { provider: 'elevenlabs' }, times: 1, action: { status: 429 } });
    const busy = await tts(sim, fakeKey(), { text: 'hi' });
    assert.equal(busy.status, 429);
    assert.equal(((await detail(busy)) as { status: string }).status, 'system_busy');
    sim.fault({ match: { provider: 'elevenlabs' }, action: { status: 500 } });
    const server = await tts(sim, fakeKey(), { text: 'hi' });
    assert.equal(server.status, 500);
    assert.equal(((await detail(server)) as { status: string }).status, 'internal_server_error');
  });
});

describe('simulator: ElevenLabs accounts', () => {
  let now = Date.parse('2025-03-14T12:00:00Z');
  const refused = fakeKey();
  const scoped = fakeKey();
  const options: SimulatorOptions = {
    now: () => now,
    keys: { reject: [refused], elevenlabsWithoutUserRead: [scoped] },
    quotas: { elevenlabs: { characterLimit: 20, anchorDay: 15, tier: 'starter' } },
  };
  const sim = useSimulator(options);
  beforeEach(() => {
    now = Date.parse('2025-03-14T12:00:00Z');
  });

  it('/v1/user/subscription and /v1/user report the cycle: credits used, the limit, the next anchor day', async () => {
    const key = fakeKey();
    await (await tts(sim, key, { text: 'twelve chars', model_id: 'eleven_multilingual_v2' })).arrayBuffer();
    const subscription = (await (await get(sim, key, '/v1/user/subscription')).json()) as Record<string, unknown>;
    assert.equal(subscription['tier'], 'starter');
    assert.equal(subscription['character_count'], 12);
    assert.equal(subscription['character_limit'], 20);
    assert.equal(subscription['next_character_count_reset_unix'], Date.parse('2025-03-15T00:00:00Z') / 1000);
    assert.deepEqual([subscription['next_invoice'], subscription['open_invoices'], subscription['has_open_invoices']], [null, [], false]);
    const user = (await (await get(sim, key, '/v1/user')).json()) as { subscription: Record<string, unknown>; user_id: string };
    assert.equal(user.subscription['character_count'], 12);
    assert.equal('has_open_invoices' in user.subscription, false);
    assert.match(user.user_id, /^[A-Za-z0-9]{28}$/);
    const other = (await (await get(sim, fakeKey(), '/v1/user/subscription')).json()) as Record<string, unknown>;
    assert.equal(other['character_count'], 0, 'each key has its own account');
  });

  it('refuses a text whose credits exceed what is left with 401 quota_exceeded, billing nothing; the cycle resets on the anchor day', async () => {
    const key = fakeKey();
    await (await tts(sim, key, { text: 'x'.repeat(15) })).arrayBuffer();
    const over = await tts(sim, key, { text: 'y'.repeat(6) });
    assert.equal(over.status, 401);
    assert.deepEqual(await detail(over), {
      status: 'quota_exceeded',
      message: 'This request exceeds your quota of 20. You have 5 credits remaining, while 6 credits are required for this request.',
    });
    const fits = await tts(sim, key, { text: 'y'.repeat(5) });
    assert.equal(fits.status, 200);
    await fits.arrayBuffer();
    now = Date.parse('2025-03-14T23:59:59Z');
    assert.equal((await tts(sim, key, { text: 'z' })).status, 401);
    now = Date.parse('2025-03-15T00:00:00Z');
    const afterReset = await tts(sim, key, { text: 'y'.repeat(6) });
    assert.equal(afterReset.status, 200);
    await afterReset.arrayBuffer();
    const subscription = (await (await get(sim, key, '/v1/user/subscription')).json()) as Record<string, unknown>;
    assert.equal(subscription['character_count'], 6);
    assert.equal(subscription['next_character_count_reset_unix'], Date.parse('2025-04-15T00:00:00Z') / 1000);
  });

  it('401 invalid_api_key for a refused key; 401 missing_permissions on /v1/user* for a key without user_read, which may still speak', async () => {
    const bad = await tts(sim, refused, { text: 'hi' });
    assert.equal(bad.status, 401);
    assert.deepEqual(await detail(bad), { status: 'invalid_api_key', message: 'Invalid API key' });
    for (const path of ['/v1/user', '/v1/user/subscription']) {
      const denied = await get(sim, scoped, path);
      assert.equal(denied.status, 401);
      assert.deepEqual(await detail(denied), {
        status: 'missing_permissions',
        message: 'The API key you used is missing the permission user_read to execute this operation.',
      });
    }
    const spoken = await tts(sim, scoped, { text: 'hi' });
    assert.equal(spoken.status, 200);
    await spoken.arrayBuffer();
  });

  it('rejects an anchor day that is not a day of the month', async () => {
    await assert.rejects(startSimulator({ quotas: { elevenlabs: { anchorDay: 0 } } }), RangeError);
  });
});

describe('simulator: ElevenLabs concurrency', () => {
  const sim = useSimulator({ chunkIntervalMs: 40, quotas: { elevenlabs: { concurrency: 1 } } }, { resetEach: false });

  it('a request beyond the concurrency limit gets 429 too_many_concurrent_requests; the slot frees when the first ends', async () => {
    const key = fakeKey();
    const first = await tts(sim, key, { text: 'streaming for a while' }, `/v1/text-to-speech/${VOICE}/stream`);
    assert.equal(first.headers.get('maximum-concurrent-requests'), '1');
    const second = await tts(sim, key, { text: 'me too' });
    assert.equal(second.status, 429);
    assert.equal(((await detail(second)) as { status: string }).status, 'too_many_concurrent_requests');
    assert.match(((await (await tts(sim, key, { text: 'x' })).json()) as { detail: { message: string } }).detail.message, /maximum of 1 concurrent requests/);
    const otherKey = await tts(sim, fakeKey(), { text: 'another account' });
    assert.equal(otherKey.status, 200);
    await otherKey.arrayBuffer();
    await first.arrayBuffer();
    await sim.settled();
    const third = await tts(sim, key, { text: 'now' });
    assert.equal(third.status, 200);
    await third.arrayBuffer();
  });
});
