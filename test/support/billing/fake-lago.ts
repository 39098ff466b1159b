// Lago's batch events endpoint as documented (https://getlago.com/docs/api-reference/events/batch and
// https://getlago.com/docs/api-reference/errors, read 2026-12-05), on a loopback server: POST
// /api/v1/events/batch with Bearer auth and `{ events: [...] }` of at most 100; each event needs transaction_id,
// external_subscription_id, code and a Unix timestamp; a batch with any invalid event is refused whole with 422
// `validation_errors`, its `error_details` keyed by the event's position; a transaction_id already held is
// `value_already_exist` (the Postgres event store's answer).
import { startLoopback, type Answer, type LoopbackServer } from './loopback-server.js';

export interface LagoEventRecord {
  readonly transaction_id: string;
  readonly external_subscription_id: string;
  readonly code: string;
  readonly timestamp: number;
  readonly properties: Record<string, unknown>;
}

export interface FakeLago extends LoopbackServer {
  /** Events billed, by transaction_id. */
  readonly billed: Map<string, LagoEventRecord>;
}

function validation(details: Record<string, unknown>): Answer {
  return { status: 422, body: { status: 422, error: 'Unprocessable Entity', code: 'validation_errors', error_details: details } };
}

function errorsOf(e: Partial<LagoEventRecord>, codes: ReadonlySet<string> | undefined, subscriptions: ReadonlySet<string> | undefined, billed: ReadonlyMap<string, unknown>): Record<string, string[]> | undefined {
  if (typeof e.transaction_id !== 'string' || e.transaction_id === '') return { transaction_id: ['value_is_mandatory'] };
  if (typeof e.code !== 'string' || e.code === '' || (codes && !codes.has(e.code))) return { code: ['metric_not_found'] };
  if (typeof e.external_subscription_id !== 'string' || e.external_subscription_id === '' || (subscriptions && !subscriptions.has(e.external_subscription_id))) return { external_subscription_id: ['subscription_not_found'] };
  if (typeof e.timestamp !== 'number' || !Number.isFinite(e.timestamp)) return { timestamp: ['invalid_format'] };
  if (billed.has(e.transaction_id)) return { transaction_id: ['value_already_exist'] };
  return undefined;
}

/** A fake Lago knowing the billable metric `codes` and the `subscriptions` (every one when left out). */
export async function startFakeLago(apiKey: string, codes?: ReadonlySet<string>, subscriptions?: ReadonlySet<string>): Promise<FakeLago> {
  const billed = new Map<string, LagoEventRecord>();
  const server = await startLoopback((request) => {
    if (request.method !== 'POST' || request.path !== '/api/v1/events/batch') return { status: 404, body: { status: 404, error: 'Not Found' } };
    if (request.headers.authorization !== `Bearer ${apiKey}`) return { status: 401, body: { status: 401, error: 'Unauthorized' } };
    if (request.headers['content-type'] !== 'application/json') return { status: 400, body: { status: 400, error: 'BadRequest: expected JSON' } };
    const { events } = JSON.parse(request.body) as { events?: Partial<LagoEventRecord>[] };
    if (!Array.isArray(events)) return { status: 400, body: { status: 400, error: 'BadRequest: events must be an array' } };
    if (events.length > 100) return validation({ events: ['too_many_events'] });
    const details: Record<string, unknown> = {};
    events.forEach((e, i) => {
      const errors = errorsOf(e, codes, subscriptions, billed);
      if (errors) details[i] = errors;
    });
    if (Object.keys(details).length > 0) return validation(details);
    for (const e of events as LagoEventRecord[]) billed.set(e.transaction_id, e);
    return { status: 200, body: { events: events.map((e) => ({ ...e, lago_id: e.transaction_id, created_at: new Date().toISOString() })) } };
  });
  return Object.assign(server, { billed });
}
