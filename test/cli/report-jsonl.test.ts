import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { jsonlSink } from '../../src/ledger/jsonl-sink.js';
import { fillSink } from '../support/fill-sink.js';
import { generateUsageEvents } from '../support/generate-usage-events.js';
import { reportTotalsContract } from '../support/report-contract.js';
import { reportFiltersContract } from '../support/report-filters-contract.js';

const events = generateUsageEvents(100_000);

describe('aimeter report on a JSON Lines ledger of 100 000 events', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aimeter-report-jsonl-'));
    await fillSink(jsonlSink(join(dir, 'usage.jsonl'), { fsync: 'close' }), events);
  });
  after(() => rm(dir, { recursive: true, force: true }));
  const ledger = () => ['--ledger', join(dir, 'usage.jsonl')];
  reportTotalsContract(events, ledger);
  reportFiltersContract(events, ledger, false);
});
