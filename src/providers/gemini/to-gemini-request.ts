import type { ChatMessage, ChatRequest, ContentPart, ToolCall } from '../../operations/chat.js';

/** A `Part` as the v1beta wire format takes it. */
export type GeminiPart =
  | { readonly text: string }
  | { readonly inlineData: { readonly mimeType: string; readonly data: string } }
  | { readonly fileData: { readonly mimeType: string; readonly fileUri: string } }
  | { readonly functionCall: { readonly name: string; readonly args: object } }
  | { readonly functionResponse: { readonly name: string; readonly response: object } };

/** A `Content`. */
export interface GeminiContent {
  readonly role: 'user' | 'model' | 'function' | 'system';
  readonly parts: GeminiPart[];
}

/**
 * The body of generateContent / streamGenerateContent. Enum fields are the wire strings; the SDK's enums are
 * the same strings at run time, so this is cast to its `GenerateContentRequest` at the call.
 */
export interface GeminiGenerateRequest {
  readonly contents: GeminiContent[];
  readonly systemInstruction?: GeminiContent;
  readonly tools?: { readonly functionDeclarations: object[] }[];
  readonly toolConfig?: { readonly functionCallingConfig: { readonly mode: string; readonly allowedFunctionNames?: string[] } };
  readonly generationConfig?: Readonly<Record<string, unknown>>;
  readonly [extra: string]: unknown;
}

/**
 * Maps a normalized chat request to Gemini's: `system` messages become `systemInstruction`, `assistant` the
 * `model` role (its tool calls `functionCall` parts), consecutive `tool` messages one `function` content of
 * `functionResponse` parts (the API wants all answers of one turn together), named after the call they answer.
 * A tool result that is a JSON object is sent as is, any other text as `{ "result": text }`. Tools become
 * `functionDeclarations`; `toolChoice` `required` / `{name}` become mode `ANY` (restricted to that name).
 * `providerOptions.gemini` is merged over the result (its `generationConfig` over ours, key by key).
 */
export function toGeminiRequest(request: ChatRequest): GeminiGenerateRequest {
  const system = request.messages.filter((m) => m.role === 'system').flatMap((m) => toParts(m.content));
  const generationConfig = {
    ...(request.maxOutputTokens === undefined ? {} : { maxOutputTokens: request.maxOutputTokens }),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.topP === undefined ? {} : { topP: request.topP }),
    ...(request.stop === undefined ? {} : { stopSequences: [...request.stop] }),
  };
  const extra = request.providerOptions?.['gemini'] ?? {};
  const extraConfig = extra['generationConfig'];
  return {
    contents: toContents(request.messages),
    ...(system.length > 0 ? { systemInstruction: { role: 'system', parts: system } } : {}),
    ...(request.tools?.length ? { tools: [{ functionDeclarations: request.tools.map((t) => ({ ...t })) }] } : {}),
    ...toolConfig(request),
    ...extra,
    generationConfig: { ...generationConfig, ...(typeof extraConfig === 'object' && extraConfig !== null ? extraConfig : {}) },
  };
}

/** The `contents` of a conversation (system messages excluded). */
export function toContents(messages: readonly ChatMessage[]): GeminiContent[] {
  const calls = new Map<string, ToolCall>();
  const contents: GeminiContent[] = [];
  for (const message of messages) {
    if (message.role === 'system') continue;
    if (message.role === 'tool') {
      const part = { functionResponse: { name: calls.get(message.toolCallId ?? '')?.name ?? message.toolCallId ?? '', response: toolResult(message.content) } };
      const previous = contents.at(-1);
      if (previous?.role === 'function') previous.parts.push(part);
      else contents.push({ role: 'function', parts: [part] });
      continue;
    }
    const parts = toParts(message.content);
    for (const call of message.toolCalls ?? []) {
      calls.set(call.id, call);
      parts.push({ functionCall: { name: call.name, args: parseArguments(call.arguments) } });
    }
    contents.push({ role: message.role === 'assistant' ? 'model' : 'user', parts });
  }
  return contents;
}

function toParts(content: ChatMessage['content']): GeminiPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  return content.map(toPart);
}

function toPart(part: ContentPart): GeminiPart {
  if (part.type === 'text') return { text: part.text };
  const data = /^data:([^;,]+);base64,(.*)$/s.exec(part.url);
  if (data) return { inlineData: { mimeType: data[1]!, data: data[2]! } };
  return { fileData: { mimeType: part.mediaType ?? 'application/octet-stream', fileUri: part.url } };
}

function toolResult(content: ChatMessage['content']): object {
  const text = typeof content === 'string' ? content : content.map((p) => (p.type === 'text' ? p.text : '')).join('');
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed;
  } catch {
    // Not JSON: sent wrapped below.
  }
  return { result: text };
}

function parseArguments(json: string): object {
  try {
    const parsed: unknown = JSON.parse(json || '{}');
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

function toolConfig(request: ChatRequest): Pick<GeminiGenerateRequest, 'toolConfig'> {
  const choice = request.toolChoice;
  if (choice === undefined || !request.tools?.length) return {};
  if (typeof choice === 'object') return { toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.name] } } };
  const mode = { auto: 'AUTO', none: 'NONE', required: 'ANY' }[choice];
  return { toolConfig: { functionCallingConfig: { mode } } };
}

/** All text of a request's prompt (function calls and responses as name and JSON; media left out), for token estimates. */
export function requestText(request: GeminiGenerateRequest): string {
  const contents = request.systemInstruction ? [request.systemInstruction, ...request.contents] : request.contents;
  return contents
    .flatMap((content) => content.parts)
    .map(partText)
    .join('\n');
}

function partText(part: GeminiPart): string {
  if ('text' in part) return part.text;
  if ('functionCall' in part) return `${part.functionCall.name} ${JSON.stringify(part.functionCall.args)}`;
  if ('functionResponse' in part) return `${part.functionResponse.name} ${JSON.stringify(part.functionResponse.response)}`;
  return '';
}
