import type { ChatMessage, ChatOutput, ChatRequest, ContentPart, FinishReason } from '../../operations/chat.js';

/** A chat completions request body, as far as the adapter builds it (cast to the SDK's params at the call). */
export type OpenAIChatBody = Readonly<Record<string, unknown>> & { readonly model: string; readonly messages: readonly unknown[] };

/**
 * Maps a normalized chat request to a chat completions body: messages keep their roles (`tool` messages carry
 * `tool_call_id`, assistant tool calls become `tool_calls`), image parts become `image_url` parts, tools become
 * function tools, `toolChoice` `{name}` becomes `{type:"function", function:{name}}`, and `maxOutputTokens`
 * becomes `max_completion_tokens` (the parameter every current model takes, reasoning models included).
 * `providerOptions.openai` is merged over the result.
 */
export function toOpenAIChatBody(model: string, request: ChatRequest): OpenAIChatBody {
  const choice = request.toolChoice;
  return {
    model,
    messages: request.messages.map(toMessage),
    ...(request.tools?.length
      ? { tools: request.tools.map((t) => ({ type: 'function', function: { name: t.name, ...(t.description ? { description: t.description } : {}), ...(t.parameters ? { parameters: t.parameters } : {}) } })) }
      : {}),
    ...(choice === undefined ? {} : { tool_choice: typeof choice === 'object' ? { type: 'function', function: { name: choice.name } } : choice }),
    ...(request.maxOutputTokens === undefined ? {} : { max_completion_tokens: request.maxOutputTokens }),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.topP === undefined ? {} : { top_p: request.topP }),
    ...(request.stop === undefined ? {} : { stop: [...request.stop] }),
    ...request.providerOptions?.['openai'],
  };
}

function toMessage(message: ChatMessage): Record<string, unknown> {
  if (message.role === 'tool') return { role: 'tool', tool_call_id: message.toolCallId ?? '', content: textOf(message.content) };
  if (message.role === 'assistant') {
    const calls = message.toolCalls ?? [];
    const text = textOf(message.content);
    return {
      role: 'assistant',
      content: text === '' && calls.length > 0 ? null : text,
      ...(calls.length > 0 ? { tool_calls: calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) } : {}),
    };
  }
  const content = typeof message.content === 'string' ? message.content : message.content.map(toPart);
  return { role: message.role, content };
}

function toPart(part: ContentPart): Record<string, unknown> {
  return part.type === 'text' ? { type: 'text', text: part.text } : { type: 'image_url', image_url: { url: part.url } };
}

function textOf(content: ChatMessage['content']): string {
  return typeof content === 'string' ? content : content.map((p) => (p.type === 'text' ? p.text : '')).join('');
}

const FINISH: Readonly<Record<string, FinishReason>> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
  content_filter: 'content-filter',
};

/** The normalized finish reason (`stop` while none was sent). */
export function finishReason(raw: string | null | undefined): FinishReason {
  return raw ? (FINISH[raw] ?? 'other') : 'stop';
}

/** A completion message as far as the adapter reads it. */
export interface OpenAIMessage {
  readonly content?: string | null;
  readonly tool_calls?: readonly { readonly id: string; readonly type?: string; readonly function?: { readonly name: string; readonly arguments: string } }[] | null;
}

/** The chat output of a non-streamed completion's first choice. */
export function chatOutput(message: OpenAIMessage | undefined, rawFinish: string | null | undefined): ChatOutput {
  const toolCalls = (message?.tool_calls ?? []).filter((c) => c.function).map((c) => ({ id: c.id, name: c.function!.name, arguments: c.function!.arguments }));
  return { text: message?.content ?? '', toolCalls, finishReason: finishReason(rawFinish) };
}
