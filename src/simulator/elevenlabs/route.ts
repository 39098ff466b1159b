import type { Exchange } from '../exchange.js';
import { keyFingerprint, keyIsAccepted } from '../keys.js';
import type { ProviderRoute, RouteEnvironment, RouteFactory, RouteMatch } from '../provider-route.js';
import { digest } from '../tokens.js';
import { ElevenLabsAccountBook } from './account-book.js';
import { defaultElevenLabsError, invalidApiKey, missingPermissions, needsAuthorization } from './errors.js';
import { handleSpeech } from './speech.js';
import { subscriptionBody, userBody } from './subscription.js';
import { handleTranscription } from './transcription.js';

const TTS_PATH = /^\/v1\/text-to-speech\/([^/]+)(\/stream)?$/;

/**
 * The ElevenLabs API as the `elevenlabs` 1.59 and `@elevenlabs/elevenlabs-js` 2.x SDKs call it: text-to-speech
 * (`POST /v1/text-to-speech/{voice_id}` and `…/stream`, see `speech.ts`), speech-to-text (`POST /v1/speech-to-text`,
 * see `transcription.ts`) and the account (`GET /v1/user`,
 * `GET /v1/user/subscription`). The key comes in `xi-api-key`: absent → 401 `needs_authorization`, refused → 401
 * `invalid_api_key`; a key listed in `keys.elevenlabsWithoutUserRead` gets 401 `missing_permissions` on
 * `/v1/user*` but may speak. Each key has its own account (`quotas.elevenlabs`): credits per monthly cycle from
 * the anchor day, and a concurrency limit.
 */
export const createElevenLabsRoute: RouteFactory = (env: RouteEnvironment): ProviderRoute => {
  const accounts = new ElevenLabsAccountBook(env.options.quotas?.elevenlabs);

  const handle = async (exchange: Exchange, match: RouteMatch): Promise<void> => {
    const key = exchange.key;
    if (!key) return exchange.error(needsAuthorization());
    if (!keyIsAccepted(env.options.keys, key)) return exchange.error(invalidApiKey());
    const keyId = keyFingerprint(key);
    const now = env.now();
    if (match.operation === 'speak' || match.operation === 'streamSpeak') {
      const voiceId = match.params?.voiceId ?? '';
      return handleSpeech(exchange, { keyId, voiceId, accounts, now, latencyMs: env.options.latencyMs ?? 0 });
    }
    if (match.operation === 'transcribe') return handleTranscription(exchange, { keyId, accounts });
    if (env.options.keys?.elevenlabsWithoutUserRead?.includes(key)) return exchange.error(missingPermissions('user_read'));
    const standing = accounts.standing(keyId, now);
    const body = match.operation === 'user' ? userBody(keyId, accounts.tier, standing) : subscriptionBody(accounts.tier, standing);
    return exchange.json(200, body);
  };

  return {
    provider: 'elevenlabs',
    match(method, pathname) {
      if (method === 'GET' && pathname === '/v1/user') return { operation: 'user' };
      if (method === 'GET' && pathname === '/v1/user/subscription') return { operation: 'subscription' };
      if (method === 'POST' && pathname === '/v1/speech-to-text') return { operation: 'transcribe' };
      const tts = method === 'POST' ? TTS_PATH.exec(pathname) : null;
      if (!tts) return undefined;
      return { operation: tts[2] ? 'streamSpeak' : 'speak', params: { voiceId: decodeURIComponent(tts[1]!) } };
    },
    // What real replies carry, errors included (home-assistant/core#160414); `request-id` only on TTS success.
    baseHeaders: (exchange) => ({
      server: 'uvicorn',
      'x-region': 'us-central1',
      'x-trace-id': digest(`trace:${exchange.entry.id}:${exchange.entry.time}`).slice(0, 32),
      'access-control-allow-origin': '*',
    }),
    defaultError: defaultElevenLabsError,
    handle,
    reset: () => accounts.reset(),
  };
};
