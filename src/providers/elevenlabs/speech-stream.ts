import type { StreamCallResult } from '../../call-result.js';
import type { SpeechStreamOutput } from '../../operations/speech.js';
import { defineStream } from '../../stream/define-stream.js';
import type { RequestSignal } from '../shared/request-signal.js';
import { mapTransportError, type FailureContext } from './map-elevenlabs-error.js';
import type { ReplyFacts } from './reply-headers.js';
import { speechUsage, type SpeechBill } from './speech-usage.js';

/** What {@link speechStream} needs besides the audio. */
export interface SpeechStreamParts {
  readonly signal: AbortSignal | undefined;
  readonly mediaType: string;
  readonly bill: SpeechBill;
  /** The reply head's facts (credits, request id, headers), known before the first chunk. */
  readonly reply: ReplyFacts;
  readonly failure: () => FailureContext;
}

/**
 * The audio as it arrives; settled with the bill once it ends, is cut or fails (see `speechUsage`: credits read
 * from the reply head stay `reported` whichever way the stream ends).
 */
export function speechStream(audio: AsyncIterable<Uint8Array>, request: RequestSignal, parts: SpeechStreamParts): StreamCallResult<Uint8Array, SpeechStreamOutput> {
  let bytes = 0;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for await (const chunk of audio) {
      request.touch();
      bytes += chunk.byteLength;
      yield chunk;
    }
  }
  const { requestId, headers, credits } = parts.reply;
  return defineStream({
    chunks: chunks(),
    settle: (outcome) => {
      request.done();
      return { output: { bytes, mediaType: parts.mediaType }, usage: speechUsage(parts.bill, outcome === 'ok', credits), status: 200 };
    },
    cancel: () => request.cancel(),
    signal: parts.signal,
    mapError: (error) => mapTransportError(error, parts.failure()),
    status: 200,
    ...(requestId ? { requestId } : {}),
    ...(headers ? { headers } : {}),
  });
}

/** Reads the whole audio. */
export async function collect(audio: AsyncIterable<Uint8Array>, request: RequestSignal): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of audio) {
    request.touch();
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}
