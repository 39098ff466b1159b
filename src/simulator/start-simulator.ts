import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readBody } from './body.js';
import { Exchange } from './exchange.js';
import { FaultBook, type FaultSubject } from './faults.js';
import { ReplayBook, sendRecorded } from './recorded-replies.js';
import { Pauses } from './pauses.js';
import type { ProviderRoute, RouteEnvironment, RouteMatch } from './provider-route.js';
import { openEntry, requestKey, type LogEntry } from './request-log.js';
import { createElevenLabsRoute } from './elevenlabs/route.js';
import { createGeminiRoute } from './gemini/route.js';
import { createOpenAIRoute } from './openai/route.js';
import type { FaultAction, Simulator, SimulatorOptions } from './types.js';

/**
 * Starts the offline provider simulator: one HTTP server on 127.0.0.1 that the official OpenAI, Gemini and
 * ElevenLabs SDKs cannot tell from the real services (OpenAI under `/v1`, Gemini under `/v1beta`, ElevenLabs
 * under `/v1/text-to-speech` and `/v1/user`). It enforces per-key quotas, injects scripted faults and logs
 * every request with key values reduced to fingerprints.
 *
 * @param options - port, clock, pacing, keys and quotas; everything is optional.
 * @returns the running simulator; call `close()` when done.
 *
 * @example
 * ```ts
 * const sim = await startSimulator();
 * const client = new OpenAI({ apiKey: 'sk-test', baseURL: sim.openaiBaseURL, maxRetries: 0 });
 * await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
 * console.log(sim.requests[0]?.usage);
 * await sim.close();
 * ```
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const env: RouteEnvironment = { options, now: options.now ?? Date.now };
  // ElevenLabs and Gemini claim their paths before OpenAI's catch-all `/v1`.
  const routes: ProviderRoute[] = [createElevenLabsRoute(env), createGeminiRoute(env), createOpenAIRoute(env)];
  const books: RuleBooks = { faults: new FaultBook(), replays: new ReplayBook() };
  const log: LogEntry[] = [];
  const inFlight = new Set<Promise<void>>();
  const closing = new AbortController();
  const timing = {
    latencyMs: options.latencyMs ?? 0,
    chunkIntervalMs: options.chunkIntervalMs ?? 0,
    pauses: new Pauses(closing.signal),
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const found = findRoute(routes, method, url.pathname);
    if (!found) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no simulated route"}');
      return;
    }
    const { route } = found;
    let { match } = found;
    const key = requestKey(route.provider, req.headers, url);
    const entry = openEntry({ id: log.length + 1, time: env.now(), provider: route.provider, method, url, headers: req.headers, key });
    entry.operation = match.operation;
    entry.model = match.model;
    log.push(entry);
    const exchange = new Exchange(req, res, entry, url, timing);
    exchange.key = key;
    exchange.baseHeaders = () => route.baseHeaders(exchange, match);
    exchange.body = await readBody(req);
    entry.body = exchange.body.summary;
    if (route.refine) match = route.refine(match, exchange.body);
    entry.operation = match.operation;
    entry.model ??= bodyModel(exchange.body.json);
    await answer(books, { provider: route.provider, operation: match.operation, path: url.pathname, key, model: entry.model }, exchange, route, match);
  };

  const server = createServer((req, res) => {
    const task = serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `simulator bug: ${String(error)}` } }));
    });
    const done = task.then(() => new Promise<void>((resolve) => (res.writableEnded || res.destroyed ? resolve() : res.once('close', () => resolve()))));
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  });
  const sockets = openSockets(server);
  const url = await listen(server, options.port ?? 0);

  return {
    url,
    openaiBaseURL: `${url}/v1`,
    geminiBaseURL: url,
    elevenlabsBaseURL: url,
    geminiBaseUrl: url,
    elevenlabsBaseUrl: url,
    requests: log,
    fault: (rule) => books.faults.add(rule),
    clearFaults: () => books.faults.clear(),
    replay: (rule) => books.replays.add(rule),
    reset() {
      log.length = 0;
      books.faults.clear();
      books.replays.clear();
      for (const route of routes) route.reset();
    },
    async settled() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    close() {
      closing.abort();
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The server's open connections, so `close()` can end kept-alive ones instead of waiting for them. */
function openSockets(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return sockets;
}

/** Listens on 127.0.0.1 (port 0: any free one) and gives the server's base URL. */
async function listen(server: Server, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function findRoute(routes: readonly ProviderRoute[], method: string, pathname: string): { route: ProviderRoute; match: RouteMatch } | undefined {
  for (const route of routes) {
    const match = route.match(method, pathname);
    if (match) return { route, match };
  }
  return undefined;
}

function bodyModel(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const record = json as Record<string, unknown>;
  const model = record['model'] ?? record['model_id'];
  return typeof model === 'string' ? model : undefined;
}

/** The scripted fault rules and recorded replies of one simulator. */
interface RuleBooks {
  readonly faults: FaultBook;
  readonly replays: ReplayBook;
}

/** Applies the first matching fault rule, then answers with the first matching recorded reply or the route's own. */
async function answer(books: RuleBooks, subject: FaultSubject, exchange: Exchange, route: ProviderRoute, match: RouteMatch): Promise<void> {
  const action = books.faults.take(subject);
  if (action && !(await applyFault(action, exchange, route, exchange.entry))) return;
  const recorded = books.replays.take(subject);
  await (recorded ? sendRecorded(exchange, recorded) : route.handle(exchange, match));
}

/** Applies a fault; false when the fault already answered (or dropped) the request. */
async function applyFault(action: FaultAction, exchange: Exchange, route: ProviderRoute, entry: LogEntry): Promise<boolean> {
  if ('status' in action) {
    entry.fault = 'status';
    const reply = action.body === undefined ? route.defaultError(action.status) : action;
    await exchange.error({ ...reply, headers: { ...reply.headers, ...action.headers } });
    return false;
  }
  if ('delayMs' in action) {
    entry.fault = 'delay';
    return exchange.pause(action.delayMs);
  }
  if ('hang' in action) {
    entry.fault = 'hang';
    await exchange.done;
    return false;
  }
  if ('reset' in action) {
    entry.fault = 'reset';
    exchange.destroy();
    return false;
  }
  if ('cutAfterChunks' in action) {
    entry.fault = 'cut';
    exchange.cutAfter = action.cutAfterChunks;
    return true;
  }
  if ('errorAfterChunks' in action) {
    entry.fault = 'stream-error';
    const reply = action.error ?? { status: 500 };
    exchange.streamError = { afterChunks: action.errorAfterChunks, reply: reply.body === undefined ? route.defaultError(reply.status) : reply };
    return true;
  }
  entry.fault = 'malformed';
  exchange.malformed = true;
  return true;
}
