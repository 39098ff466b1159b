import type { IncomingHttpHeaders } from 'node:http';
import { keyFingerprint } from './keys.js';
import type { AppliedFault, SimulatedProvider, SimulatedRequest } from './types.js';

/** A log entry the simulator keeps filling in while the response is in flight. */
export type LogEntry = { -readonly [K in keyof SimulatedRequest]: SimulatedRequest[K] };

const KEY_HEADERS = new Set(['authorization', 'x-goog-api-key', 'xi-api-key']);

/** The key a request carries, from whichever place its provider reads it. */
export function requestKey(provider: SimulatedProvider, headers: IncomingHttpHeaders, url: URL): string | undefined {
  if (provider === 'openai') return /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1]?.trim();
  if (provider === 'gemini') return single(headers['x-goog-api-key']) ?? url.searchParams.get('key') ?? undefined;
  return single(headers['xi-api-key']);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Starts the log entry of a request that just arrived; key material is reduced to its fingerprint. */
export function openEntry(init: {
  id: number;
  time: number;
  provider: SimulatedProvider;
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  key: string | undefined;
}): LogEntry {
  const retry = single(init.headers['x-stainless-retry-count']);
  const fingerprint = init.key ? keyFingerprint(init.key) : undefined;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(init.headers)) {
    if (value === undefined) continue;
    headers[name] = KEY_HEADERS.has(name) ? `[redacted ${fingerprint ?? 'key'}]` : [value].flat().join(', ');
  }
  return {
    id: init.id,
    time: init.time,
    provider: init.provider,
    operation: 'unknown',
    method: init.method,
    path: redactedPath(init.url),
    headers,
    body: undefined,
    model: undefined,
    retryCount: retry !== undefined && /^\d+$/.test(retry) ? Number(retry) : undefined,
    keyFingerprint: fingerprint,
    status: undefined,
    usage: undefined,
    chunksSent: 0,
    clientClosedEarly: false,
    fault: undefined as AppliedFault | undefined,
  };
}

function redactedPath(url: URL): string {
  if (!url.searchParams.has('key')) return url.pathname + url.search;
  const params = new URLSearchParams(url.searchParams);
  params.set('key', 'REDACTED');
  return `${url.pathname}?${params.toString()}`;
}
