import { digest, simulatedTokenCount } from '../tokens.js';
import { positiveIntegerProblem, type ParamProblem } from './integer-param.js';

/** A content part of a chat message, as far as the simulator reads it. */
export interface WireContentPart {
  readonly type?: string;
  readonly text?: string;
}

/** A tool call inside an assistant message. */
export interface WireToolCall {
  readonly id?: string;
  readonly function?: { readonly name?: string; readonly arguments?: string };
}

/** One chat message. */
export interface WireMessage {
  readonly role?: string;
  readonly content?: string | readonly WireContentPart[] | null;
  readonly name?: string;
  readonly tool_calls?: readonly WireToolCall[];
}

/** A function tool the request declares. */
export interface WireTool {
  readonly type?: string;
  readonly function?: {
    readonly name?: string;
    readonly parameters?: { readonly properties?: Readonly<Record<string, { readonly type?: string }>> };
  };
}

/** The fields of a chat completions request the simulator uses. */
export interface ChatCompletionsRequest {
  readonly model: string;
  readonly messages: readonly WireMessage[];
  readonly stream?: boolean;
  readonly stream_options?: { readonly include_usage?: boolean } | null;
  readonly max_tokens?: number | null;
  readonly max_completion_tokens?: number | null;
  readonly reasoning_effort?: string | null;
  readonly tools?: readonly WireTool[];
  readonly tool_choice?: 'none' | 'auto' | 'required' | { readonly type?: string; readonly function?: { readonly name?: string } };
}

// The overheads OpenAI's own token-counting guide uses for chat models.
const PER_MESSAGE = 3;
const PER_NAME = 1;
const REPLY_PRIMING = 3;
// What OpenAI bills for one low-detail image; every image part is charged that.
const IMAGE_TOKENS = 85;

/** A request with its required fields and token caps checked, or the 400 the API would send. */
export function parseChatRequest(json: unknown): ChatCompletionsRequest | ParamProblem {
  if (typeof json !== 'object' || json === null) return { message: 'We could not parse the JSON body of your request.', param: 'body' };
  const request = json as Partial<ChatCompletionsRequest>;
  if (typeof request.model !== 'string') return { message: "Missing required parameter: 'model'.", param: 'model' };
  if (!Array.isArray(request.messages)) return { message: "Missing required parameter: 'messages'.", param: 'messages' };
  if (request.messages.length === 0) return { message: "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", param: 'messages' };
  return positiveIntegerProblem(request.max_tokens, 'max_tokens') ?? positiveIntegerProblem(request.max_completion_tokens, 'max_completion_tokens') ?? (request as ChatCompletionsRequest);
}

/**
 * The simulated prompt tokens of one message: 3 per message, 1 more for a `name`, plus
 * {@link simulatedTokenCount} of its text parts (85 per image part) and of each tool call's name and arguments.
 */
export function messageTokens(message: WireMessage): number {
  let tokens = PER_MESSAGE + (message.name ? PER_NAME + simulatedTokenCount(message.name) : 0);
  if (typeof message.content === 'string') tokens += simulatedTokenCount(message.content);
  else for (const part of message.content ?? []) tokens += part.type === 'text' ? simulatedTokenCount(part.text ?? '') : IMAGE_TOKENS;
  for (const call of message.tool_calls ?? []) tokens += simulatedTokenCount(`${call.function?.name ?? ''} ${call.function?.arguments ?? ''}`);
  return tokens;
}

/**
 * Prompt tokens of a request: the tool definitions ({@link simulatedTokenCount} of their JSON), then every
 * message ({@link messageTokens}), plus 3 that prime the reply.
 */
export function promptTokens(request: ChatCompletionsRequest): number {
  return promptSegments(request).reduce((sum, segment) => sum + segment.tokens, 0) + REPLY_PRIMING;
}

/** One part of a prompt (the tool definitions, or one message): its content hash and its tokens. */
export interface PromptSegment {
  readonly hash: string;
  readonly tokens: number;
}

/** The prompt's parts in order, tools first, then each message: the prompt cache compares these. */
export function promptSegments(request: ChatCompletionsRequest): PromptSegment[] {
  const tools = request.tools?.length ? [{ hash: digest(request.tools), tokens: simulatedTokenCount(JSON.stringify(request.tools)) }] : [];
  return [...tools, ...request.messages.map((m) => ({ hash: digest(m), tokens: messageTokens(m) }))];
}

/** All text of the prompt, which seeds the deterministic reply. */
export function promptText(request: ChatCompletionsRequest): string {
  return request.messages.map((m) => (typeof m.content === 'string' ? m.content : (m.content ?? []).map((p) => p.text ?? '').join(''))).join('\n');
}
