// A custom middleware: time each provider request and tag slow ones, and stop calls for a blocked customer
// before they cost anything. Run: npx tsx examples/custom-middleware.ts
import { randomBytes } from 'node:crypto';
// In an application these come from 'aimeter' and 'aimeter/simulator'.
import { ConfigError, createAIClient, isStreamResult, memorySink, openai, type Middleware } from '../src/index.js';
import { startSimulator } from '../src/simulator/index.js';

const BLOCKED = new Set(['acme-overdue']);

/** Refuses calls for blocked customers: short-circuits, so nothing reaches the provider or gets billed. */
const blockCustomers: Middleware = async (ctx, next) => {
  if (ctx.tags.customer !== undefined && BLOCKED.has(ctx.tags.customer)) {
    throw new ConfigError('tags.customer', `customer ${ctx.tags.customer} is blocked`);
  }
  return next();
};

/** Logs the latency of each attempt; for streams, when the stream ends rather than when it starts. */
const timing: Middleware = async (ctx, next) => {
  const started = performance.now();
  const result = await next();
  const log = (): void => console.log(`${ctx.provider}:${ctx.model} attempt ${ctx.attempt}: ${(performance.now() - started).toFixed(1)} ms`);
  if (isStreamResult(result)) void result.final.then(log);
  else log();
  return result;
};

const sim = await startSimulator();
const sink = memorySink();
const ai = createAIClient({
  providers: { openai: openai({ baseURL: sim.openaiBaseURL }) },
  keys: { byProvider: { openai: `sk-example-${randomBytes(8).toString('hex')}` } },
  sinks: [sink],
}).use(blockCustomers).use(timing);

const messages = [{ role: 'user' as const, content: 'Say hello.' }];
const reply = await ai.chat({ model: 'openai:gpt-4o-mini', messages, tags: { customer: 'globex' } });
console.log(reply.output.text);
await ai.chat({ model: 'openai:gpt-4o-mini', messages, tags: { customer: 'acme-overdue' } }).catch((error: unknown) => {
  console.log(`refused: ${(error as Error).message}`);
});
await ai.close();
await sim.close();
console.log(`usage events recorded: ${sink.events.length}`);
