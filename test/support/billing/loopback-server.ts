// A loopback HTTP server (node:http on 127.0.0.1) that plays one billing service for the billing sink tests: each
// request is recorded with its headers and raw body, and answered by the service's handler unless a fault was
// queued for it (a 429 with Retry-After, a 500, …), as the real service would answer under load.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the server received. */
export interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** An answer: status, JSON body (or none) and extra headers. */
export interface Answer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Answers one request; may be async to hold it open (to see concurrency). */
export type Handler = (request: Received) => Answer | Promise<Answer>;

/** A running loopback service. */
export interface LoopbackServer {
  readonly url: string;
  readonly port: number;
  readonly received: Received[];
  /** Answers the next requests with these, in order, before the handler answers again (a promise holds the reply). */
  fault(...answers: (Answer | Promise<Answer>)[]): void;
  close(): Promise<void>;
}

export async function startLoopback(handler: Handler): Promise<LoopbackServer> {
  const received: Received[] = [];
  const faults: (Answer | Promise<Answer>)[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request: Received = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      void Promise.resolve(faults.shift() ?? handler(request)).then((answer) => {
        const body = answer.body === undefined ? '' : JSON.stringify(answer.body);
        res.writeHead(answer.status, { ...(body ? { 'content-type': 'application/json' } : {}), ...answer.headers });
        res.end(body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    fault: (...answers) => faults.push(...answers),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
