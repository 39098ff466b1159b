// Child process for the rotation test in jsonl-rotation.test.ts (not a test file itself).
// Usage: rotating-jsonl-writer.ts <path> <prefix> <events> <maxBytes>
// Appends <events> events with ids `<prefix>-<i>`, in batches of 25, through a jsonlSink rotating by size and day.
import { jsonlSink } from '../../../src/ledger/jsonl-sink.js';
import { usageEvent } from '../make-usage-event.js';

const [path, prefix, count, maxBytes] = process.argv.slice(2);
const sink = jsonlSink(path!, { rotate: { maxBytes: Number(maxBytes), daily: true } });
for (let i = 0; i < Number(count); i += 25) {
  await sink.writeBatch!(Array.from({ length: 25 }, (_, j) => usageEvent({ id: `${prefix}-${i + j}` })));
}
await sink.close!();
