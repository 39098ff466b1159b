// OpenMeter's ingest endpoint as documented (https://openmeter.io/docs/concepts/usage-events and the OpenAPI
// spec's ingestEvents, read 2026-12-05), on a loopback server: POST /api/v1/events with
// `Content-Type: application/cloudevents-batch+json` and Bearer auth, a JSON array of CloudEvents 1.0 with
// specversion, id, source, type, subject and an RFC 3339 time; 204 on success; events deduplicated by id and
// source; a request with one invalid event refused whole with 400 (application/problem+json).
import { startLoopback, type Answer, type LoopbackServer } from './loopback-server.js';

export interface CloudEventRecord {
  readonly specversion: string;
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject: string;
  readonly time: string;
  readonly data: Record<string, unknown>;
}

export interface FakeOpenMeter extends LoopbackServer {
  /** Events ingested, by `source/id`. */
  readonly ingested: Map<string, CloudEventRecord>;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function problem(status: number, detail: string): Answer {
  return { status, body: { type: 'about:blank', title: status === 401 ? 'Unauthorized' : 'Bad Request', status, detail } };
}

/** What is wrong with one event, or undefined. `refusedSubjects` stand for subjects the service rejects. */
function invalid(e: Partial<CloudEventRecord>, refusedSubjects: ReadonlySet<string>): string | undefined {
  if (e.specversion !== '1.0') return 'specversion must be 1.0';
  for (const field of ['id', 'source', 'type', 'subject'] as const) if (typeof e[field] !== 'string' || e[field] === '') return `${field} is required`;
  if (typeof e.time !== 'string' || !RFC3339.test(e.time)) return 'time must be RFC 3339';
  if (refusedSubjects.has(e.subject!)) return `subject ${e.subject} is not allowed`;
  return undefined;
}

export async function startFakeOpenMeter(apiKey: string, refusedSubjects: ReadonlySet<string> = new Set()): Promise<FakeOpenMeter> {
  const ingested = new Map<string, CloudEventRecord>();
  const server = await startLoopback((request) => {
    if (request.method !== 'POST' || request.path !== '/api/v1/events') return problem(404, 'not found');
    if (request.headers.authorization !== `Bearer ${apiKey}`) return problem(401, 'invalid token');
    if (request.headers['content-type'] !== 'application/cloudevents-batch+json') return problem(400, 'expected application/cloudevents-batch+json');
    const events = JSON.parse(request.body) as Partial<CloudEventRecord>[];
    if (!Array.isArray(events)) return problem(400, 'expected a JSON array of CloudEvents');
    for (const event of events) {
      const why = invalid(event, refusedSubjects);
      if (why !== undefined) return problem(400, why);
    }
    for (const event of events as CloudEventRecord[]) {
      const key = `${event.source}/${event.id}`;
      if (!ingested.has(key)) ingested.set(key, event);
    }
    return { status: 204 };
  });
  return Object.assign(server, { ingested });
}
