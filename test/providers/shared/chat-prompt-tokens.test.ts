import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChatMessage, ToolDefinition } from '../../../src/operations/chat.js';
import { chatPromptParts } from '../../../src/providers/shared/chat-prompt-tokens.js';
import { referenceTokens } from '../../support/reference-tokens.js';

// The OpenAI cookbook's tools example ("How to count tokens with tiktoken", section 7), whose prompt the API
// reported as 101 tokens on gpt-4o and gpt-4o-mini and 105 on gpt-4 and gpt-3.5-turbo.
const messages: ChatMessage[] = [
  { role: 'system', content: 'You are a helpful assistant that can answer to questions about the weather.' },
  { role: 'user', content: "What's the weather like in San Francisco?" },
];
const tools: ToolDefinition[] = [
  {
    name: 'get_current_weather',
    description: 'Get the current weather in a given location',
    parameters: {
      type: 'object',
      properties: {
        location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
        unit: { type: 'string', description: 'The unit of temperature to return', enum: ['celsius', 'fahrenheit'] },
      },
      required: ['location'],
    },
  },
];

function promptTokens(parts: { texts: readonly string[]; fixed: number }, encoding: 'o200k_base' | 'cl100k_base'): number {
  return parts.fixed + parts.texts.reduce((sum, text) => sum + referenceTokens(text, encoding), 0);
}

describe('chatPromptParts (OpenAI chat format)', () => {
  it('3 per message and 3 priming the reply, plus each role and content', () => {
    assert.deepEqual(chatPromptParts([{ role: 'user', content: 'hi' }], undefined, 'o200k_base'), { texts: ['user', 'hi'], fixed: 6 });
    assert.deepEqual(chatPromptParts(messages, undefined, 'cl100k_base').fixed, 9);
  });

  it('the cookbook tools example: 101 tokens on o200k_base, 105 on cl100k_base, as the API reported', () => {
    assert.equal(promptTokens(chatPromptParts(messages, tools, 'o200k_base'), 'o200k_base'), 101);
    assert.equal(promptTokens(chatPromptParts(messages, tools, 'cl100k_base'), 'cl100k_base'), 105);
  });

  it('text parts as text, an image at its low-detail floor of 85, tool calls by name and arguments', () => {
    const parts = chatPromptParts(
      [
        { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', url: 'https://example.com/a.png' }] },
        { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'lookup', arguments: '{"q":"a"}' }] },
        { role: 'tool', content: '{"found":true}', toolCallId: 'call_1' },
      ],
      undefined,
      'o200k_base',
    );
    assert.deepEqual(parts, { texts: ['user', 'What is this?', 'assistant', '', 'lookup', '{"q":"a"}', 'tool', '{"found":true}'], fixed: 3 + 3 * 3 + 85 });
  });

  it('a tool without description or properties costs its header and the name', () => {
    assert.deepEqual(chatPromptParts([], [{ name: 'ping' }], 'o200k_base'), { texts: ['ping:'], fixed: 3 + 12 + 7 });
  });
});
