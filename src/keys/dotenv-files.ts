import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Dotenv from 'dotenv';

/**
 * Something wrong in a `.env` file: where, and what. Never holds a value.
 *
 * @example
 * ```ts
 * for (const w of loadDotenvFiles('.', 'production').warnings) console.warn(`${w.file}:${w.line} ${w.message}`);
 * ```
 */
export interface DotenvWarning {
  /** File name, e.g. `.env.production`. */
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
  /** What is wrong. */
  readonly message: string;
}

/**
 * One `.env` file, parsed.
 *
 * @example
 * ```ts
 * const file: DotenvFile = { name: '.env.local', path: '/app/.env.local', values: { OPENAI_API_KEY: '…' } };
 * ```
 */
export interface DotenvFile {
  /** File name. */
  readonly name: string;
  /** Full path. */
  readonly path: string;
  /** Its variables. */
  readonly values: Readonly<Record<string, string>>;
}

/**
 * The `.env` files of one environment, highest precedence first, and what was wrong in them.
 *
 * @example
 * ```ts
 * const { files, candidates } = loadDotenvFiles(process.cwd(), 'staging');
 * console.log(candidates); // ['.env.staging.local', '.env.local', '.env.staging', '.env']
 * ```
 */
export interface DotenvFiles {
  /** The directory read. */
  readonly dir: string;
  /** File names looked for, highest precedence first. */
  readonly candidates: readonly string[];
  /** The files that exist, highest precedence first. */
  readonly files: readonly DotenvFile[];
  /** Malformed lines, unterminated quotes. */
  readonly warnings: readonly DotenvWarning[];
}

/**
 * The `.env` file names of an environment in precedence order: `.env.{env}.local`, `.env.local`, `.env.{env}`,
 * `.env` (the dotenv-flow / Next.js / Vite order: local overrides shared, specific overrides general).
 *
 * @example
 * ```ts
 * dotenvCandidates('production'); // ['.env.production.local', '.env.local', '.env.production', '.env']
 * ```
 */
export function dotenvCandidates(environment: string): string[] {
  return [`.env.${environment}.local`, '.env.local', `.env.${environment}`, '.env'];
}

/**
 * Reads the `.env` files of `environment` in `dir` with dotenv's parser (quotes, `export`, CRLF, trailing
 * spaces, a UTF-8 BOM handled), without touching `process.env`. Lines dotenv would silently skip and
 * unterminated quotes are reported as warnings, by file and line, never with a value.
 *
 * @example
 * ```ts
 * const dotenv = loadDotenvFiles('/app', 'production');
 * const key = dotenv.files.find((f) => f.values.OPENAI_API_KEY)?.values.OPENAI_API_KEY;
 * ```
 */
export function loadDotenvFiles(dir: string, environment: string): DotenvFiles {
  const candidates = dotenvCandidates(environment);
  const files: DotenvFile[] = [];
  const warnings: DotenvWarning[] = [];
  for (const name of candidates) {
    const file = readDotenvFile(dir, name);
    if (!file) continue;
    files.push(file.file);
    warnings.push(...file.warnings);
  }
  return { dir, candidates, files, warnings };
}

/**
 * Every `.env.{environment}` and `.env.{environment}.local` file in `dir` (not `.env.example` and the like),
 * with the environment it belongs to: what declares a key for an environment.
 *
 * @example
 * ```ts
 * for (const { environment, file } of environmentDotenvFiles('.')) console.log(environment, Object.keys(file.values));
 * ```
 */
export function environmentDotenvFiles(dir: string): { environment: string; file: DotenvFile }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const found: { environment: string; file: DotenvFile }[] = [];
  for (const name of names.sort()) {
    const environment = /^\.env\.(.+?)(?:\.local)?$/.exec(name)?.[1];
    if (!environment || NOT_ENVIRONMENTS.has(environment)) continue;
    const file = readDotenvFile(dir, name);
    if (file) found.push({ environment, file: file.file });
  }
  return found;
}

const NOT_ENVIRONMENTS = new Set(['local', 'example', 'sample', 'template', 'defaults', 'dist', 'vault', 'keys']);

function readDotenvFile(dir: string, name: string): { file: DotenvFile; warnings: DotenvWarning[] } | undefined {
  const path = join(dir, name);
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT' || (error as { code?: unknown }).code === 'EISDIR') return undefined;
    return { file: { name, path, values: {} }, warnings: [{ file: name, line: 0, message: `unreadable (${(error as { code?: string }).code ?? 'error'})` }] };
  }
  const text = content.replace(/^\uFEFF/, '');
  return { file: { name, path, values: dotenvParse()(text) }, warnings: lintDotenv(name, text) };
}

let parser: typeof Dotenv.parse | undefined;

/** dotenv's parser, loaded when the first `.env` file is read rather than by `import 'aimeter'`. */
function dotenvParse(): typeof Dotenv.parse {
  return (parser ??= (createRequire(import.meta.url)('dotenv') as typeof Dotenv).parse);
}

const ASSIGNMENT = /^\s*(?:export\s+)?([\w.-]+)\s*[=:]\s?(.*)$/;

/** Lines dotenv's parser skips without a word, and quoted values that never close. */
function lintDotenv(file: string, text: string): DotenvWarning[] {
  const warnings: DotenvWarning[] = [];
  const lines = text.split(/\r?\n|\r/);
  let open: { quote: string; line: number; name: string } | undefined;
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (open) {
      if (closesQuote(raw, open.quote)) open = undefined;
      return;
    }
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const match = ASSIGNMENT.exec(raw);
    if (!match) {
      warnings.push({ file, line, message: 'not a NAME=value line; ignored' });
      return;
    }
    const value = match[2]!.trimStart();
    const quote = value[0];
    if ((quote === '"' || quote === "'" || quote === '`') && !closesQuote(value.slice(1), quote)) open = { quote, line, name: match[1]! };
  });
  if (open) {
    const { line, name } = open;
    warnings.push({ file, line, message: `the quoted value of ${name} is never closed; dotenv keeps the opening quote as part of the value` });
  }
  return warnings;
}

function closesQuote(text: string, quote: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return true;
  }
  return false;
}
