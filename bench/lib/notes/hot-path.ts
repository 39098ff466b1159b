/** What the hot-path work of issue 7 changed. */
export const HOT_PATH = `
## What the hot-path work changed (issue 7)

Earlier sessions: the meter builds its event field by field with the ISO time formatted once a second; price
quotes are cached per card and model; retry runs the first attempt bare (p-retry loads after a failure);
\`compose\` and \`AIStream\` add no async functions; the OpenAI adapter keeps only the reply headers consumers
read and gives a user's client \`withOptions({ maxRetries: 0, timeout })\` once; key patterns name their anchors
(\`SecretPattern.anchors\`) so one case-insensitive test tells a clean string, \`Scrubber.scrubPlain\` returns the
client's own clean records as they are, and clean texts are remembered; sliding windows count in 600 buckets;
ids are UUID v7; the package ships esbuild bundles (cold import) with \`Intl\` formatters built on first use.

The latest round of work, from profiles of the fetch-free arm (\`node --cpu-prof\`, wrapped run minus raw run):

- **fresh strings**: looking at a string built during the call (hashing it for the clean-text memory or a map
  key, or a regex test) costs more than anything else done with it, as V8 first flattens and hashes it; a
  third of the chain's own CPU went to \`scrubPlain\` on such strings. Now the meter hands its events straight to
  the client's event bus, which, like the logging middleware, skips the fields the record's builder generated
  (ids, time, fingerprint, operation, status) and its own field names (the internal \`scrubBuiltRecord\`); an
  event a middleware emits is inspected whole. Each client parses a model string once (provider and model are
  the same strings on every call), as are the adaptive throttle's scope strings; the key chain looks keys up without
  building a key string per call;
- **layers without async functions**: keys (a key resolved before is used at once, \`KeyChain.known\`), meter,
  both logging layers and the rate limit's settle each cost one \`then\` per call instead of an async function
  and its awaits;
- **streams**: \`defineStream\` reads a \`mapChunks\` source itself and maps chunks in its own step, and the
  client's error scrub is applied where such a stream throws (\`filterStreamErrors\`; the whole fast path lives in
  \`src/stream/source-iterator.ts\`) instead of wrapping the iterator: one promise per chunk instead of three;
- **limiter**: a call like the previous one gets the previous plan (parts and store requests) itself;
  reservations are a class, in-flight counts live in cells; the quick token estimate counts ASCII text in a loop
  (the pattern's \`match\` built a string per token only to count them). Since issue 15 the memory store
  answers through the same promise-returning \`LimitStore\` contract as Redis (its synchronous
  \`reserveNow\`/\`settleNow\` twins are gone): a decision makes four promises (the store's reserve and settle,
  and the limiter's \`then\` on each) instead of one, for one path and one contract for every store;
- **Redis store**: reserves and settles issued in the same tick go to Redis as one script (up to 512 operations,
  evaluated one by one in arrival order exactly as lone scripts would, so a burst over the limit admits exactly
  the calls that fit); each counter's keys are sent once per batch, a run of identical reserves is sent as one
  with a count, and fixed periods are summed in Lua and written once (\`src/limits/stores/redis/redis-batch.ts\`);
- **bench**: sink events carry UUID v7 ids and a cost, as the meter's do (v4 ids made the SQLite id index split
  pages at random); the Redis arm warms up for 50 bursts (the batching store reaches full speed after about 40).

### Issue 21: the profile

The chain profile suite (Method, "chain profile") and \`bench/profile/chain-profile.ts\` say where the full
chain's added CPU goes. On 2026-12-05 (shared 2-core VM at load 6–7, other sessions' benchmarks running; per-file
build, 20 rounds × 1000 calls per arm, µs of CPU per call added by the chain over the raw SDK, after this
section's changes; the tree before them, profiled back to back, in brackets):

| layer | added µs/call | share of the chain's own layers |
|---|---:|---:|
| limits (rate limit middleware, limiter, memory store, estimate) | 5.6 (6.5) | 22 % |
| meter (the event, its UUID v7 id and ISO time) | 4.7 (5.0) | 19 % |
| events/scrub (the bus's scrub of the event, the listener) | 3.9 (4.1) | 16 % |
| adapter (request body, reply headers, usage) | 3.5 (3.5) | 14 % |
| client/compose/stream (call context, validation, the onion) | 3.3 (3.2) | 13 % |
| pricing | 1.9 (2.3) | 7 % |
| sinks (hub push, memory sink, JSONL line and write) | 1.1 (0.5) | 4 % |
| logging | 0.9 (1.1) | 4 % |
| keys, retry | 0.2 (0.3) | 1 % |
| the SDK's own code, run inside the chain | 14.6 (17.6) | — |
| Node internals (microtasks: promise reactions; undici) | 7.1 (8.1) | — |
| V8/program, GC | 10.6 (5.9) | — |

The chain's own layers come to about 25 µs a call, spread thin: no function of ours is above 1 µs of self time
except the meter's event builder (3.5 µs with the builtins it calls: the event object, \`Date\`, the price query)
and the scrubber's clean-text lookups (1.2 µs over the event's ~30 strings and keys). The other half of the added
CPU is not in our frames: the same SDK code takes 10–25 % longer per call inside the chain than alone (a
warmer heap, more allocation, polluted caches), and promise reactions run from Node's microtask loop, where the
profile cannot tell which layer made them. Totals move ±30 % between runs on this VM (0.18× to 0.65× of raw for
the same tree); the layer rows of our own code are steadier (±1 µs).

Changed, from the profile: the rate limit middleware runs as \`then\` chains (it was an async function with
three awaits around an async \`acquire\`), the estimate mode's re-estimate loop alone staying async; the OpenAI
adapter gives a call its SDK client at once once the SDK is loaded (it awaited an already resolved promise in two
async functions per call). Before/after in one process (\`compare-builds.ts\`, 150 rounds × 300 calls, the two
builds' positions swapped in a second run to cancel the ~1 µs the arm order favours): the chain's added CPU fell
by 1.5 µs a call (paired median), 0.576× → 0.520× raw by each arm's median (0.587/0.565 before, 0.526/0.514 after);
80-round runs gave −2.2 µs. Indicative: the A/A noise of the same build against itself was ±4–8 µs, and the
profile does not resolve the change: three more 20-round profiles within minutes put aimeter's own layers at
22.8 µs before (0.25× raw) and 19.6 and 27.6 µs after (0.23× and 0.25×), the limits row at 5.7 before and 3.8
and 5.8 after. What is left is spread over many functions of about a microsecond or less; the next steps are
structural (fewer promises per call: the limiter's store contract answers reserve and settle with promises, as
issue 15 chose; the scrub of every event walks its ~30 strings and keys), not another \`then\`.

Then \`uuidV7\` (two ids a call: the call's and the event's) writes the id's 32 digits into one reused buffer and
reads it out as one flat string, where it glued 20 pieces: a string glued from pieces is a tree that each later
reader (\`JSON.stringify\` of the ledger line, a map key) first copies into one. In isolation, 2 M ids: 125 against
165 ns to make one, 365 against 460 ns to make one and put it in a JSON line, 0.8 against 3.1 µs to make one and
use it as a map key. In the chain (\`compare-builds.ts\`, 80 rounds × 300 calls, both orders): −10.2 and +6.2 µs
a call, about −2 µs once the arm order's bias cancels: within the noise, kept for the allocation (a sampling heap
profile put the two glued ids at 1.2 kB a call; see the targets below, heap per call).
`;
