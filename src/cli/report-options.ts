import { parseArgs } from 'node:util';
import { CliArgumentError } from '../errors/cli-argument-error.js';
import { ConfigError } from '../errors/config-error.js';
import { ELEVENLABS_PLAN_LIMITS } from '../limits/presets/elevenlabs-plan.js';
import { postgresNames } from '../ledger/postgres-migrations.js';
import { OPERATIONS } from '../operations/operation.js';
import { REPORT_GROUPS, type ReportGroup } from '../report/report-group.js';
import { parseIsoInstant } from './parse-iso-instant.js';

/**
 * Filters of `aimeter report`: event fields, then tags.
 *
 * @example
 * ```ts
 * for (const name of REPORT_FILTERS) console.log(`--${name}`);
 * ```
 */
export const REPORT_FILTERS = ['provider', 'model', 'operation', 'status', 'environment', 'customer', 'project', 'user', 'session'] as const;
const FORMATS = ['table', 'json', 'csv', 'html'] as const;
const ALLOWED: Partial<Record<(typeof REPORT_FILTERS)[number], readonly string[]>> = { operation: OPERATIONS, status: ['ok', 'error', 'aborted'] };

/**
 * What `aimeter report` was asked for, checked.
 *
 * @example
 * ```ts
 * const { by, since, filters }: ReportOptions = parseReportArgs(['--by', 'customer', '--since', '2026-11-01']);
 * ```
 */
export interface ReportOptions {
  readonly help: boolean;
  readonly ledger: string;
  readonly table?: string;
  readonly schema?: string;
  readonly by: readonly ReportGroup[];
  readonly since?: Date;
  readonly until?: Date;
  /** Accepted values per filter; only the filters given. */
  readonly filters: Readonly<Partial<Record<(typeof REPORT_FILTERS)[number], readonly string[]>>>;
  readonly format: (typeof FORMATS)[number];
  /** The file to write the report to (whole, or not at all); `undefined`: stdout. */
  readonly out?: string;
  /** `true` / `false` when asked; `undefined`: only on a terminal. */
  readonly progress?: boolean;
  readonly elevenlabs?: { readonly plan?: keyof typeof ELEVENLABS_PLAN_LIMITS; readonly quotaCredits?: number; readonly anchorDay: number };
}

const list = { type: 'string', multiple: true } as const;

/**
 * Reads the arguments of `aimeter report`; anything unknown or malformed is a {@link CliArgumentError}.
 *
 * @example
 * ```ts
 * parseReportArgs(['--customer', 'acme,globex', '--format', 'csv']).filters; // { customer: ['acme', 'globex'] }
 * ```
 */
export function parseReportArgs(args: readonly string[]): ReportOptions {
  const { values: v } = parse(args);
  const by = parseGroups(v.by ?? 'provider,model');
  const since = v.since === undefined ? undefined : parseIsoInstant('--since', v.since);
  const until = v.until === undefined ? undefined : parseIsoInstant('--until', v.until);
  if (since && until && since >= until) throw new CliArgumentError('--until', `must be after --since (${since.toISOString()})`);
  const format = oneOf('--format', v.format ?? 'table', FORMATS);
  if (v.progress && v['no-progress']) throw new CliArgumentError('--progress', 'give --progress or --no-progress, not both');
  const ledger = v.ledger ?? 'aimeter-usage.jsonl';
  const filters = Object.fromEntries(
    REPORT_FILTERS.filter((name) => v[name] !== undefined).map((name) => {
      const values = splitList(`--${name}`, v[name]!);
      const allowed = ALLOWED[name];
      for (const value of values) if (allowed) oneOf(`--${name}`, value, allowed);
      return [name, values];
    }),
  );
  return {
    help: v.help ?? false,
    ledger,
    ...postgresTable(ledger, v.table, v.schema),
    by,
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
    filters,
    format,
    ...(v.out === undefined ? {} : { out: outPath(v.out) }),
    ...(v.progress || v['no-progress'] ? { progress: v.progress === true } : {}),
    ...elevenlabs(v['elevenlabs-plan'], v['elevenlabs-quota'], v['anchor-day']),
  };
}

/**
 * Parses `--by provider,month,tag:team`: the groupings, outermost first.
 *
 * @example
 * ```ts
 * parseGroups('customer, month'); // ['customer', 'month']
 * ```
 */
