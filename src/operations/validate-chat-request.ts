import { ConfigError } from '../errors/config-error.js';
import { checkArray, checkNumber, checkObject, checkString } from './request-fields.js';

const ROLES = new Set(['system', 'user', 'assistant', 'tool']);
const TOOL_CHOICES = new Set(['auto', 'none', 'required']);

/**
 * Checks the fields of a chat request (`chat` and `streamChat`) before anything is sent or reserved:
 * messages and their parts, tools, tool choice, stop sequences and the numeric settings. Throws
 * {@link ConfigError} naming the first bad field, e.g. `request.messages[0].content[1].text`.
 *
 * @example
 * ```ts
 * validateChatRequest({ messages: [{ role: 'user', content: 'Hi' }], maxOutputTokens: Number.NaN });
 * // throws ConfigError: request.maxOutputTokens: expected an integer of at least 1; got NaN
 * ```
 */
export function validateChatRequest(request: Record<string, unknown>): void {
  validateMessages(request.messages);
  // Budgets reserve maxOutputTokens before the call: a NaN, negative or string value would reserve nothing.
  checkNumber(request.maxOutputTokens, 'request.maxOutputTokens', { integer: true, min: 1 });
  checkNumber(request.temperature, 'request.temperature', { min: 0, max: 2 });
  checkNumber(request.topP, 'request.topP', { min: 0, max: 1 });
  checkArray(request.stop, 'request.stop', (stop, field) => {
    if (typeof stop !== 'string' || stop === '') throw new ConfigError(field, 'expected a non-empty stop sequence');
  });
  checkArray(request.tools, 'request.tools', (tool, field) => {
    checkObject(tool, field, 'a tool { name, description?, parameters? }');
    if (typeof tool.name !== 'string' || tool.name === '') throw new ConfigError(`${field}.name`, 'expected a non-empty tool name');
    checkString(tool.description, `${field}.description`);
    if (tool.parameters !== undefined) checkObject(tool.parameters, `${field}.parameters`, 'a JSON Schema object');
  });
  validateToolChoice(request.toolChoice);
}

function validateToolChoice(choice: unknown): void {
  if (choice === undefined || (typeof choice === 'string' && TOOL_CHOICES.has(choice))) return;
  if (typeof choice === 'object' && choice !== null && !Array.isArray(choice) && typeof (choice as { name?: unknown }).name === 'string') return;
  throw new ConfigError('request.toolChoice', "expected 'auto', 'none', 'required' or { name }");
}

function validateMessages(messages: unknown): void {
  if (!Array.isArray(messages) || messages.length === 0) throw new ConfigError('request.messages', 'expected a non-empty array of messages');
  messages.forEach((message: unknown, i) => {
    const field = `request.messages[${i}]`;
    checkObject(message, field, 'a message object');
    if (typeof message.role !== 'string' || !ROLES.has(message.role)) {
      throw new ConfigError(`${field}.role`, 'expected system, user, assistant or tool');
    }
    if (typeof message.content !== 'string' && !Array.isArray(message.content)) {
      throw new ConfigError(`${field}.content`, 'expected a string or an array of content parts');
    }
    if (Array.isArray(message.content)) message.content.forEach((part: unknown, j) => validatePart(part, `${field}.content[${j}]`));
    checkArray(message.toolCalls, `${field}.toolCalls`, (call, at) => {
      checkObject(call, at, 'a tool call { id, name, arguments }');
      for (const name of ['id', 'name', 'arguments']) {
        if (typeof call[name] !== 'string') throw new ConfigError(`${at}.${name}`, 'expected a string');
      }
    });
    checkString(message.toolCallId, `${field}.toolCallId`, true);
  });
}

function validatePart(part: unknown, field: string): void {
  checkObject(part, field, "a content part { type: 'text', text } or { type: 'image', url }");
  if (part.type === 'text') {
    if (typeof part.text !== 'string') throw new ConfigError(`${field}.text`, 'expected the text of the part, a string');
    return;
  }
  if (part.type === 'image') {
    if (typeof part.url !== 'string' || part.url === '') throw new ConfigError(`${field}.url`, 'expected the image URL (https: or data:)');
    checkString(part.mediaType, `${field}.mediaType`, true);
    return;
  }
  throw new ConfigError(`${field}.type`, "expected 'text' or 'image'");
}
