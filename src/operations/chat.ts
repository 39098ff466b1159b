import type { BaseRequest } from './base-request.js';

/**
 * A part of a multi-part message.
 *
 * @example
 * ```ts
 * const content: ContentPart[] = [
 *   { type: 'text', text: 'What is in this picture?' },
 *   { type: 'image', url: 'https://example.com/cat.png', mediaType: 'image/png' },
 * ];
 * await ai.chat({ model: 'openai:gpt-4o-mini', messages: [{ role: 'user', content }] });
 * ```
 */
export type ContentPart =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'image'; readonly url: string; readonly mediaType?: string };

/**
 * A tool call requested by the model; `arguments` is the JSON text the model produced.
 *
 * @example
 * ```ts
 * const { output } = await ai.chat({ model: 'openai:gpt-4o-mini', messages, tools: [weather] });
 * for (const call of output.toolCalls) console.log(call.id, call.name, JSON.parse(call.arguments));
 * ```
 */
export interface ToolCall {
  /** The provider's id for the call, echoed in the `tool` message that answers it. */
  readonly id: string;
  /** Tool name. */
  readonly name: string;
  /** JSON-encoded arguments, exactly as the model wrote them. */
  readonly arguments: string;
}

/**
 * One message of a conversation.
 *
 * @example
 * ```ts
 * const messages: ChatMessage[] = [
 *   { role: 'system', content: 'You are terse.' },
 *   { role: 'user', content: 'Weather in Paris?' },
 *   { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}' }] },
 *   { role: 'tool', toolCallId: 'call_1', content: '{"celsius":18}' },
 * ];
 * ```
 */
export interface ChatMessage {
  /** Who speaks. `tool` messages answer a {@link ToolCall} named by `toolCallId`. */
  readonly role: 'system' | 'user' | 'assistant' | 'tool';
  /** Text, or parts for multi-modal input. */
  readonly content: string | readonly ContentPart[];
  /** Tool calls the assistant made (assistant messages only). */
  readonly toolCalls?: readonly ToolCall[];
  /** The tool call this message answers (tool messages only). */
  readonly toolCallId?: string;
}

/**
 * A tool the model may call; `parameters` is a JSON Schema object.
 *
 * @example
 * ```ts
 * const weather: ToolDefinition = {
 *   name: 'weather',
 *   description: 'Current weather in a city',
 *   parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
 * };
 * ```
 */
export interface ToolDefinition {
  /** Tool name. */
  readonly name: string;
  /** What the tool does, for the model. */
  readonly description?: string;
  /** JSON Schema of the arguments. */
  readonly parameters?: Readonly<Record<string, unknown>>;
}

/**
 * A chat completion request, the same for every provider.
 *
 * @example
 * ```ts
 * const request: ChatRequest = {
 *   model: 'openai:gpt-4o-mini',
 *   messages: [{ role: 'user', content: 'Hello' }],
 *   maxOutputTokens: 200,
 *   tags: { customer: 'acme' },
 * };
 * ```
 */
export interface ChatRequest extends BaseRequest {
  /** The conversation so far. */
  readonly messages: readonly ChatMessage[];
  /** Tools the model may call. */
  readonly tools?: readonly ToolDefinition[];
  /** Whether and which tool the model must call. @default 'auto' when tools are given */
  readonly toolChoice?: 'auto' | 'none' | 'required' | { readonly name: string };
  /** Upper bound on output tokens; also what budgets reserve before the call. */
  readonly maxOutputTokens?: number;
  /** Sampling temperature. @default the provider's */
  readonly temperature?: number;
  /** Nucleus sampling. @default the provider's */
  readonly topP?: number;
  /** Stop sequences. */
  readonly stop?: readonly string[];
}

/**
 * Why generation stopped, normalized across providers.
 *
 * @example
 * ```ts
 * const { output } = await ai.chat({ model: 'openai:gpt-4o-mini', messages, maxOutputTokens: 50 });
 * const reason: FinishReason = output.finishReason;
 * if (reason === 'length') console.warn('the reply was cut at maxOutputTokens');
 * ```
 */
export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'other';

/**
 * The result of a chat completion.
 *
 * @example
 * ```ts
 * const output: ChatOutput = (await ai.chat({ model: 'openai:gpt-4o-mini', messages })).output;
 * console.log(output.text, output.toolCalls.length, output.finishReason);
 * ```
 */
export interface ChatOutput {
  /** The generated text ('' when the model only called tools). */
  readonly text: string;
  /** Tool calls the model made. */
  readonly toolCalls: readonly ToolCall[];
  /** Why generation stopped. */
  readonly finishReason: FinishReason;
}

/**
 * A fragment of a tool call in a stream; fragments with the same `index` concatenate.
 *
 * @example
 * ```ts
 * const args: string[] = [];
 * for await (const delta of ai.streamChat({ model: 'openai:gpt-4o-mini', messages, tools: [weather] })) {
 *   for (const part of delta.toolCalls ?? []) args[part.index] = (args[part.index] ?? '') + (part.argumentsDelta ?? '');
 * }
 * ```
 */
export interface ToolCallDelta {
  /** Position of the tool call in the reply. */
  readonly index: number;
  /** Call id, on the first fragment. */
  readonly id?: string;
  /** Tool name, on the first fragment. */
  readonly name?: string;
  /** The next piece of the JSON arguments. */
  readonly argumentsDelta?: string;
}

/**
 * One chunk of a streamed chat completion.
 *
 * @example
 * ```ts
 * for await (const delta of ai.streamChat({ model: 'gemini:gemini-2.5-flash', messages })) {
 *   if (delta.text) process.stdout.write(delta.text);
 * }
 * ```
 */
export interface ChatDelta {
  /** The next piece of text. */
  readonly text?: string;
  /** Tool-call fragments. */
  readonly toolCalls?: readonly ToolCallDelta[];
}
