// Done means 4: 100 tenants with their own keys, resolved concurrently by an async per-tenant resolver: every
// request reaches the provider with its own tenant's key, and no tenant's key appears anywhere, in any record.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAIClient, type AIClient } from '../../../src/client/index.js';
import { keyFingerprint } from '../../../src/keys/fingerprint.js';
import { gemini } from '../../../src/providers/gemini/index.js';
import { openai } from '../../../src/providers/openai/index.js';
import { startSimulator } from '../../../src/simulator/start-simulator.js';
import type { Simulator } from '../../../src/simulator/types.js';
import { memorySink, type MemorySink } from '../../../src/sinks/memory-sink.js';
import type { UsageEvent } from '../../../src/usage-event.js';
import { googleKey, openaiKey } from '../../support/secrets-keys.js';
import { LeakScanner, serialized } from '../../support/leak-scanner.js';

const TENANTS = 100;

interface Tenant {
  readonly id: string;
  readonly openai: string;
  readonly gemini: string;
}

/** The tenant a simulated request was for, read from the prompt it carried. */
function tenantOfBody(body: unknown): string | undefined {
  const text = JSON.stringify(body);
  return /tenant-(\d+)/.exec(text)?.[0];
}

describe('100 tenants, own keys, resolved concurrently', () => {
  const tenants: Tenant[] = Array.from({ length: TENANTS }, (_, i) => ({ id: `tenant-${i}`, openai: openaiKey(), gemini: googleKey() }));
  const byId = new Map(tenants.map((t) => [t.id, t]));
  const revoked = tenants[7]!;
  const scanner = new LeakScanner();
  const artifacts: string[] = [];
  let sim: Simulator;
  let ai: AIClient;
  let memory: MemorySink;
  let resolving = 0;
  let maxConcurrent = 0;

  before(async () => {
    for (const t of tenants) [t.openai, t.gemini].forEach((key) => scanner.add(key));
    const accepted = new Set(tenants.flatMap((t) => [t.openai, t.gemini]));
    sim = await startSimulator({ keys: { accept: (key) => accepted.has(key), reject: [revoked.openai] } });
    memory = memorySink();
    ai = createAIClient({
      providers: { openai: openai({ baseURL: sim.openaiBaseURL }), gemini: gemini({ baseURL: sim.geminiBaseUrl }) },
      env: {},
      keys: {
        dotenv: false,
        // A shared fallback key must never serve a tenant whose own key is refused.
        secondary: { openai: openaiKey() },
        resolver: async ({ provider, tags }) => {
          resolving += 1;
          maxConcurrent = Math.max(maxConcurrent, resolving);
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
          resolving -= 1;
          const tenant = byId.get(tags.customer ?? '');
          return tenant ? (provider === 'openai' ? tenant.openai : tenant.gemini) : undefined;
        },
      },
      logging: { logger: { info: (r) => void artifacts.push(serialized(r)), warn: (r) => void artifacts.push(serialized(r)), error: (r) => void artifacts.push(serialized(r)) } },
      sinks: [memory],
      pricing: false,
    });
    for (const name of ['request', 'response', 'usage', 'error', 'warning'] as const) ai.on(name, (payload: unknown) => void artifacts.push(serialized(payload)));
  });

  after(async () => {
    await ai?.close();
    await sim?.close();
  });

  it('uses each tenant’s own key for its requests, and puts no key in any record', async () => {
    const results = await Promise.allSettled(
      tenants.flatMap((t) => [
        ai.chat({ model: 'openai:gpt-4o-mini', messages: [{ role: 'user', content: `hello from ${t.id}` }], tags: { customer: t.id } }),
        ai.chat({ model: 'gemini:gemini-2.5-flash', messages: [{ role: 'user', content: `hello from ${t.id}` }], tags: { customer: t.id } }),
      ]),
    );
    await sim.settled();
    await ai.flush();
    for (const r of results) if (r.status === 'rejected') artifacts.push(serialized(r.reason));
    assert.ok(maxConcurrent > 10, `the resolver ran concurrently (${maxConcurrent} at once)`);

    // Only the revoked tenant's OpenAI call fails, and it never falls back to the shared secondary key.
    const failed = results.filter((r) => r.status === 'rejected');
    assert.equal(failed.length, 1);
    const revokedRequests = sim.requests.filter((r) => r.provider === 'openai' && tenantOfBody(r.body) === revoked.id);
    assert.equal(revokedRequests.length, 1);

    // Every request carried its own tenant's key.
    assert.equal(sim.requests.length, TENANTS * 2);
    for (const request of sim.requests) {
      const tenant = byId.get(tenantOfBody(request.body) ?? '');
      assert.ok(tenant, `request ${request.id} names its tenant`);
      const expected = request.provider === 'openai' ? tenant.openai : tenant.gemini;
      assert.equal(request.keyFingerprint, keyFingerprint(expected), `${request.provider} request of ${tenant.id}`);
    }

    // Every usage record is attributed to its tenant and to that tenant's key.
    const events: UsageEvent[] = [...memory.events];
    assert.equal(events.length, TENANTS * 2);
    for (const event of events) {
      const tenant = byId.get(String(event.tags.customer))!;
      const expected = event.provider === 'openai' ? tenant.openai : tenant.gemini;
      assert.equal(event.keyFingerprint, keyFingerprint(expected));
    }

    const hits = scanner.scan([...artifacts, serialized(events)].join('\n'));
    assert.equal(hits.length, 0, `a tenant key leaked in form ${hits[0]?.form.slice(0, 8)}…`);
  });
});
