import { BillingExportError, type BillingService } from '../../errors/billing-export-error.js';
import type { BillingSettings } from './billing-sink-options.js';
import { retryAfterHeaderMs } from '../../time/retry-after-header.js';

/** A reply that reached the sink: its status and body text. */
export interface JsonReply {
  readonly status: number;
  readonly body: string;
}

/** What {@link postJson} sends. */
export interface JsonPost {
  readonly service: BillingService;
  readonly url: string;
  readonly contentType: string;
  readonly apiKey: string | undefined;
  readonly body: unknown;
  readonly settings: BillingSettings;
}

/**
 * POSTs a JSON body with `fetch` (Bearer auth when an API key is set), abandoning it after `timeoutMs`. Resolves
 * with any reply but 429, 408 and 5xx; those, a network failure and a timeout reject with a retryable
 * {@link BillingExportError} carrying the reply's `Retry-After`. The key is never part of a message.
 */
export async function postJson(post: JsonPost): Promise<JsonReply> {
  const { service, settings } = post;
  const headers: Record<string, string> = { 'content-type': post.contentType, accept: 'application/json' };
  if (post.apiKey !== undefined) headers.authorization = `Bearer ${post.apiKey}`;
  let response: Response;
  try {
    response = await fetch(post.url, { method: 'POST', headers, body: JSON.stringify(post.body), signal: AbortSignal.timeout(settings.timeoutMs) });
  } catch (error) {
    const timedOut = (error as Error | null)?.name === 'TimeoutError';
    throw new BillingExportError(service, timedOut ? `no reply within ${settings.timeoutMs} ms` : 'the service could not be reached', { retryable: true, cause: error });
  }
  const body = await response.text().catch(() => '');
  const { status } = response;
  if (status === 429 || status === 408 || status >= 500) {
    const retryAfterMs = retryAfterHeaderMs(response.headers.get('retry-after'), settings.clock.now());
    throw new BillingExportError(service, `HTTP ${status}: ${body.slice(0, 200)}`, { status, retryable: true, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
  }
  return { status, body };
}

/** The body parsed as JSON, or undefined. */
export function parseBody(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}
