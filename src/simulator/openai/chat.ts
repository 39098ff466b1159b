import type { Exchange, WireChunk } from '../exchange.js';
import { seededId } from '../tokens.js';
import { answerChat, type ChatAnswer } from './chat-answer.js';
import { parseChatRequest, promptSegments, promptText, promptTokens, type ChatCompletionsRequest } from './chat-request.js';
import type { OpenAIContext } from './context.js';
import { invalidRequest } from './errors.js';

const FINGERPRINT = 'fp_5im0a7e1d9';
// Tool-call arguments stream in pieces of this many characters, as the API splits them into small fragments.
const ARGUMENT_PIECE = 8;

/**
 * `POST /v1/chat/completions`. JSON, or with `stream: true` an SSE stream (`data: <json>\n\n`, ending with
 * `data: [DONE]`): a role chunk, one chunk per token (or the tool call in fragments), a finish chunk, and with
 * `stream_options.include_usage` one more chunk with `choices: []` and the usage, every other chunk then
 * carrying `"usage": null`. Usage follows `CompletionUsage`: cached ⊂ prompt, reasoning ⊂ completion.
 */
export async function handleChat(exchange: Exchange, ctx: OpenAIContext): Promise<void> {
  const request = parseChatRequest(exchange.body?.json);
  if ('param' in request) return exchange.error(invalidRequest(request.message, request.param, request.code ?? null));
  const answer = answerChat(request, ctx.replyWords);
  const prompt = promptTokens(request);
  const refused = ctx.admit(request.model, prompt + answer.completionTokens);
  if (refused) return exchange.error(refused);
  const cached = ctx.cache.lookup(ctx.keyId, request.model, promptSegments(request), prompt);
  const usage = completionUsage(prompt, cached, answer);
  const head = {
    id: `chatcmpl-${seededId(`${exchange.entry.id}:${ctx.now()}:${promptText(request)}`, 29)}`,
    created: Math.floor(ctx.now() / 1000),
    model: request.model,
  };
  if (!request.stream) {
    const body = {
      ...head,
      object: 'chat.completion',
      choices: [{ index: 0, message: message(answer), logprobs: null, finish_reason: answer.finishReason }],
      usage,
      service_tier: 'default',
      system_fingerprint: FINGERPRINT,
    };
    return exchange.json(200, body, { usage });
  }
  const chunks = streamChunks(request, answer, usage, head);
  return exchange.reply(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' }, chunks, 'sse');
}

function completionUsage(prompt: number, cached: number, answer: ChatAnswer): Record<string, unknown> {
  return {
    prompt_tokens: prompt,
    completion_tokens: answer.completionTokens,
    total_tokens: prompt + answer.completionTokens,
    prompt_tokens_details: { cached_tokens: cached, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: answer.reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function message(answer: ChatAnswer): Record<string, unknown> {
  const call = answer.toolCall;
  return {
    role: 'assistant',
    content: call ? null : answer.pieces.join(''),
    ...(call ? { tool_calls: [{ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }] } : {}),
    refusal: null,
    annotations: [],
  };
}

function streamChunks(request: ChatCompletionsRequest, answer: ChatAnswer, usage: Record<string, unknown>, head: Record<string, unknown>): WireChunk[] {
  const withUsage = request.stream_options?.include_usage === true;
  const event = (choices: unknown[], extra: Record<string, unknown> = {}): string =>
    `data: ${JSON.stringify({ ...head, object: 'chat.completion.chunk', service_tier: 'default', system_fingerprint: FINGERPRINT, choices, ...(withUsage ? { usage: null } : {}), ...extra })}\n\n`;
  const choice = (delta: unknown, finish: string | null = null): unknown => ({ index: 0, delta, logprobs: null, finish_reason: finish });
  const deltas: unknown[] = [];
  const call = answer.toolCall;
  if (call) {
    deltas.push({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }], refusal: null });
    for (let i = 0; i < call.arguments.length; i += ARGUMENT_PIECE) {
      deltas.push({ tool_calls: [{ index: 0, function: { arguments: call.arguments.slice(i, i + ARGUMENT_PIECE) } }] });
    }
  } else {
    deltas.push({ role: 'assistant', content: '', refusal: null }, ...answer.pieces.map((piece) => ({ content: piece })));
  }
  const chunks: WireChunk[] = deltas.map((delta) => ({ data: event([choice(delta)]) }));
  chunks.push({ data: event([choice({}, answer.finishReason)]) });
  if (withUsage) chunks.push({ data: event([], { usage }), usage });
  chunks.push({ data: 'data: [DONE]\n\n' });
  return chunks;
}
