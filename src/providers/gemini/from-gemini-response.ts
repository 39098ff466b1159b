import type { ChatOutput, FinishReason, ToolCall } from '../../operations/chat.js';

/** The parts of a response candidate the adapter reads. */
export interface GeminiResponsePart {
  readonly text?: string;
  readonly thought?: boolean;
  readonly functionCall?: { readonly name: string; readonly args?: object; readonly id?: string };
}

/** A generate response (or stream chunk) as far as the adapter reads it. */
export interface GeminiResponse {
  readonly candidates?: readonly {
    readonly content?: { readonly parts?: readonly GeminiResponsePart[] };
    readonly finishReason?: string;
  }[];
  readonly promptFeedback?: { readonly blockReason?: string };
  readonly responseId?: string;
}

const FILTERED = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY']);

/** Text of the first candidate's parts (thought summaries excluded: they are not the answer). */
export function responseText(response: GeminiResponse): string {
  return answerParts(response).map((part) => part.text ?? '').join('');
}

/**
 * Tool calls of the first candidate. Gemini 0.24 calls carry no id, so one is made from the name and the
 * position in the reply (`name#0`); a `tool` message answering it is matched back by that id.
 */
export function responseToolCalls(response: GeminiResponse, offset = 0): ToolCall[] {
  return answerParts(response)
    .filter((part) => part.functionCall)
    .map((part, i) => ({
      id: part.functionCall!.id ?? `${part.functionCall!.name}#${offset + i}`,
      name: part.functionCall!.name,
      arguments: JSON.stringify(part.functionCall!.args ?? {}),
    }));
}

/** The normalized finish reason; `tool-calls` when the model called a function. */
export function finishReason(raw: string | undefined, toolCalls: number, blocked: boolean): FinishReason {
  if (blocked || (raw !== undefined && FILTERED.has(raw))) return 'content-filter';
  if (toolCalls > 0) return 'tool-calls';
  if (raw === 'MAX_TOKENS') return 'length';
  return raw === undefined || raw === 'STOP' ? 'stop' : 'other';
}

/** The chat output of a whole (non-streamed or aggregated) response. */
export function chatOutput(response: GeminiResponse): ChatOutput {
  const toolCalls = responseToolCalls(response);
  const raw = response.candidates?.[0]?.finishReason;
  return { text: responseText(response), toolCalls, finishReason: finishReason(raw, toolCalls.length, Boolean(response.promptFeedback?.blockReason)) };
}

function answerParts(response: GeminiResponse): readonly GeminiResponsePart[] {
  return (response.candidates?.[0]?.content?.parts ?? []).filter((part) => !part.thought);
}
