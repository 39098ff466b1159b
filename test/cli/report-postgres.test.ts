import { randomBytes } from 'node:crypto';
import { after, before, describe } from 'node:test';
import pg from 'pg';
import { postgresLedger } from '../../src/ledger/postgres-ledger.js';
import { fillSink } from '../support/fill-sink.js';
import { generateUsageEvents } from '../support/generate-usage-events.js';
import { POSTGRES_URL, postgresUnavailable } from '../support/postgres-available.js';
import { reportTotalsContract } from '../support/report-contract.js';
import { reportFiltersContract } from '../support/report-filters-contract.js';

/** One schema per run, dropped at the end, so runs never see each other's tables. */
const SCHEMA = `aimeter_report_${process.pid}_${randomBytes(4).toString('hex')}`;
const skip = await postgresUnavailable();
const events = skip ? [] : generateUsageEvents(100_000);

describe('aimeter report on a PostgreSQL ledger of 100 000 events', { skip }, () => {
  let admin: pg.Pool;
  before(async () => {
    admin = new pg.Pool({ connectionString: POSTGRES_URL });
    await admin.query(`CREATE SCHEMA ${SCHEMA}`);
    await fillSink(postgresLedger(POSTGRES_URL, { schema: SCHEMA, table: 'usage' }), events);
  });
  after(async () => {
    await admin.query(`DROP SCHEMA ${SCHEMA} CASCADE`);
    await admin.end();
  });
  const ledger = () => ['--ledger', POSTGRES_URL, '--schema', SCHEMA, '--table', 'usage'];
  // Every grouping as JSON, one in all formats: the format code is the same for every store (see report-sqlite).
  reportTotalsContract(events, ledger, false);
  reportFiltersContract(events, ledger, true);
});
