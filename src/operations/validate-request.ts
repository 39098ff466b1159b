import { ConfigError } from '../errors/config-error.js';
import type { Operation } from './operation.js';
import { checkNumber, checkObject, checkString } from './request-fields.js';
import { validateChatRequest } from './validate-chat-request.js';

/**
 * Checks a request before anything is sent or reserved, so a malformed request fails with a
 * {@link ConfigError} naming the field instead of a `TypeError` deep in an adapter, a provider 400 that
 * costs a round trip, or (for numbers the limits estimate) a reservation of nothing.
 *
 * @example
 * ```ts
 * validateRequest('embed', { model: 'openai:text-embedding-3-small', input: ['a'], dimensions: -1 });
 * // throws ConfigError: request.dimensions: expected an integer of at least 1; got -1
 * ```
 */
export function validateRequest(operation: Operation, request: Record<string, unknown>): void {
  switch (operation) {
    case 'chat':
    case 'streamChat':
      validateChatRequest(request);
      break;
    case 'embed': {
      const input = request.input;
      const ok = typeof input === 'string' || (Array.isArray(input) && input.length > 0 && input.every((i) => typeof i === 'string'));
      if (!ok) throw new ConfigError('request.input', 'expected a string or a non-empty array of strings');
      checkNumber(request.dimensions, 'request.dimensions', { integer: true, min: 1 });
      break;
    }
    case 'speak':
    case 'streamSpeak':
      if (typeof request.text !== 'string' || request.text.length === 0) throw new ConfigError('request.text', 'expected a non-empty string');
      if (typeof request.voice !== 'string' || request.voice.length === 0) throw new ConfigError('request.voice', 'expected a voice id');
      checkString(request.format, 'request.format', true);
      break;
    case 'transcribe':
      if (!(request.audio instanceof Uint8Array) && !(request.audio instanceof Blob)) {
        throw new ConfigError('request.audio', 'expected a Uint8Array or a Blob of audio');
      }
      checkString(request.fileName, 'request.fileName', true);
      checkString(request.language, 'request.language', true);
      checkString(request.prompt, 'request.prompt');
      break;
  }
  validateBase(request);
}

/** The fields every operation has (the model and tags are checked where they are parsed). */
function validateBase(request: Record<string, unknown>): void {
  const signal = request.signal;
  if (signal !== undefined && !isAbortSignal(signal)) {
    throw new ConfigError('request.signal', 'expected an AbortSignal, e.g. new AbortController().signal or AbortSignal.timeout(ms)');
  }
  const options = request.providerOptions;
  if (options === undefined) return;
  checkObject(options, 'request.providerOptions', 'an object keyed by provider name, e.g. { openai: { seed: 7 } }');
  for (const [provider, value] of Object.entries(options)) {
    if (value !== undefined) checkObject(value, `request.providerOptions.${provider}`, 'an object of provider options');
  }
}

/** An AbortSignal, also one of another realm or polyfill: what the SDKs use of it. */
function isAbortSignal(value: unknown): boolean {
  if (value instanceof AbortSignal) return true;
  const signal = value as { aborted?: unknown; addEventListener?: unknown; removeEventListener?: unknown } | null;
  return typeof signal === 'object' && signal !== null && typeof signal.aborted === 'boolean' && typeof signal.addEventListener === 'function' && typeof signal.removeEventListener === 'function';
}
