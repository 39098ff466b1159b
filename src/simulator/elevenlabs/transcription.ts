import type { Exchange } from '../exchange.js';
import { audioDurationSeconds } from '../openai/audio.js';
import { seededId, seededWords } from '../tokens.js';
import type { ElevenLabsAccountBook } from './account-book.js';
import { tooManyConcurrentRequests, validationError, type ValidationIssue } from './errors.js';

/** What the speech-to-text handler needs besides the exchange. */
export interface TranscriptionContext {
  readonly keyId: string;
  readonly accounts: ElevenLabsAccountBook;
}

// Words heard per second of audio.
const WORDS_PER_SECOND = 2.5;

/** The Scribe models the simulator knows (`scribe_v1` and `scribe_v2`, elevenlabs.io/docs/capabilities/speech-to-text). */
export const SCRIBE_MODELS: readonly string[] = ['scribe_v1', 'scribe_v2'];

/**
 * `POST /v1/speech-to-text` (multipart: `model_id`, `file`, optional `language_code`, …), the batch Scribe
 * endpoint both ElevenLabs SDKs call from `speechToText.convert`. Checks `model_id` and `file` (422, FastAPI's
 * shape), takes a concurrency slot (429 `too_many_concurrent_requests`; that speech-to-text shares the
 * account's concurrency with text-to-speech is UNCONFIRMED), and answers with the documented reply (the
 * example of elevenlabs.io/docs/capabilities/speech-to-text): `language_code`, `language_probability`, `text`,
 * `words` (word and spacing entries with `start`, `end`, `type`, `speaker_id`, `logprob`), `transcription_id`,
 * and `audio_duration_secs` (in the `@elevenlabs/elevenlabs-js` 2.x response type, not in 1.59's), which is
 * what Scribe bills. The duration is the file's (a WAV's exact length, else its size at 128 kbit/s). No
 * credits are taken from the account: the credits a minute of Scribe costs are not published. The log's
 * `usage` is `{ audio_duration_secs }`.
 */
export async function handleTranscription(exchange: Exchange, ctx: TranscriptionContext): Promise<void> {
  const form = exchange.body?.form;
  const model = form?.get('model_id');
  const file = form?.get('file');
  const issues: ValidationIssue[] = [];
  if (typeof model !== 'string' || model === '') issues.push({ loc: ['body', 'model_id'], msg: 'Field required', type: 'missing' });
  else if (!SCRIBE_MODELS.includes(model)) issues.push({ loc: ['body', 'model_id'], msg: `Input should be ${SCRIBE_MODELS.map((m) => `'${m}'`).join(' or ')}`, type: 'literal_error' });
  if (!file || typeof file === 'string') issues.push({ loc: ['body', 'file'], msg: 'Field required', type: 'missing' });
  if (issues.length > 0 || typeof model !== 'string' || !file || typeof file === 'string') return exchange.error(validationError(issues));
  exchange.entry.model = model;
  const { accounts, keyId } = ctx;
  if (!accounts.enter(keyId)) return exchange.error(tooManyConcurrentRequests(accounts.concurrency ?? 0));
  void exchange.done.then(() => accounts.leave(keyId));

  const bytes = new Uint8Array(await file.arrayBuffer());
  const duration = Math.round(audioDurationSeconds(bytes) * 1000) / 1000;
  const seed = Buffer.from(bytes.subarray(0, 4096)).toString('base64');
  const words = seededWords(seed, Math.max(1, Math.round(duration * WORDS_PER_SECOND)));
  const language = form?.get('language_code');
  const body = {
    language_code: typeof language === 'string' && language !== '' ? language : 'en',
    language_probability: 0.98,
    text: `${words.join(' ')}.`,
    words: timedWords(words, duration),
    transcription_id: seededId(`transcription:${exchange.entry.id}:${seed}`, 20),
    audio_duration_secs: duration,
  };
  const headers: Record<string, string> = {
    'request-id': seededId(`request:${exchange.entry.id}:${seed}`, 20),
    'current-concurrent-requests': String(accounts.inFlight(keyId)),
    ...(accounts.concurrency === undefined ? {} : { 'maximum-concurrent-requests': String(accounts.concurrency) }),
  };
  return exchange.json(200, body, { headers, usage: { audio_duration_secs: duration } });
}

/** Word and spacing entries spread evenly over the audio, as the API times them. */
function timedWords(words: readonly string[], duration: number): Record<string, unknown>[] {
  const step = duration / Math.max(1, words.length);
  const at = (t: number): number => Math.round(t * 1000) / 1000;
  const out: Record<string, unknown>[] = [];
  words.forEach((text, i) => {
    out.push({ text, start: at(i * step), end: at((i + 0.8) * step), type: 'word', speaker_id: 'speaker_0', logprob: 0 });
    if (i < words.length - 1) out.push({ text: ' ', start: at((i + 0.8) * step), end: at((i + 1) * step), type: 'spacing', speaker_id: 'speaker_0', logprob: 0 });
  });
  return out;
}
