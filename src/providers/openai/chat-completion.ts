import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { AdapterCall } from '../../adapter.js';
import type { CallResult } from '../../call-result.js';
import type { ChatOutput } from '../../operations/chat.js';
import { mapOpenAIError } from './map-openai-error.js';
import { chatUsage } from './openai-usage.js';
import { requestOptions, withReply } from './request-options.js';
import { chatOutput, toOpenAIChatBody } from './to-openai-request.js';

/**
 * One chat completion (not streamed) with a client: the request body, the reply's output and usage as reported,
 * and the reply's status, request id and headers. Errors become `ProviderError` (or `AbortedError`).
 *
 * @example
 * ```ts
 * const result = await openAIChat(client, { model: 'gpt-4o-mini', request: { messages }, key, signal: undefined });
 * ```
 */
export async function openAIChat(client: OpenAI, call: AdapterCall<'chat'>): Promise<CallResult<ChatOutput>> {
  // The body is a fresh object: set `stream` on it rather than copying it.
  const body = toOpenAIChatBody(call.model, call.request) as Record<string, unknown>;
  body.stream = false;
  try {
    const { data, response, request_id } = await client.chat.completions.create(body as unknown as ChatCompletionCreateParamsNonStreaming, requestOptions(call.signal)).withResponse();
    const choice = data.choices[0];
    return withReply({ output: chatOutput(choice?.message, choice?.finish_reason), usage: chatUsage(data.usage, data.service_tier), raw: data }, response, request_id);
  } catch (error) {
    throw mapOpenAIError(error, call.key?.value, call.signal);
  }
}
