import { composeReply, seededId, seededWords, simulatedTokenCount } from '../tokens.js';
import type { ChatCompletionsRequest, WireTool } from './chat-request.js';
import { promptText } from './chat-request.js';
import { isReasoningModel } from './models.js';

/** A tool call the simulated model makes. */
export interface AnswerToolCall {
  readonly id: string;
  readonly name: string;
  /** JSON text of the arguments. */
  readonly arguments: string;
}

/** What the simulated model answers. */
export interface ChatAnswer {
  /** Text pieces, one simulated token each (empty for a tool call). */
  readonly pieces: readonly string[];
  readonly toolCall?: AnswerToolCall;
  /** Completion tokens, reasoning included. */
  readonly completionTokens: number;
  /** Reasoning tokens, a subset of `completionTokens`. */
  readonly reasoningTokens: number;
  readonly finishReason: 'stop' | 'length' | 'tool_calls';
}

// Reasoning tokens per answer token, by `reasoning_effort` (default medium).
const EFFORT: Readonly<Record<string, number>> = { none: 0, minimal: 0, low: 1, medium: 2, high: 4 };

/**
 * The deterministic answer.
 *
 * - Tool call: when the request declares function tools, `tool_choice` is not `none` and the last message is
 *   the user's, the model calls the function `tool_choice` names; else the first tool whose name the last user
 *   message mentions; else, with `tool_choice: "required"`, the first tool. Arguments: a seeded word per string
 *   property, 1 per number or integer, true per boolean. It costs `simulatedTokenCount(name + ' ' + arguments)`.
 * - Text: {@link composeReply} seeded by the prompt text, `replyWords` words and a full stop.
 * - Reasoning models ({@link isReasoningModel}) first reason `EFFORT × (replyWords + 1)` tokens (effort none /
 *   minimal 0, low 1, medium 2, high 4). `max_completion_tokens` (else `max_tokens`) caps reasoning plus visible
 *   text; a cut reply finishes with `length`.
 */
export function answerChat(request: ChatCompletionsRequest, replyWords: number): ChatAnswer {
  const seed = promptText(request);
  const reasoningWanted = isReasoningModel(request.model) ? (EFFORT[request.reasoning_effort ?? 'medium'] ?? 2) * (replyWords + 1) : 0;
  const cap = request.max_completion_tokens ?? request.max_tokens ?? undefined;
  const reasoning = cap === undefined ? reasoningWanted : Math.min(reasoningWanted, cap);
  const tool = chooseTool(request);
  if (tool) {
    const name = tool.function?.name ?? '';
    const args = JSON.stringify(toolArguments(tool, seed));
    const toolCall = { id: `call_${seededId(`${seed}:${name}`, 24)}`, name, arguments: args };
    const tokens = simulatedTokenCount(`${name} ${args}`);
    return { pieces: [], toolCall, completionTokens: reasoning + tokens, reasoningTokens: reasoning, finishReason: 'tool_calls' };
  }
  const reply = composeReply(seed, replyWords, cap === undefined ? undefined : cap - reasoning);
  return {
    pieces: reply.pieces,
    completionTokens: reasoning + reply.pieces.length,
    reasoningTokens: reasoning,
    finishReason: reply.truncated ? 'length' : 'stop',
  };
}

function chooseTool(request: ChatCompletionsRequest): WireTool | undefined {
  const tools = (request.tools ?? []).filter((t) => t.type === 'function' && t.function?.name);
  const choice = request.tool_choice ?? 'auto';
  const last = request.messages.at(-1);
  if (tools.length === 0 || choice === 'none' || last?.role !== 'user') return undefined;
  if (typeof choice === 'object') return tools.find((t) => t.function?.name === choice.function?.name);
  const said = (typeof last.content === 'string' ? last.content : (last.content ?? []).map((p) => p.text ?? '').join(' ')).toLowerCase();
  return tools.find((t) => said.includes(t.function!.name!.toLowerCase())) ?? (choice === 'required' ? tools[0] : undefined);
}

function toolArguments(tool: WireTool, seed: string): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  const properties = Object.entries(tool.function?.parameters?.properties ?? {});
  const words = seededWords(`${seed}:${tool.function?.name ?? ''}`, properties.length);
  properties.forEach(([name, schema], i) => {
    if (schema.type === 'string') args[name] = words[i];
    else if (schema.type === 'number' || schema.type === 'integer') args[name] = 1;
    else if (schema.type === 'boolean') args[name] = true;
  });
  return args;
}
