/** Why parts of the call path are written as they are; the code points here. */
export const CODE_NOTES = `
## Notes from the code

Why parts of the call path are written as they are; the code points here instead of counting promises itself.

- **\`then\`, not async functions**: \`compose\`, and the keys, logging, rate limit and meter layers, are written
  with \`then\`: an async function and its \`await\` make two promises per layer and call where one \`then\` makes
  one. The keys layer uses a key the chain already knows at once, without a promise of its own; the rate limit
  keeps an async loop only for the estimate mode's re-estimates after a refusal; the OpenAI adapter hands a call
  its SDK client at once once the SDK is loaded (or the user gave one).
- **Copies that gain a field**: \`withCallId\` (\`src/client/call-runner.ts\`), \`AIStream\`'s \`final\` and the stream
  end in \`src/stream/source-iterator.ts\` copy with \`Object.assign\` and then set the new fields one by one, not
  \`{ ...result, callId }\`: on Node 20 a spread copy that gains a property it did not have costs 1–2 µs, as much
  as the rest of the client's own work on a call. The meter builds its event field by field for the same reason:
  conditional spreads would leave throw-away objects and fresh hidden classes (V8 object shapes) on every event.
- **Streams**: \`AIStream\`'s and \`CuttableStream\`'s \`next\` hand the chain's own promise through, and
  \`heldChunks\` the iterator's own once its held results are spent: no promise or tick of theirs per chunk.
  \`defineStream\` applies a \`mapChunks\` map inside its own step, so mapping adds no promise per chunk; a stream a
  middleware wrapped gets the client's error filter as one more wrapper, at the cost of a promise per chunk.
- **Sinks**: once \`EventQueue\`'s ring has grown to what the traffic needs, a push allocates nothing, and taking a
  batch copies each event once (no array is sliced or regrown per batch); a sink that settles synchronously costs
  no promise, timer or microtask per batch or event.
- **Scrubbing built records**: \`isCleanPlainData\` walks with \`for…in\`, which uses V8's key cache for an object's
  shape, hence fast; \`Scrubber.scrubPlain\` returns a clean record in about a microsecond.
- **Limits**: \`awaitAnnouncedLimits\` returns \`undefined\`, not a resolved promise, when a call may go at once, so
  the common case costs no promise. The quick token estimate (\`estimateTokens\`) takes about 0.5 µs a token, the
  BPE tokenizer 6–20 µs, against about 0.1 ms for the whole chain: reservations use the quick one. ioredis's
  auto-pipelining would add a turn of the event loop to each of the Redis store's batches: measured, 10–15 %
  fewer decisions per second, so the store's own connection writes each command at once.
- **Prices**: matching a model in \`@pydantic/genai-prices\`' data costs about 100 µs, so a match is reused within
  its minute.
`;
