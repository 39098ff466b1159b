import type { ChatMessage, ToolDefinition } from '../../operations/chat.js';
import type { TokenEncoding } from './token-encoding.js';

/**
 * A chat prompt as OpenAI's format counts it: the texts to tokenize and the fixed tokens the format adds.
 *
 * @example
 * ```ts
 * const { texts, fixed } = chatPromptParts([{ role: 'user', content: 'hi' }], undefined, 'o200k_base');
 * // texts ['user', 'hi'], fixed 6: the prompt is 6 + tokens('user') + tokens('hi') = 8 tokens
 * ```
 */
export interface ChatPromptParts {
  readonly texts: readonly string[];
  readonly fixed: number;
}

// OpenAI cookbook, "How to count tokens with tiktoken" (gpt-4o, gpt-4o-mini, gpt-4, gpt-3.5-turbo): each
// message costs 3 tokens plus its role and content (a `name` 1 more), 3 more prime the reply, and function
// tools cost the constants below on top of their names, descriptions and properties. An image part is billed
// by its size, which a request does not tell: 85, its low-detail price, is the floor counted here.
const PER_MESSAGE = 3;
const REPLY_PRIMING = 3;
const IMAGE = 85;
const TOOL = { property: 3, propertyKey: 3, enum: -3, enumItem: 3, end: 12 } as const;

/**
 * The parts of a chat prompt: per message its role, text and tool calls (name and arguments), per tool the
 * cookbook's `name:description` and `key:type:description` lines and enum values. The function-tool header is
 * 7 tokens on `o200k_base` models and 10 on `cl100k_base` ones.
 *
 * @example
 * ```ts
 * const encoding = encodingFor('openai', model);
 * const { texts, fixed } = chatPromptParts(request.messages, request.tools, encoding);
 * const prompt = fixed + (await countTokens(texts, encoding)).reduce((a, b) => a + b, 0);
 * ```
 */
export function chatPromptParts(messages: readonly ChatMessage[], tools: readonly ToolDefinition[] | undefined, encoding: TokenEncoding): ChatPromptParts {
  const texts: string[] = [];
  let fixed = REPLY_PRIMING;
  for (const message of messages) {
    fixed += PER_MESSAGE;
    texts.push(message.role);
    const parts = typeof message.content === 'string' ? [{ type: 'text' as const, text: message.content }] : message.content;
    for (const part of parts) {
      if (part.type === 'text') texts.push(part.text);
      else fixed += IMAGE;
    }
    for (const call of message.toolCalls ?? []) texts.push(call.name, call.arguments);
  }
  if (tools?.length) {
    fixed += TOOL.end;
    for (const tool of tools) fixed += toolParts(tool, encoding === 'cl100k_base' ? 10 : 7, texts);
  }
  return { texts, fixed };
}

interface PropertySchema {
  readonly type?: unknown;
  readonly description?: unknown;
  readonly enum?: unknown;
}

function toolParts(tool: ToolDefinition, header: number, texts: string[]): number {
  texts.push(`${tool.name}:${trimStop(tool.description)}`);
  const properties = Object.entries((tool.parameters?.['properties'] ?? {}) as Record<string, PropertySchema>);
  let fixed = header + (properties.length > 0 ? TOOL.property : 0);
  for (const [key, schema] of properties) {
    fixed += TOOL.propertyKey;
    texts.push(`${key}:${typeof schema.type === 'string' ? schema.type : ''}:${trimStop(schema.description)}`);
    if (Array.isArray(schema.enum)) {
      fixed += TOOL.enum + TOOL.enumItem * schema.enum.length;
      texts.push(...schema.enum.map(String));
    }
  }
  return fixed;
}

function trimStop(description: unknown): string {
  return typeof description === 'string' ? description.replace(/\.$/, '') : '';
}
