import { existsSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliArgumentError } from '../errors/cli-argument-error.js';
import { createCostCalculator } from '../pricing/cost-calculator.js';
import { DEFAULT_PRICE_DATA_FILE, updateGenaiPricesData } from '../pricing/update-genai-prices-data.js';
import type { UsageEvent } from '../usage-event.js';
import { openLedgerEvents } from './open-ledger-events.js';

/**
 * Where `aimeter prices` writes, and how it reports a failed check: the process's stdout and exit status unless
 * a test passes its own.
 *
 * @example
 * ```ts
 * let out = '';
 * await runPrices(['check', '--ledger', 'usage.jsonl'], { stdout: { write: (s) => (out += s) }, setExitCode: () => {} });
 * ```
 */
export interface PricesIo {
  readonly stdout: { write(text: string): unknown };
  /** Called with 1 when `check` finds models without a price. */
  setExitCode(code: number): void;
}

const PROCESS_IO: PricesIo = {
  stdout: process.stdout,
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

const USAGE = `usage: aimeter prices update [--file PATH] [--url URL]
       aimeter prices check --ledger PATH|URL [--table T] [--schema S] [--data-file PATH] [--json]`;

/**
 * `aimeter prices update [--file PATH] [--url URL]`: downloads `@pydantic/genai-prices`' newest published data
 * (its `REMOTE_DATA_JSON_URL`, or `--url`) into `--file` (default `.aimeter/genai-prices.json`), which the
 * client uses with `pricing: { dataFile }`; prints the data's version and date.
 *
 * `aimeter prices check --ledger L [--table T] [--schema S] [--data-file PATH] [--json]`: the models in a ledger
 * (`--table` and `--schema` for PostgreSQL, as `aimeter report` takes them) that get no price now
 * (with the data file, when given or when the default one exists), one line each with the events it has and
 * how many of them were stored without a price; exit status 1 when there is any.
 *
 * A missing or unknown option is a {@link CliArgumentError} (exit status 2) whose message ends with the usage.
 *
 * @example
 * ```ts
 * await runPrices(['update', '--file', '.aimeter/genai-prices.json']);
 * await runPrices(['check', '--ledger', 'usage.jsonl']);
 * ```
 */
export async function runPrices(args: readonly string[], io: PricesIo = PROCESS_IO): Promise<void> {
  const [sub, ...rest] = args as string[];
  if (sub === 'update') return runUpdate(rest, io);
  if (sub === 'check') return runCheck(rest, io);
  throw new CliArgumentError(sub ?? 'prices', `expected update or check\n${USAGE}`);
}

async function runUpdate(args: string[], io: PricesIo): Promise<void> {
  const values = parse(args, { file: { type: 'string', default: DEFAULT_PRICE_DATA_FILE }, url: { type: 'string' } });
  const data = await updateGenaiPricesData({ file: values.file as string, ...(typeof values.url === 'string' ? { url: values.url } : {}) });
  const models = data.providers.reduce((sum, provider) => sum + provider.models.length, 0);
  io.stdout.write(`wrote ${data.file}: genai-prices data ${data.version} of ${data.date}, ${data.providers.length} providers, ${models} models, from ${data.source}\n`);
  io.stdout.write(`use it with createAIClient({ pricing: { dataFile: '${data.file}' } })\n`);
}

/** One model of the ledger that gets no price. */
interface UnpricedModel {
  readonly provider: string;
  readonly model: string;
  readonly operation: string;
  /** Events of this provider, model and operation in the ledger. */
  events: number;
  /** Of those, events stored without a price because the model was unknown then. */
  storedUnpriced: number;
  /** The latest event, priced again to see whether the model has a price now. */
  latest: UsageEvent;
}

async function runCheck(args: string[], io: PricesIo): Promise<void> {
  const values = parse(args, { ledger: { type: 'string' }, table: { type: 'string' }, schema: { type: 'string' }, 'data-file': { type: 'string' }, json: { type: 'boolean', default: false } });
  if (typeof values.ledger !== 'string') throw new CliArgumentError('--ledger', `is required\n${USAGE}`);
  const dataFile = typeof values['data-file'] === 'string' ? values['data-file'] : existsSync(DEFAULT_PRICE_DATA_FILE) ? DEFAULT_PRICE_DATA_FILE : undefined;
  const calculator = createCostCalculator(dataFile === undefined ? {} : { dataFile });
  const source = await openLedgerEvents(values.ledger, {}, {
    ...(typeof values.table === 'string' ? { table: values.table } : {}),
    ...(typeof values.schema === 'string' ? { schema: values.schema } : {}),
  });
  const models = new Map<string, UnpricedModel>();
  let events = 0;
  for await (const event of source.events) {
    events += 1;
    const key = `${event.provider}\u0000${event.model}\u0000${event.operation}`;
    let entry = models.get(key);
    if (!entry) models.set(key, (entry = { provider: event.provider, model: event.model, operation: event.operation, events: 0, storedUnpriced: 0, latest: event }));
    entry.events += 1;
    if (event.cost?.unpriced === 'unknown_model') entry.storedUnpriced += 1;
    if (event.time >= entry.latest.time) entry.latest = event;
  }
  const unpriced = [...models.values()].filter(({ latest }) => calculator.cost({ provider: latest.provider, model: latest.model, operation: latest.operation, usage: latest.usage, time: new Date(latest.time) }).unpriced === 'unknown_model');
  const rows = unpriced.map(({ provider, model, operation, events: count, storedUnpriced }) => ({ provider, model, operation, events: count, storedUnpriced }));
  if (values.json) {
    io.stdout.write(`${JSON.stringify({ ledger: source.location, dataFile: dataFile ?? null, events, models: models.size, unpriced: rows }, null, 2)}\n`);
  } else {
    const data = dataFile === undefined ? 'the bundled genai-prices data' : dataFile;
    io.stdout.write(`${source.location}: ${events} events, ${models.size} models; ${rows.length} without a price (with ${data})\n`);
    for (const row of rows) io.stdout.write(`${row.provider}:${row.model}  ${row.operation}  ${row.events} events, ${row.storedUnpriced} stored without a price\n`);
  }
  if (rows.length > 0) io.setExitCode(1);
}

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    const message = (error as Error).message;
    const option = /'(-[^' ]+)/.exec(message)?.[1] ?? 'arguments';
    const code = (error as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new CliArgumentError(option, `unknown option\n${USAGE}`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new CliArgumentError(/'([^']+)'/.exec(message)?.[1] ?? option, `unexpected argument\n${USAGE}`);
    throw new CliArgumentError(option, `needs a value\n${USAGE}`);
  }
}
