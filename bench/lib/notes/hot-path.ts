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
`;
