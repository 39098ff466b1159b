/** The method, printed at the top of BENCHMARKS.md. */
export const NOTES = `
## Method

The chain is measured as users run it: the built \`dist/\` (run.ts rebuilds it when it is missing or older than
\`src/\`). Under tsx the same chain costs nearly twice as much CPU per call (≈95 against ≈55 µs when profiled):
its transform wraps every closure in a \`__name\` call. Only the simulator runs from \`src/\`. Figures from a
shared 2-core VM are noisy (other jobs ran beside the last full run); compare ratios, not absolute numbers,
across machines.

- **sdk vs chain (simulator)**: one process, one simulator (\`startSimulator()\`), per operation a raw SDK client built
  with the adapters' own settings (SDK retries off, 60 s timeout, the simulator's base URL) against
  \`createAIClient\` (keys → meter → adapter, reusing the adapter's cached SDK client) with a memory sink, a JSONL sink
  (default \`fsync: 'batch'\`, temporary file) and an \`ai.on('usage')\` listener. Each iteration runs a burst of
  *c* simultaneous calls per arm, arms in a random order; call *j* of one burst is paired with call *j* of the
  other. "added latency" is the quantile of (wrapped − raw) over the pairs; "ratio" beside it is added/raw.
  Throughput is calls over the summed burst wall time per arm; its ratio is wrapped/raw. Streams are read to the
  end (and \`final\` awaited on the chain), speech audio is read whole. The simulator shares the CPU with both
  arms, so at c=64 both are bound by it.
- **fetch-free CPU per call**: the OpenAI SDK gets a \`fetch\` that returns a prepared \`Response\`; the adapter gets
  that very client (\`openai({ client })\`). Blocks of sequential calls per arm alternate in a random order; each
  block ends with one \`setImmediate\` inside the timing so deferred work (sink drains) is charged. Figures are
  per-call µs, paired block by block. Today's default chain: keys → meter (with the default cost calculator)
  → adapter; retries and limits are not built yet.
- **streaming (fetch-free)**: SSE replies of 1 and 1000 content chunks. First chunk: time to the first chunk
  that carries text. Per chunk: (added per 1000-chunk stream − added per 1-chunk stream) / 999.
- **sinks**: drain through \`SinkHub\` (the client's queue, default settings, batches of 256), fed 8192 events
  at a time and flushed after each; control: the same sink's \`writeBatch\` (memory: \`write\`) called directly in
  batches of 256. Each arm writes to its own fresh sink. PostgreSQL: a fresh table per arm on
  \`postgres://postgres@127.0.0.1:5432/test\`, dropped afterwards. Enqueue: ns per \`SinkHub.push\` with the
  full chain's two sinks (drains untimed) against a plain \`Array.push\`.
- **limiter**: one decision = \`acquire\` + \`settle\` of 1 request on a fixed-minute policy that every call fits
  in. Memory: sequential decisions in alternating blocks against rate-limiter-flexible's
  \`RateLimiterMemory.consume(1)\`. Redis: bursts of 256 decisions in flight on \`127.0.0.1:6379\` (ioredis
  auto-pipelining on both arms) against \`RateLimiterRedis.consume(1)\`; skipped with a note when Redis is unreachable.
- **memory**: each arm in a fresh child process, fetch-free chat calls, after 5000 warm-up calls and forced GCs
  before and after; wrapped arm with a memory sink cleared every 10 000 calls and a usage listener.
- **cold import**: \`await import('<repo>/dist/index.js')\` timed inside fresh \`node\` processes (median); control:
  \`import('openai')\`.

## Where the time goes (profile of the fetch-free arm, 2026-11-23)

\`node --cpu-prof\` over 60 000 fetch-free \`ai.chat\` calls on the built \`dist/\` (memory sink + usage listener)
against the same count of raw calls, self time difference per call (≈56 µs added in total):

- the meter's event record (\`src/middleware/meter.ts\` \`recorder\`, the literal at lines 74-93): ≈8 µs, six
  conditional object spreads (each a new hidden class), \`new Date(time).toISOString()\`, a \`randomUUID()\`;
- pricing each event: ≈8 µs (\`definedRates\` in \`src/pricing/rate-card.ts:133\`, called per event from
  \`applyRateCard\` at :62; \`genai-prices-source.ts:67-71\` builds a template-string key and runs a regex per call;
  \`quoteFromCard\`; \`cost-calculator.ts\` builds a \`provider:model\` key per call; the OpenAI audio source is
  consulted for chat too);
- garbage collection: ≈5.5 µs more (the spreads, UUID strings, header records);
- the client (\`src/client.ts:296\` spreads the whole result to add \`callId\`; \`#context\`, a second UUID) ≈4 µs;
- the OpenAI adapter (\`src/providers/openai/openai-adapter.ts:78-82\`: body spread, \`.withResponse()\`,
  \`replyMeta\` copying every header in \`request-options.ts:16\`, per-request options making the SDK merge headers
  again) ≈6 µs;
- the memory sink's de-duplication \`Set\` (\`src/sinks/memory-sink.ts:45\`) and the per-event \`await\` of
  \`writeEach\` (\`src/sinks/sink-channel.ts:141\`) ≈1.5 µs, and the cap on the memory sink's drain rate.
`;
