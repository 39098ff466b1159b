import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ParsedBody } from './body.js';
import type { Pauses } from './pauses.js';
import type { LogEntry } from './request-log.js';
import type { ErrorReply } from './types.js';

/** One piece of a response body; `usage` is recorded in the log once this piece is on the wire. */
export interface WireChunk {
  readonly data: string | Uint8Array;
  readonly usage?: unknown;
}

/** How the body is framed, which decides what a `malformed` fault sends. */
export type BodyKind = 'json' | 'sse' | 'sse-crlf' | 'binary';

/** Timing shared by every exchange of one simulator. */
export interface ExchangeTiming {
  readonly latencyMs: number;
  readonly chunkIntervalMs: number;
  /** Ended by close(), so no pending pause outlives the server. */
  readonly pauses: Pauses;
}

// Valid up to the cut, so parsers fail on the truncation rather than on something exotic.
const CORRUPT = '{"id":"sim_malformed","choices":[{"index":0,';

/**
 * One request/response pair. Every byte a handler sends goes through `reply`, which applies latency, pacing,
 * the cut and malformed faults, and keeps the log entry (status, chunks, usage, early close) current.
 */
export class Exchange {
  /** Resolves when the connection for this response closed, normally or not. */
  readonly done: Promise<void>;
  /** Key sent with the request (never logged). */
  key: string | undefined;
  body: ParsedBody | undefined;
  /** Set by a `cutAfterChunks` fault. */
  cutAfter: number | undefined;
  /** Set by an `errorAfterChunks` fault: the error event to send after that many events. */
  streamError: { readonly afterChunks: number; readonly reply: ErrorReply } | undefined;
  /** Set by a `malformed` fault. */
  malformed = false;
  /** Headers every response of this provider carries, computed when the head is written. */
  baseHeaders: () => Record<string, string> = () => ({});
  private closed = false;
  private serverCut = false;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly entry: LogEntry,
    readonly url: URL,
    private readonly timing: ExchangeTiming,
  ) {
    res.on('error', () => undefined);
    this.done = new Promise((resolve) => {
      res.once('close', () => {
        this.closed = true;
        if (!res.writableFinished && !this.serverCut) entry.clientClosedEarly = true;
        resolve();
      });
    });
  }

  /** Whether the connection is still there to write to. */
  get open(): boolean {
    return !this.closed;
  }

  /** Sends a JSON body (or a string verbatim) with `content-type: application/json`. */
  json(status: number, body: unknown, options: { headers?: Record<string, string>; usage?: unknown } = {}): Promise<void> {
    const data = typeof body === 'string' ? body : JSON.stringify(body);
    const headers = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(data)),
      ...options.headers,
    };
    return this.reply(status, headers, [{ data, usage: options.usage }], 'json');
  }

  /** Sends a provider error. */
  error(reply: ErrorReply): Promise<void> {
    return this.json(reply.status, reply.body ?? '', { headers: { ...reply.headers } });
  }

  /** Writes head and body chunks, honouring latency, pacing and any cut or malformed fault. */
  async reply(
    status: number,
    headers: Record<string, string>,
    chunks: Iterable<WireChunk> | AsyncIterable<WireChunk>,
    kind: BodyKind,
  ): Promise<void> {
    const streamError = this.streamError;
    if (streamError && !isEventStream(kind)) {
      this.streamError = undefined;
      return this.error(streamError.reply);
    }
    if (!(await this.pause(this.timing.latencyMs))) return;
    const body = this.malformed ? [corruptChunk(kind)] : streamError ? withErrorEvent(chunks, streamError.afterChunks, errorEvent(kind, streamError.reply)) : chunks;
    const head: Record<string, string> = { ...this.baseHeaders(), ...headers };
    if (this.malformed) delete head['content-length'];
    this.res.writeHead(status, head);
    this.res.flushHeaders();
    this.entry.status = status;
    let sent = 0;
    for await (const chunk of body) {
      if (this.cutAfter !== undefined && sent >= this.cutAfter) break;
      if (sent > 0 && !(await this.pause(this.timing.chunkIntervalMs))) return;
      if (!this.open) return;
      this.res.write(chunk.data);
      sent += 1;
      this.entry.chunksSent = sent;
      if (chunk.usage !== undefined) this.entry.usage = chunk.usage;
    }
    if (this.cutAfter !== undefined) this.destroy();
    else this.res.end();
  }

  /** Drops the connection without a (complete) response. */
  destroy(): void {
    this.serverCut = true;
    this.req.socket.destroy();
  }

  /** Waits `ms`; false if the connection or the simulator closed meanwhile. */
  async pause(ms: number): Promise<boolean> {
    if (ms > 0 && !(await this.timing.pauses.wait(ms))) return false;
    return this.open;
  }
}

function isEventStream(kind: BodyKind): boolean {
  return kind === 'sse' || kind === 'sse-crlf';
}

/** An error as one event of the stream: `data: <the error body's JSON>`. */
function errorEvent(kind: BodyKind, reply: ErrorReply): WireChunk {
  const json = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
  return { data: `data: ${json}${kind === 'sse-crlf' ? '\r\n\r\n' : '\n\n'}` };
}

/** The first `count` chunks (or all, if fewer), then the error event. */
async function* withErrorEvent(chunks: Iterable<WireChunk> | AsyncIterable<WireChunk>, count: number, error: WireChunk): AsyncIterable<WireChunk> {
  let sent = 0;
  for await (const chunk of chunks) {
    if (sent >= count) break;
    yield chunk;
    sent += 1;
  }
  yield error;
}

function corruptChunk(kind: BodyKind): WireChunk {
  if (kind === 'sse') return { data: `data: ${CORRUPT}\n\n` };
  if (kind === 'sse-crlf') return { data: `data: ${CORRUPT}\r\n\r\n` };
  return { data: CORRUPT };
}
