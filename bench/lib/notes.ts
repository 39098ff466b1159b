/** The method, the profile and the standing of the call-path targets, printed at the top of BENCHMARKS.md. */
export const NOTES = `
## Method

The chain is measured as users run it: the built \`dist/\` (run.ts rebuilds it when it is missing or older than
\`src/\`). Under tsx the same chain costs nearly twice as much CPU per call: its transform wraps every closure in a
\`__name\` call. Only the simulator runs from \`src/\`. Figures from a shared 2-core VM are noisy (other jobs ran
beside the last full run); compare ratios, not absolute numbers, across machines. \`npm run bench -- --only
fetch-free,streaming\` runs the suites whose names contain those words and writes \`bench/results/only.tmp.json\`;
with \`--merge\` their figures replace those suites' figures here (listed under "Re-run since" above).

**The chain.** Every wrapped arm runs the full default chain, as \`createAIClient\` builds it with every layer on:
logging (to a logger whose methods do nothing: each record is still built and scrubbed) → keys → retry (default
settings) → rate limit (a memory limiter with a requests/minute and a tokens/minute policy far above anything a run
reaches: it estimates, reserves and settles every call but never waits) → meter (default prices) → adapter, with a
memory sink, a JSONL sink (default \`fsync: 'batch'\`, temporary file) and an \`ai.on('usage')\` listener, unless a
figure says otherwise (\`bench/lib/chain.ts\`).

- **sdk vs chain (simulator)**: one process, one simulator (\`startSimulator()\`), per operation a raw SDK client built
  with the adapters' own settings (SDK retries off, 60 s timeout, the simulator's base URL) against the chain
  (reusing the adapter's cached SDK client). Each iteration runs a burst of *c* simultaneous calls per arm, arms in
  a random order; call *j* of one burst is paired with call *j* of the other. "added latency" is the quantile of
  (wrapped − raw) over the pairs; "ratio" beside it is added/raw. Throughput is calls over the summed burst wall
  time per arm; its ratio is wrapped/raw. Streams are read to the end (and \`final\` awaited on the chain), speech
  audio is read whole. The simulator shares the CPU with both arms, so at c=64 both are bound by it, and every µs
  of CPU the chain adds comes off the wrapped arm's throughput.
- **fetch-free CPU per call**: the OpenAI SDK gets a \`fetch\` that returns a prepared \`Response\`; the adapter gets
  that very client (\`openai({ client })\`). Blocks of sequential calls per arm alternate in a random order; each
  block ends with one \`setImmediate\` inside the timing so deferred work (sink drains) is charged. A block is charged
  the CPU time of the process (user + system, every thread: the JSONL writes on libuv's pool too), which other
  processes on the cores inflate far less than elapsed time. Figures are per-call µs, paired block by block. Four
  chains: keys → meter → adapter alone (retry, limits and logging off, no sinks), then the full chain without sinks,
  with the memory sink and the listener, and with both sinks (the target).
- **streaming (fetch-free)**: SSE replies of 1 and 1000 content chunks through the full chain, the body handed to
  the SDK one SSE event at a time as a socket delivers it (handed a 100 kB body at once, the SDK's line decoder
  copies the rest of its buffer after every event, which tripled the raw arm's time per chunk). First chunk:
  elapsed time to the first chunk that carries text, per pair of calls. Per chunk: CPU time as above, (added per
  1000-chunk stream − added per 1-chunk stream) / 999.
- **sinks**: drain through \`SinkHub\` (the client's queue, default settings), fed 8192 events at a time and flushed
  after each; control: the same sink's \`writeBatch\` (memory: \`write\`) in batches of the hub's \`maxBatch\`, flushed
  as often. Arms alternate over rounds on fresh sinks; each arm's figure is its median round. PostgreSQL: a fresh
  table per arm on \`postgres://postgres@127.0.0.1:5432/test\`, dropped afterwards. Enqueue: ns per \`SinkHub.push\`
  with the full chain's two sinks (drains untimed) against a plain \`Array.push\`.
- **limiter**: decisions/s, one decision being \`acquire\` + \`settle\` of one request under a fixed-minute policy: the
  memory store in alternating blocks of sequential calls, Redis (\`127.0.0.1:6379\`) in bursts of 256 calls in
  flight; control: rate-limiter-flexible's \`consume(1)\` on its memory and Redis limiters in the same run.
- **memory**: each arm in a fresh child process, fetch-free chat calls, forced GCs before and after; the baseline
  is taken after a warm-up of at least 5000 calls and 61 s, longer than the limiter's sliding minute, which holds
  one entry per call and policy for 60 s (about 25 MB at this run's call rate: bounded state, not growth); wrapped
  arm: the full chain with a memory sink cleared every 10 000 calls and a usage listener, without the JSONL sink (a
  million lines would fill the temporary disk).
- **cold import**: \`await import('<repo>/dist/index.js')\` timed inside fresh \`node\` processes (median); control:
  \`import('openai')\`.

## Where the time goes (profile of the fetch-free arm, 2026-11-23)

\`node --cpu-prof\` (250 µs sampling) over 35 000 fetch-free \`ai.chat\` calls through the full chain with both sinks
and a listener, on the built \`dist/\`, against as many raw calls; self time of the wrapped run minus the raw run,
per call, grouped by where the code lives. The profiler and a busy machine inflate every figure about twofold:
read the shares. "Before" is this tree with the files of issue 7's hot-path work at their last commit.

| where | before µs/call | after µs/call | after share |
|---|---|---|---|
| scrubbing each usage event and log record (\`src/redact\`: \`scrubText\`, \`scrub-graph\`) | 186 | 138 | 49 % |
| limits: estimate, reserve, settle (\`src/limits\`, \`middleware/rate-limit.ts\`) | 40 | 32 | 11 % |
| sinks: JSONL serialization and writes, queue timers (\`src/sinks\`, fs) | 17 | 16 | 6 % |
| garbage collection | 33 | 12 | 4 % |
| client + compose | 29 | 13 | 5 % |
| meter (event record) | 18 | 8 | 3 % |
| OpenAI adapter | 17 | 6 | 2 % |
| pricing | 31 | 5 | 2 % |
| logging (record building) | 16 | 3 | 1 % |
| retry (p-retry + retry on every call) | 32 | 1 | 0 % |
| SDK, fetch, UUIDs, runtime (differences between the runs) | ~160 | ~45 | 16 % |
| **total added** | **581** | **279** | |

What issue 7 changed on the call path (behaviour unchanged; the tests are the same):

- meter: the usage event is built field by field in its usual key order (no conditional spreads); its ISO time is
  formatted once per second, the milliseconds appended (\`toISOString\` per event cost more than the rest of the event);
- pricing: every price source keeps a quoter per card (the rates snapshot built once, frozen and shared by the
  events it prices); genai-prices keeps its match and quoter per provider and model for the minute (no string
  key, no regex), and rebuilds the card per call only for prices tiered by input size; the OpenAI audio source
  leaves at once for non-audio operations; overrides are looked up only when there are any;
- retry: the first attempt runs bare; p-retry (loaded on first use) only starts after a failure, replaying it,
  so counts, delays and events are those of before;
- compose: \`next()\` is a plain function with one \`then\`, not an async function;
- client: \`{ ...result, callId }\` became \`Object.assign\` + one assignment: on Node 20 a spread copy that gains a
  property it did not have costs about 1-2 µs (overriding one it had is cheap); so did \`AIStream\`'s
  \`{ ...end, callId }\` and \`defineStream\`'s end of stream;
- OpenAI adapter: the body is not copied to add \`stream\`; the result is built once; \`CallResult.headers\` keeps the
  headers consumers read (\`x-ratelimit-*\`, \`retry-after\`, \`retry-after-ms\`, \`x-request-id\`,
  \`openai-processing-ms\`) instead of copying every header;
- logging: records built field by field;
- keys: a static key that passed the environment checks is not checked again on every call;
- streams: \`AIStream\` hands the chain's own promise through per chunk (no async function, no extra ticks);
  \`defineStream\` uses one \`then\` with handlers made once per stream;
- cold import: p-retry, eventemitter3 and dotenv load on first use (first failed attempt, first client, first
  \`.env\` file read).

## The call-path targets: what remains

The list at the end says which targets this run met. For those missed, the evidence:

- **Added CPU ≤ 10 µs per call (fetch-free, full chain)**: our own layers (client, compose, keys, retry, meter,
  pricing, logging, adapter) now add about a seventh of the total. Half of what remains is the scrubber: every usage
  event and every log record goes through \`Scrubber.scrub\`, which walks the object (\`Reflect.ownKeys\` and a
  property descriptor per property, a slot object each) and runs the registered-values regex plus six key patterns
  over every distinct string of it, keys included, on every call. Remembering the texts already found clean in
  \`Scrubber.scrubText\` (cleared when a secret is registered) cuts the full chain's added CPU by about a third in a
  paired run; a walk that reads plain data objects directly would cut most of the rest. The limiter (estimate with
  a token count and a price, reserve, settle with a second price, per call) is the next tenth; then the JSONL
  sink's serialization, which is the sink's work itself.
- **Streaming: first chunk ≤ 20 µs**: the first chunk waits for the chain's whole setup. In a profile of 1-chunk
  streams (same inflation as above) the largest parts are the limiter (about 23 µs per stream, \`acquire\` on this
  path: a token estimate of the prompt, a price, the store's reserve, each awaited) and the OpenAI adapter's stream
  setup in \`providers/openai/stream-chat.ts\` (about 11 µs: its body is copied by a spread that adds
  \`stream\`/\`stream_options\`, which costs ~5 µs on Node 20 where the non-streaming path now sets them on the fresh
  body, the tokenizer preload, the first resumption of \`deltas()\`), then context, logging, keys, retry and the
  meter and scrubber wrappers of the stream head (about 10 µs together). Scrubbing and metering the usage event
  happen after the last chunk.
- **Streaming: ≤ 1 µs per chunk**: in a profile of 1000-chunk streams, \`defineStream\` and \`AIStream\` now cost
  under 0.1 µs a chunk together (\`AIStream\` hands the chain's promise through; \`defineStream\` is one \`then\`).
  The rest is the OpenAI adapter's \`deltas()\` async generator (\`providers/openai/stream-chat.ts\`) and the SDK's
  own generators resuming for it (about 1.3 µs: a generator resumption per chunk, an object from conditional
  spreads, a \`map\` over the empty tool-call list), \`scrubStreamResult\`'s \`catch\` (one more promise) and the
  garbage they leave (about 0.5 µs). A plain iterator in \`deltas()\` and the error scrubbing folded into
  \`defineStream\`'s rejection handler would leave one promise layer per chunk.
- **Throughput wrapped/raw ≥ 0.97 at c=64**: the simulator and both arms share two cores, so the ratio is the
  chain's added CPU against the simulator's and the SDK's per call; it follows the fetch-free figure above.
- **Cold import ≤ 40 ms**: \`import('aimeter')\` loads about 160 modules of \`dist/\`; Node's ESM loader costs
  roughly a millisecond per module on this VM, so resolving, reading and linking them is most of the time (no
  third-party package is loaded at import any more). The same build bundled into one file (esbuild,
  \`--packages=external\`) imports in about a third of the time, and creating \`Intl\` formatters on first use in
  \`time/pacific-day.ts\` and \`report/format-report.ts\` saves another 15-20 ms: together about 50 ms on this busy
  machine against about 190 ms, close to the empty-module floor plus the bundle's own evaluation.
`;
