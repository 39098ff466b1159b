import type { Attributes } from '@opentelemetry/api';
import type { CallContext } from '../context.js';
import type { ChatMessage } from '../operations/chat.js';
import type { Scrubber } from '../redact/scrubber.js';
import { GEN_AI } from './semconv.js';

/** A message part as the conventions' `gen_ai.input.messages` / `gen_ai.output.messages` JSON describes it. */
type Part = { readonly type: 'text'; readonly content: string } | { readonly type: 'uri'; readonly uri: string; readonly modality: 'image' };

/**
 * The request's content as `gen_ai.input.messages` (JSON text in the conventions' message shape, scrubbed of
 * secrets): a chat's messages, the text sent to speech, the texts embedded. A transcription's audio is not content
 * a span can hold: it has none.
 *
 * @example
 * ```ts
 * if (options.captureContent) span.setAttributes(inputContent(ctx, scrubber));
 * ```
 */
export function inputContent(ctx: CallContext, scrubber: Scrubber): Attributes {
  let messages: { role: string; parts: Part[] }[];
  if (ctx.operation === 'chat' || ctx.operation === 'streamChat') messages = ctx.request.messages.map(chatMessage);
  else if (ctx.operation === 'speak' || ctx.operation === 'streamSpeak') messages = [{ role: 'user', parts: [text(ctx.request.text)] }];
  else if (ctx.operation === 'embed') messages = [{ role: 'user', parts: (typeof ctx.request.input === 'string' ? [ctx.request.input] : ctx.request.input).map(text) }];
  else return {};
  return { [GEN_AI.inputMessages]: scrubber.scrubText(JSON.stringify(messages)) };
}

/**
 * The reply's text as `gen_ai.output.messages` (JSON, scrubbed): a chat's text and tool calls, a transcript.
 * Nothing for audio or embeddings.
 *
 * @example
 * ```ts
 * if (options.captureContent) span.setAttributes(outputContent(result.output, scrubber));
 * ```
 */
export function outputContent(output: unknown, scrubber: Scrubber): Attributes {
  if (typeof output !== 'object' || output === null || typeof (output as { text?: unknown }).text !== 'string') return {};
  const { text: content, toolCalls, finishReason } = output as { text: string; toolCalls?: readonly { id: string; name: string; arguments: string }[]; finishReason?: string };
  const parts: unknown[] = content === '' ? [] : [text(content)];
  for (const call of toolCalls ?? []) parts.push({ type: 'tool_call', id: call.id, name: call.name, arguments: call.arguments });
  const message = finishReason === undefined ? { role: 'assistant', parts } : { role: 'assistant', parts, finish_reason: finishReason };
  return { [GEN_AI.outputMessages]: scrubber.scrubText(JSON.stringify([message])) };
}

function chatMessage(message: ChatMessage): { role: string; parts: Part[] } {
  if (typeof message.content === 'string') return { role: message.role, parts: [text(message.content)] };
  return { role: message.role, parts: message.content.map((part) => (part.type === 'text' ? text(part.text) : { type: 'uri', uri: part.url.startsWith('data:') ? 'data:' : part.url, modality: 'image' })) };
}

function text(content: string): Part {
  return { type: 'text', content };
}
