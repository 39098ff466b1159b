import { Duplex } from 'node:stream';

/**
 * The reply an {@link inProcessFetch} connection gives every request: a status, headers and a body.
 *
 * @example
 * ```ts
 * const reply: CannedReply = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };
 * ```
 */
export interface CannedReply {
  /** The HTTP status. */
  readonly status: number;
  /** The reply headers (`content-length` is added). */
  readonly headers: Readonly<Record<string, string>>;
  /** The body, sent in one piece. */
  readonly body: string;
}

/**
 * A `fetch` that never leaves the process, and its `close`.
 *
 * @example
 * ```ts
 * const local = inProcessFetch(reply);
 * if (local) try { await (await local.fetch('http://warm.invalid/')).text(); } finally { local.close(); }
 * ```
 */
export interface InProcessFetch {
  /** Node's own `fetch`, sending through an undici `Agent` whose connections are in-memory streams. */
  readonly fetch: typeof fetch;
  /** Destroys the agent and its in-memory connections (a request still open fails). */
  close(): void;
}

/** What this module needs of undici's `Agent`, which Node's `fetch` keeps as its global dispatcher. */
interface AgentLike {
  destroy(): Promise<void>;
}
type AgentClass = new (options: { connect: (options: unknown, done: (error: Error | null, socket: Duplex) => void) => void }) => AgentLike;

const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

/**
 * Node's own `fetch` (undici) wired to connections that are in-memory streams answering every request with
 * `reply`: the request is built, its body sent, the HTTP/1.1 reply parsed (undici's WebAssembly parser) and the
 * `Response` read exactly as for a server, with no socket, no DNS and no packet. Used to run the code of a
 * first request ahead of time. `undefined` where Node's fetch is not undici with an `Agent` as its global
 * dispatcher (another runtime, or a user's own dispatcher such as a proxy agent): there is nothing to warm then.
 *
 * @param reply - the reply every request gets
 * @returns the fetch and its close, or `undefined`
 *
 * @example
 * ```ts
 * const local = inProcessFetch({ status: 200, headers: { 'content-type': 'application/json' }, body: '{}' });
 * const response = await local?.fetch('http://warm.invalid/v1/chat/completions', { method: 'POST', body: '{}' });
 * ```
 */
export function inProcessFetch(reply: CannedReply): InProcessFetch | undefined {
  // On Node 24 (undici 7 as shipped with 24.22) an exchange over the in-memory connection never completes (seen
  // 2026-12-05): no warm-up there until the cause is known, rather than a request left hanging.
  if (NODE_MAJOR >= 24) return undefined;
  void globalThis.Response; // Node evaluates undici, and installs its global dispatcher, on first use.
  const Agent = (globalThis as Record<symbol, { constructor?: unknown } | undefined>)[GLOBAL_DISPATCHER]?.constructor as AgentClass | undefined;
  if (typeof Agent !== 'function' || Agent.name !== 'Agent') return undefined;
  const head = replyHead(reply);
  const agent = new Agent({ connect: (_options, done) => done(null, new CannedConnection(head, reply.body)) });
  const dispatcher = agent;
  return {
    fetch: (input, init) => fetch(input, { ...init, dispatcher } as RequestInit),
    close: () => void agent.destroy().catch(() => undefined),
  };
}

function replyHead(reply: CannedReply): string {
  const lines = [`HTTP/1.1 ${reply.status} Canned`];
  for (const [name, value] of Object.entries(reply.headers)) lines.push(`${name}: ${value}`);
  lines.push(`content-length: ${Buffer.byteLength(reply.body)}`, '', '');
  return lines.join('\r\n');
}

/**
 * One in-memory connection: reads each request (its head, then a `content-length` body or a chunked one) and
 * answers it with the canned reply. Has the few socket methods undici's HTTP/1.1 client calls.
 */
class CannedConnection extends Duplex {
  readonly alpnProtocol = null;
  readonly #reply: string;
  #received = '';

  constructor(head: string, body: string) {
    super();
    this.#reply = head + body;
  }

  override _read(): void {
    // Replies are pushed as requests complete.
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.#received += typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    if (requestComplete(this.#received)) {
      this.#received = '';
      this.push(this.#reply);
    }
    done();
  }

  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setTimeout(): this {
    return this;
  }
}

/** Whether `received` holds a whole request: a head, then its `content-length` bytes or a chunked body's end. */
function requestComplete(received: string): boolean {
  const end = received.indexOf('\r\n\r\n');
  if (end === -1) return false;
  const head = received.slice(0, end).toLowerCase();
  const body = received.length - end - 4;
  const length = /\r\ncontent-length:\s*(\d+)/.exec(head);
  if (length) return body >= Number(length[1]);
  if (/\r\ntransfer-encoding:\s*chunked/.test(head)) return body >= 5 && received.endsWith('0\r\n\r\n');
  return true;
}
