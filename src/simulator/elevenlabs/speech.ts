import type { Exchange, WireChunk } from '../exchange.js';
import { seededId } from '../tokens.js';
import type { ElevenLabsAccountBook } from './account-book.js';
import { fakeAudio, OUTPUT_FORMATS } from './audio.js';
import {
  maxCharacterLimitExceeded,
  quotaExceeded,
  tooManyConcurrentRequests,
  validationError,
  voiceNotFound,
  type ValidationIssue,
} from './errors.js';
import { characterCount, creditsFor, DEFAULT_MODEL, DEFAULT_OUTPUT_FORMAT, MAX_CHARACTERS_PER_REQUEST, mediaTypeOf } from './models.js';

/** What the TTS handler needs besides the exchange. */
export interface SpeechContext {
  readonly keyId: string;
  readonly voiceId: string;
  readonly accounts: ElevenLabsAccountBook;
  readonly now: number;
  /** Reported in `tts-latency-ms`. */
  readonly latencyMs: number;
}

interface SpeechRequest {
  readonly text: string;
  readonly model: string;
  readonly format: string;
  readonly logging: boolean;
}

// ElevenLabs voice ids are 20 letters and digits (e.g. `21m00Tcm4TlvDq8ikWAM`); the simulator knows every such id.
const VOICE_ID = /^[A-Za-z0-9]{20}$/;

const EXPOSED = 'request-id, history-item-id, character-cost, regeneration-count, generation-info, current-concurrent-requests, maximum-concurrent-requests';

/**
 * `POST /v1/text-to-speech/{voice_id}` and `…/stream` (the API streams both, chunked). Checks in order: body and
 * query (422), voice (404), text length for the model (400), concurrency (429), credits left (401
 * `quota_exceeded`); then bills the credits (`character-cost`: characters × the model's credit factor, rounded
 * up) and sends the audio. The log's `usage` is `{ 'character-cost': credits }`, set with the first chunk.
 */
export async function handleSpeech(exchange: Exchange, ctx: SpeechContext): Promise<void> {
  const request = parseSpeechRequest(exchange);
  if (!('text' in request)) return exchange.error(validationError(request));
  exchange.entry.model = request.model;
  if (!VOICE_ID.test(ctx.voiceId)) return exchange.error(voiceNotFound(ctx.voiceId));
  const characters = characterCount(request.text);
  const max = MAX_CHARACTERS_PER_REQUEST[request.model];
  if (max !== undefined && characters > max) return exchange.error(maxCharacterLimitExceeded(characters, max));
  const { accounts, keyId } = ctx;
  if (!accounts.enter(keyId)) return exchange.error(tooManyConcurrentRequests(accounts.concurrency ?? 0));
  void exchange.done.then(() => accounts.leave(keyId));
  const credits = creditsFor(characters, request.model);
  const charge = accounts.charge(keyId, credits, ctx.now);
  if (charge.refused) return exchange.error(quotaExceeded(accounts.limit, charge.remaining, credits));

  const seed = `${exchange.entry.id}:${ctx.voiceId}:${request.model}:${request.text}`;
  const headers: Record<string, string> = {
    'content-type': mediaTypeOf(request.format),
    'character-cost': String(credits),
    'request-id': seededId(`request:${seed}`, 20),
    ...(request.logging ? { 'history-item-id': seededId(`history:${seed}`, 20) } : {}),
    'current-concurrent-requests': String(accounts.inFlight(keyId)),
    ...(accounts.concurrency === undefined ? {} : { 'maximum-concurrent-requests': String(accounts.concurrency) }),
    'tts-latency-ms': String(ctx.latencyMs),
    'access-control-expose-headers': EXPOSED,
  };
  const usage = { 'character-cost': credits };
  const chunks: WireChunk[] = fakeAudio(seed, characters, request.format).map((data, i) => (i === 0 ? { data, usage } : { data }));
  return exchange.reply(200, headers, chunks, 'binary');
}

/** The request, or the FastAPI validation issues that make it a 422. */
function parseSpeechRequest(exchange: Exchange): SpeechRequest | ValidationIssue[] {
  const format = exchange.url.searchParams.get('output_format') ?? DEFAULT_OUTPUT_FORMAT;
  const issues: ValidationIssue[] = [];
  if (!OUTPUT_FORMATS.includes(format)) {
    issues.push({ loc: ['query', 'output_format'], msg: `Input should be one of ${OUTPUT_FORMATS.map((f) => `'${f}'`).join(', ')}`, type: 'enum' });
  }
  const body = exchange.body;
  if (body?.invalidJson) return [...issues, { loc: ['body', 0], msg: 'JSON decode error', type: 'json_invalid' }];
  const json = body?.json;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return [...issues, { loc: ['body'], msg: 'Field required', type: 'missing' }];
  }
  const { text, model_id: model = DEFAULT_MODEL } = json as Record<string, unknown>;
  if (text === undefined) issues.push({ loc: ['body', 'text'], msg: 'Field required', type: 'missing' });
  else if (typeof text !== 'string') issues.push({ loc: ['body', 'text'], msg: 'Input should be a valid string', type: 'string_type' });
  if (typeof model !== 'string') issues.push({ loc: ['body', 'model_id'], msg: 'Input should be a valid string', type: 'string_type' });
  if (issues.length > 0 || typeof text !== 'string' || typeof model !== 'string') return issues;
  return { text, model, format, logging: exchange.url.searchParams.get('enable_logging') !== 'false' };
}
