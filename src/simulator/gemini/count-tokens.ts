import type { Exchange } from '../exchange.js';
import { invalidArgument } from './errors.js';
import { contentModalities, contentTokens, parseGenerateRequest, promptContents } from './request.js';

/**
 * `:countTokens`: the prompt tokens a generate request with these contents would report (same rule, system
 * instruction included), as `{"totalTokens":N,"promptTokensDetails":[…]}`; zero fields are left out.
 */
export function handleCountTokens(exchange: Exchange): Promise<void> {
  const json = exchange.body?.json as { contents?: unknown; generateContentRequest?: unknown } | undefined;
  const request = json?.generateContentRequest === undefined
    ? parseGenerateRequest(json, 'CountTokensRequest')
    : parseGenerateRequest(json.generateContentRequest, 'CountTokensRequest.generate_content_request');
  if (typeof request === 'string') return exchange.error(invalidArgument(request));
  const prompt = promptContents(request);
  const total = contentTokens(prompt);
  const details = Object.entries(contentModalities(prompt)).filter(([, n]) => n > 0).map(([modality, tokenCount]) => ({ modality, tokenCount }));
  const body = total > 0 ? { totalTokens: total, promptTokensDetails: details } : {};
  return exchange.json(200, body);
}
