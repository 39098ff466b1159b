import type { AdapterCall } from '../../adapter.js';
import type { CallResult, StreamCallResult } from '../../call-result.js';
import type { SpeakRequest, SpeechOutput, SpeechStreamOutput } from '../../operations/speech.js';
import type { TranscriptionOutput } from '../../operations/transcription.js';
import { RequestSignal } from '../shared/request-signal.js';
import type { Accounts } from './elevenlabs-accounts.js';
import type { ResolvedElevenLabsOptions } from './elevenlabs-options.js';
import { toSnakeCase, type SpeechParams } from './elevenlabs-sdk.js';
import { warnEstimatedCredits } from './estimated-credits-warning.js';
import { DEFAULT_OUTPUT_FORMAT, mediaTypeOf } from './output-format.js';
import { replyFacts, type ReplyFacts } from './reply-headers.js';
import { collect, speechStream } from './speech-stream.js';
import { speechBill, speechUsage } from './speech-usage.js';
import { transcriptionUsage } from './transcription-usage.js';

type Settings = ResolvedElevenLabsOptions;

/** Request id and kept headers of a reply, as a call result carries them. */
function replyMeta({ requestId, headers }: ReplyFacts): { requestId?: string; headers?: Record<string, string> } {
  return { ...(requestId ? { requestId } : {}), ...(headers ? { headers } : {}) };
}

async function prepare(accounts: Accounts, settings: Settings, call: AdapterCall<'speak'> | AdapterCall<'streamSpeak'>) {
  const account = await accounts.accountFor(call.key);
  if (account.driver.sdk === 'elevenlabs') warnEstimatedCredits();
  const params = speechParams(call.request, call.model);
  const bill = speechBill(call.request.text, call.model, settings.creditsPerCharacter);
  const request = new RequestSignal(call.signal, settings.timeoutMs);
  return { account, params, bill, request, driverRequest: { signal: request.signal, timeoutMs: settings.timeoutMs } };
}

/** `speak`: the whole audio, usage with credits from the reply head when the SDK exposes it. */
export async function speak(accounts: Accounts, settings: Settings, call: AdapterCall<'speak'>): Promise<CallResult<SpeechOutput>> {
  const { account, params, bill, request, driverRequest } = await prepare(accounts, settings, call);
  const { audio, reply } = await accounts.send(call, account, request, async () => {
    const answer = await account.driver.speak(params, driverRequest);
    return { reply: replyFacts(answer.headers), audio: await collect(answer.audio, request) };
  });
  request.done();
  return { output: { audio, mediaType: mediaTypeOf(params.format) }, usage: speechUsage(bill, true, reply.credits), status: 200, ...replyMeta(reply) };
}

/** `streamSpeak`: the audio as it arrives, settled once it ends, is cut or fails. */
export async function streamSpeak(accounts: Accounts, settings: Settings, call: AdapterCall<'streamSpeak'>): Promise<StreamCallResult<Uint8Array, SpeechStreamOutput>> {
  const { account, params, bill, request, driverRequest } = await prepare(accounts, settings, call);
  const answer = await accounts.send(call, account, request, () => account.driver.stream(params, driverRequest));
  const parts = { signal: call.signal, mediaType: mediaTypeOf(params.format), bill, reply: replyFacts(answer.headers) };
  return speechStream(answer.audio, request, { ...parts, failure: () => accounts.failure(account, call.key, request) });
}

/** `transcribe` (Scribe): the transcript, `audioSeconds` from the reply's duration or the audio. */
export async function transcribe(accounts: Accounts, settings: Settings, call: AdapterCall<'transcribe'>): Promise<CallResult<TranscriptionOutput>> {
  const account = await accounts.accountFor(call.key);
  const { audio, fileName = 'audio.wav', language } = call.request;
  const request = new RequestSignal(call.signal, settings.timeoutMs);
  const extra = toSnakeCase(call.request.providerOptions?.['elevenlabs'] ?? {}) as Record<string, unknown>;
  const params = { file: new File([audio], fileName), model: call.model, language, extra };
  const reply = await accounts.send(call, account, request, () => account.driver.transcribe(params, { signal: request.signal, timeoutMs: settings.timeoutMs }));
  request.done();
  const output = {
    text: reply.text,
    ...(reply.language ? { language: reply.language } : {}),
    ...(reply.durationSeconds === undefined ? {} : { durationSeconds: reply.durationSeconds }),
  };
  return { output, usage: transcriptionUsage(reply.durationSeconds, audio), raw: reply.raw, status: 200, ...replyMeta(replyFacts(reply.headers)) };
}

/**
 * The TTS request in the API's terms: `providerOptions.elevenlabs` (in the API's snake_case, camelCase keys
 * translated), then the fields the request and the model ref decide. The format is passed as given; the API
 * answers 422 to one it does not know.
 */
function speechParams(request: SpeakRequest, model: string): SpeechParams {
  const extra = toSnakeCase(request.providerOptions?.['elevenlabs'] ?? {}) as Record<string, unknown>;
  return { voice: request.voice, text: request.text, model, format: request.format ?? DEFAULT_OUTPUT_FORMAT, extra };
}
