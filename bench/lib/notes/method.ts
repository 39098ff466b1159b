/** How each suite measures (the Method section). */
export const METHOD = `
## Method

The chain is measured as users run it: the built \`dist/\` (run.ts rebuilds it when it is missing or older than
\`src/\`). Under tsx the same chain costs nearly twice as much CPU per call: its transform wraps every closure in a
\`__name\` call. Only the simulator runs from \`src/\`. Figures from a shared 2-core VM are noisy; compare ratios, not absolute
numbers, across machines and runs. The last full run's machine was about 4× slower than the one before it (an
integer loop of 10⁹ additions took 4.2 s; the raw SDK's fetch-free call took 304 µs of CPU against 70 µs in the
run before), so its absolute figures are inflated, its ratios less so. \`npm run bench -- --only
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
  time per arm; its ratio is wrapped/raw (target at c=64, issue 21: at least 0.95 for every provider × operation). Streams are read to the end (and \`final\` awaited on the chain), speech
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
- **sinks**: usage events shaped like the meter's for an OpenAI chat call (UUID v7 ids, tags, usage, cost; about
  550 bytes as a JSON line), drained through \`SinkHub\` (the client's queue, default settings), fed 8192 at a time and flushed
  after each. Two controls get the same events in batches of the hub's \`maxBatch\` (1024), flushed as often. The
  **physical control** (issue 21; \`bench/suites/sink-controls.ts\`), the one the targets are on, is what the bare
  primitive does with the same data. JSONL: \`JSON.stringify\` of each event, the lines joined, one \`write\` per batch
  (\`fs/promises\` \`FileHandle\`, file opened for appending) with the sink's fsync policy read from
  \`src/ledger/jsonl-appender.ts\`: \`fsync: 'batch'\` fdatasyncs after every batch (and fsyncs the folder once, when
  the file is created, as the sink does for a new segment), \`'close'\` fdatasyncs on each flush and on close; the
  rotating sink's control does not rotate, so its ratio includes the rotation's cost. SQLite: bare better-sqlite3 on
  a table made by the ledger's own migrations (\`SQLITE_MIGRATIONS\` from \`dist/\`: the same 44 columns, \`UNIQUE\`
  id and five report indexes), \`journal_mode = WAL\` and the ledger's \`synchronous\`, one prepared plain \`INSERT\`
  per event, one transaction per batch. PostgreSQL: bare \`pg\`, one multi-row \`INSERT … VALUES ($1, …), (…)\` per
  batch (44 parameters a row) into a table made by the ledger's own migration statements (primary key, indexes). The
  controls' row values are written out by hand (\`plainRow\`) and checked equal to the ledger's \`ledgerRow\` before
  the timing; their \`JSON.stringify\` and row building are inside the timing, as the sinks' are, and so is making
  them (opening the file, the database, creating the table), as the sinks open and migrate on their first write;
  each control checks afterwards that every event landed (bytes on disk, row count). The JSONL control joins the
  lines with one more empty line (the join ends the last line) and writes that string as it is. The second control is the same sink's
  \`writeBatch\` (memory: \`write\`) called directly: that ratio is the cost of the queue alone. Each round, on fresh
  sinks, the three arms take turns chunk by chunk (8192 events) in a random order each time
  (\`bench/suites/drain-arms.ts\`), their opening and closing timed too, so a slow stretch of the shared disk or
  database hits every arm alike; each arm's figure is its median of three rounds (five shorter ones in quick mode,
  where a JSONL round is a single chunk). PostgreSQL: a
  fresh table per arm on \`postgres://postgres@127.0.0.1:5432/test\`, dropped afterwards. The durable arms are
  bound by the disk (fsync) and the database, which other processes on a shared VM also use: their rates move
  by 2× between runs, their ratios much less. Enqueue: ns per \`SinkHub.push\` with the full chain's two sinks
  (drains untimed) against a plain \`Array.push\`.
- **limiter**: decisions/s, one decision being \`acquire\`, then \`settle\` of one request under a fixed-minute
  policy, chained as a caller writes it (\`limiter.acquire(…).then((r) => r.settle(…))\`): the memory store in
  alternating blocks of sequential calls, Redis (\`127.0.0.1:6379\`) in bursts of 256 calls in flight after 50
  bursts of warm-up; control: rate-limiter-flexible's \`consume(1)\` on its memory and Redis limiters in the same
  run. The targets (issue 21) are the ratios: memory at least 1.0×, Redis at least 1.5×.
- **memory**: each arm in a fresh child process, fetch-free chat calls, forced GCs before and after; the baseline
  is taken after a warm-up of at least 5000 calls and 61 s, longer than the limiter's sliding minute, so every
  bounded structure is at its steady size and only what keeps growing counts; both arms run with V8's young
  generation fixed at its default maximum (\`--min-semi-space-size=16 --max-semi-space-size=16\`): left to size
  itself it grows with the allocation rate, which made the chain's RSS ~35 MB larger with the heap in use flat
  (+0.4 MB over 300 000 calls), sizing rather than growth; wrapped
  arm: the full chain with a memory sink cleared every 10 000 calls and a usage listener, without the JSONL sink (a
  million lines would fill the temporary disk). **Heap per call** (issue 21: at most 1.2× the raw SDK's): after the
  growth run, in the same process, a further 100 000 calls (5000 in quick mode) under V8's \`GCProfiler\`
  (\`node:v8\`); the bytes they allocated on the JS heap are what every GC during them freed (used heap before
  minus after, per GC) plus the used heap's change from start to end, divided by the calls. This counts every
  allocation, short-lived ones included, which the growth figures cannot see; it does not depend on the machine's
  speed. The RSS growth target stays a value (under 20 MB over 1 M calls).
- **cold import**: \`await import('<repo>/dist/index.js')\` timed inside fresh \`node\` processes (median); control:
  \`import('openai')\` in fresh processes too, the two arms interleaved in a random order each round. The target
  (issue 21) is the ratio, at most 0.35×; the value stays the absolute time.
- **first-call stall** (issue 17): a fresh plain-\`node\` process on \`dist/\` (\`test/support/children/first-call-child.mjs\`)
  creates a client with the three providers on the simulator (run by the harness, another process), then makes
  the first call of each provider (OpenAI chat, Gemini chat, ElevenLabs speech), each priced, with
  \`monitorEventLoopDelay\` (1 ms resolution) on; the figure is the max loop delay during each call, median of the
  processes. Arm: \`await ai.ready()\` first; control: \`preload: false\` (the SDK, \`fetch\` and price-table loads fall
  on the first calls). An \`import()\` of a CommonJS SDK still blocks the loop while it evaluates (ElevenLabs 2.x: seconds;
  the price table: 60–170 ms): the preload moves those stalls to right after \`createAIClient\`, one load per turn
  of the loop; it does not make them shorter. A second OpenAI call is the floor of the machine's noise. The OpenAI
  row is the client's first call of all. Profiled (\`node --cpu-prof\`, the samples of the first call grouped into
  the loop's busy spans) on a quiet moment of the VM, that call spent ~40 ms of CPU against ~10 ms for the second,
  in three spans: 10 ms undici reading the first reply (its WebAssembly HTTP parser compiling on first use, and
  Node's web streams creating a vm context the first time a reader is released), 8 ms the SDK building its first
  request and undici's \`fetch\` running for the first time, 4 ms the chain (the key chain reading \`.env\` files
  and the directory for key declarations, the scrubber's first check, the first price). The preload now warms
  those after the loads, each step in a turn of its own and invisibly: the OpenAI adapter runs one chat completion
  and one streamed one through its own code, the SDK and Node's \`fetch\` over an in-memory connection
  (\`providers/shared/in-process-fetch.ts\`: an undici \`Agent\` whose connections are in-memory streams answering a
  canned reply, so undici's HTTP/1.1 parser runs; no socket, no request, no usage event), genai-prices prices one
  chat, and the key chain reads its files. What is left on the first call is what any first request to a new
  origin costs (undici's pool and client for the origin, the TCP connect) and code still cooler than on the
  second call. Side by side: the raw openai SDK's own first chat completion in a fresh process, the SDK imported
  in advance (and its second), the same rounds; its first call also loads undici, which aimeter's preload took
  off the call.
- **first-call stall, figures and load**: the table is the 2026-12-05 14:14 run (load average 10–12 on the shared
  2-core VM): aimeter's first OpenAI call after \`ready()\` 8.1 ms (worst 15.6 ms), the raw SDK's first call
  54 ms (it also loads undici) and its second 11.7 ms. The loop-delay figures carry the scheduler: a process
  ready to run waits its turn, on any call, which the second-call rows show. The run before it (13:44, load ~21,
  other agents' test suites) measured 32 ms for aimeter's first OpenAI call against 76 ms for the raw SDK's, with
  second calls at 27 and 14 ms. The warm-up with and without, in one run (a \`/tmp\` copy of the commit before
  it, 8 interleaved fresh processes each, load ~17): first-call stall median 50 ms with the warm-up, 84 ms
  without, 78 ms for the raw SDK; CPU time of the first call 38 ms against 51 ms (the second call: 10 ms).
`;