export function parseGroups(value: string): ReportGroup[] {
  const groups = splitList('--by', [value]);
  for (const g of groups) {
    if (!(REPORT_GROUPS as readonly string[]).includes(g) && !/^tag:.+/.test(g)) {
      throw new CliArgumentError('--by', `unknown group "${g}" (use ${REPORT_GROUPS.join(', ')} or tag:<name>)`);
    }
  }
  const twice = groups.find((g, i) => groups.indexOf(g) !== i);
  if (twice) throw new CliArgumentError('--by', `"${twice}" is given twice`);
  return groups as ReportGroup[];
}

function parse(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        ledger: { type: 'string' },
        table: { type: 'string' },
        schema: { type: 'string' },
        by: { type: 'string' },
        since: { type: 'string' },
        until: { type: 'string' },
        provider: list,
        model: list,
        operation: list,
        status: list,
        environment: list,
        customer: list,
        project: list,
        user: list,
        session: list,
        format: { type: 'string' },
        out: { type: 'string', short: 'o' },
        progress: { type: 'boolean' },
        'no-progress': { type: 'boolean' },
        'elevenlabs-plan': { type: 'string' },
        'elevenlabs-quota': { type: 'string' },
        'anchor-day': { type: 'string' },
      },
    });
  } catch (error) {
    // node:util's messages name the option but suggest `--` tricks that do not apply here.
    const message = (error as Error).message;
    const option = /'(-[^' ]+)/.exec(message)?.[1] ?? 'arguments';
    const code = (error as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new CliArgumentError(option, 'unknown option (see aimeter report --help)');
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new CliArgumentError(/'([^']+)'/.exec(message)?.[1] ?? option, 'unexpected argument; the ledger goes after --ledger');
    if (/ambiguous/.test(message)) throw new CliArgumentError(option, `a value starting with - is given as ${option}=VALUE`);
    throw new CliArgumentError(option, message.split(/\.\s/)[0]!.replace(/^Option '[^']+' /, ''));
  }
}

// `\,` is a comma inside a value (a customer named "umbrella, ltd").
function splitList(option: string, given: readonly string[]): string[] {
  const values = given
    .flatMap((text) => text.split(/(?<!\\),/))
    .map((s) => s.replaceAll('\\,', ',').trim())
    .filter(Boolean);
  if (values.length === 0) throw new CliArgumentError(option, 'expected at least one value');
  return values;
}

function outPath(value: string): string {
  if (value.trim() === '') throw new CliArgumentError('--out', 'expected a file path');
  return value;
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new CliArgumentError(option, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  return value as T;
}

function postgresTable(ledger: string, table: string | undefined, schema: string | undefined): { table?: string; schema?: string } {
  if (table === undefined && schema === undefined) return {};
  if (!/^postgres(ql)?:\/\//.test(ledger)) throw new CliArgumentError(table === undefined ? '--schema' : '--table', 'only for a postgres:// ledger');
  try {
    postgresNames({ table, schema });
  } catch (error) {
    if (ConfigError.isInstance(error)) throw new CliArgumentError(`--${error.field}`, error.message.slice(error.field.length + 2));
    throw error;
  }
  return { ...(table === undefined ? {} : { table }), ...(schema === undefined ? {} : { schema }) };
}

function elevenlabs(plan: string | undefined, quota: string | undefined, anchor: string | undefined): Pick<ReportOptions, 'elevenlabs'> {
  if (plan === undefined && quota === undefined) {
    if (anchor !== undefined) throw new CliArgumentError('--anchor-day', 'needs --elevenlabs-plan or --elevenlabs-quota');
    return {};
  }
  const planName = plan === undefined ? undefined : oneOf('--elevenlabs-plan', plan, Object.keys(ELEVENLABS_PLAN_LIMITS) as (keyof typeof ELEVENLABS_PLAN_LIMITS)[]);
  const quotaCredits = quota === undefined ? undefined : Number(quota);
  if (quotaCredits !== undefined && !(Number.isFinite(quotaCredits) && quotaCredits > 0 && quota!.trim() !== '')) {
    throw new CliArgumentError('--elevenlabs-quota', `expected a number of credits above 0, got ${JSON.stringify(quota)}`);
  }
  const anchorDay = anchor === undefined ? 1 : Number(anchor);
  if (!/^\d{1,2}$/.test(anchor ?? '1') || anchorDay < 1 || anchorDay > 31) throw new CliArgumentError('--anchor-day', `expected a day of the month, 1 to 31, got ${JSON.stringify(anchor)}`);
  return { elevenlabs: { ...(planName ? { plan: planName } : {}), ...(quotaCredits === undefined ? {} : { quotaCredits }), anchorDay } };
}
