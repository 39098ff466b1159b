import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ENVIRONMENT_VARIABLES } from '../environment.js';
import { isGitRepo, trackedFiles } from '../audit/git-files.js';
import { CliArgumentError } from '../errors/cli-argument-error.js';
import { environmentDotenvFiles, loadDotenvFiles } from '../keys/dotenv-files.js';
import { environmentSuffix } from '../keys/environment-suffix.js';
import { findStaticKey } from '../keys/resolve-key.js';
import { elevenlabs } from '../providers/elevenlabs/index.js';
import { gemini } from '../providers/gemini/index.js';
import { openai } from '../providers/openai/index.js';

/** One provider × environment row of `aimeter keys`. Never holds a key value. */
interface KeyRow {
  readonly provider: string;
  readonly environment: string;
  readonly source: string | undefined;
  readonly fingerprint: string | undefined;
  readonly tried: readonly string[];
}

const DEFAULT_ENVIRONMENTS = ['development', 'staging', 'production'];
const USAGE = 'usage: aimeter keys [--env a,b] [--dir D] [--json]';

/**
 * `aimeter keys [--env a,b] [--dir D] [--json]`: for each provider and environment, which source resolves the
 * key (option sources aside: the real environment and the `.env` files of `--dir`), its fingerprint, and
 * warnings: the same key in two environments, a missing production key, a key found in a git-tracked file.
 * Never prints a key value. An unknown option, or an option without its value, is a {@link CliArgumentError}
 * (exit status 2) whose message ends with the usage line.
 *
 * @example
 * ```ts
 * await runKeys(['--env', 'staging,production', '--json']);
 * ```
 */
export function runKeys(args: string[]): Promise<void> {
  const values = parseKeysArgs(args);
  const dir = resolve(values.dir);
  const environments = values.env === undefined ? discoverEnvironments(dir) : values.env.split(',').map((e) => e.trim()).filter(Boolean);
  if (environments.length === 0) throw new CliArgumentError('--env', `expected environment names such as staging,production\n${USAGE}`);
  const providers = { openai: openai().keyVariables, gemini: gemini().keyVariables, elevenlabs: elevenlabs().keyVariables };
  const rows: KeyRow[] = [];
  const valuesByFingerprint = new Map<string, string>();
  for (const [provider, variables] of Object.entries(providers)) {
    for (const environment of environments) {
      const tried: string[] = [];
      const key = findStaticKey(provider, environment, { variables, env: process.env, dotenv: loadDotenvFiles(dir, environment) }, tried);
      if (key) valuesByFingerprint.set(key.fingerprint, key.value);
      rows.push({ provider, environment, source: key?.source, fingerprint: key?.fingerprint, tried: key ? [] : tried.filter((t) => !t.startsWith('option ')) });
    }
  }
  const warnings = [...sharedKeys(rows), ...missingProduction(rows, environments), ...trackedKeys(dir, valuesByFingerprint)];
  if (values.json) {
    console.log(JSON.stringify({ dir, environments, keys: rows, warnings }, null, 2));
    return Promise.resolve();
  }
  for (const row of rows) {
    const found = row.fingerprint ? `${row.fingerprint}  from ${row.source}` : `missing (tried ${row.tried.join(', ')})`;
    console.log(`${row.provider.padEnd(11)} ${row.environment.padEnd(12)} ${found}`);
  }
  for (const warning of warnings) console.log(`warning: ${warning}`);
  return Promise.resolve();
}

function parseKeysArgs(args: string[]): { env?: string | undefined; dir: string; json: boolean } {
  try {
    const options = { env: { type: 'string' }, dir: { type: 'string', default: '.' }, json: { type: 'boolean', default: false } } as const;
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    // node:util's messages suggest `--` tricks that do not apply here: name the option and show the usage.
    const message = (error as Error).message;
    const option = /'(-[^' ]+)/.exec(message)?.[1] ?? 'arguments';
    const code = (error as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new CliArgumentError(option, `unknown option\n${USAGE}`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new CliArgumentError(/'([^']+)'/.exec(message)?.[1] ?? option, `unexpected argument\n${USAGE}`);
    if (/ambiguous/.test(message)) throw new CliArgumentError(option, `needs a value (one starting with - is given as ${option}=VALUE)\n${USAGE}`);
    if (/argument missing/.test(message)) throw new CliArgumentError(option, `needs a value\n${USAGE}`);
    throw new CliArgumentError(option, `${message.split(/\.\s/)[0]!.replace(/^Option '[^']+' /, '')}\n${USAGE}`);
  }
}

// The environments worth showing: the usual three, the current one, and any named by a `.env.{env}` file or
// a `*_API_KEY_{ENV}` variable.
function discoverEnvironments(dir: string): string[] {
  const found = new Set(DEFAULT_ENVIRONMENTS);
  for (const name of ENVIRONMENT_VARIABLES) if (process.env[name]) found.add(process.env[name]);
  for (const { environment } of environmentDotenvFiles(dir)) found.add(environment);
  for (const name of Object.keys(process.env)) {
    const suffix = /^(?:OPENAI|GOOGLE|GEMINI|ELEVENLABS)_API_KEY_([A-Z0-9_]+)$/.exec(name)?.[1];
    if (suffix && ![...found].some((e) => environmentSuffix(e) === suffix)) found.add(suffix.toLowerCase());
  }
  return [...found];
}

function sharedKeys(rows: readonly KeyRow[]): string[] {
  const byKey = new Map<string, KeyRow[]>();
  for (const row of rows) if (row.fingerprint) byKey.set(`${row.provider} ${row.fingerprint}`, [...(byKey.get(`${row.provider} ${row.fingerprint}`) ?? []), row]);
  return [...byKey.values()]
    .filter((group) => group.length > 1)
    .map((group) => `${group[0]!.provider}: the same key ${group[0]!.fingerprint} serves ${group.map((r) => r.environment).join(', ')}; use one key per environment`);
}

function missingProduction(rows: readonly KeyRow[], environments: readonly string[]): string[] {
  if (!environments.includes('production')) return [];
  return rows.filter((r) => r.environment === 'production' && !r.fingerprint).map((r) => `${r.provider}: no production key resolves`);
}

function trackedKeys(dir: string, keys: ReadonlyMap<string, string>): string[] {
  if (keys.size === 0 || !isGitRepo(dir)) return [];
  const warnings: string[] = [];
  for (const file of trackedFiles(dir)) {
    let text: string;
    try {
      text = readFileSync(join(dir, file), 'utf8');
    } catch {
      continue;
    }
    for (const [fingerprint, value] of keys) if (text.includes(value)) warnings.push(`key ${fingerprint} is in ${file}, which git tracks: rotate it and remove it from the history`);
  }
  return warnings;
}
