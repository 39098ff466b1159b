import { isRecord } from '../client-options.js';
import { ConfigError } from '../errors/config-error.js';
import type { Operation } from './operation.js';

const ROLES = new Set(['system', 'user', 'assistant', 'tool']);

/**
 * Checks the operation-specific fields of a request before anything is sent, so a malformed request fails
 * with a {@link ConfigError} naming the field instead of a provider 400 that costs a round trip.
 */
export function validateRequest(operation: Operation, request: Record<string, unknown>): void {
  switch (operation) {
    case 'chat':
    case 'streamChat':
      return validateMessages(request.messages);
    case 'embed': {
      const input = request.input;
      const ok = typeof input === 'string' || (Array.isArray(input) && input.length > 0 && input.every((i) => typeof i === 'string'));
      if (!ok) throw new ConfigError('request.input', 'expected a string or a non-empty array of strings');
      return;
    }
    case 'speak':
    case 'streamSpeak':
      if (typeof request.text !== 'string' || request.text.length === 0) throw new ConfigError('request.text', 'expected a non-empty string');
      if (typeof request.voice !== 'string' || request.voice.length === 0) throw new ConfigError('request.voice', 'expected a voice id');
      return;
    case 'transcribe':
      if (!(request.audio instanceof Uint8Array) && !(request.audio instanceof Blob)) {
        throw new ConfigError('request.audio', 'expected a Uint8Array or a Blob of audio');
      }
      return;
  }
}

function validateMessages(messages: unknown): void {
  if (!Array.isArray(messages) || messages.length === 0) throw new ConfigError('request.messages', 'expected a non-empty array of messages');
  messages.forEach((message: unknown, i) => {
    const field = `request.messages[${i}]`;
    if (!isRecord(message)) throw new ConfigError(field, 'expected a message object');
    if (typeof message.role !== 'string' || !ROLES.has(message.role)) {
      throw new ConfigError(`${field}.role`, 'expected system, user, assistant or tool');
    }
    if (typeof message.content !== 'string' && !Array.isArray(message.content)) {
      throw new ConfigError(`${field}.content`, 'expected a string or an array of content parts');
    }
  });
}
