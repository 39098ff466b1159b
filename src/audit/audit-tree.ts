import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'dotenv';
import { KEY_PATTERNS } from '../redact/key-patterns.js';
import type { AuditFinding } from './finding.js';
import { filesToAudit, ignoredByGit, isGitRepo, trackedFiles } from './git-files.js';
import { previewSecret } from './preview.js';
import { secretlintScan } from './secretlint-scan.js';

/**
 * The result of {@link auditTree}.
 *
 * @example
 * ```ts
 * const report: AuditReport = await auditTree('.');
 * process.exitCode = report.findings.length > 0 ? 1 : 0;
 * ```
 */
export interface AuditReport {
  /** The directory audited. */
  readonly dir: string;
  /** Files scanned for secrets. */
  readonly filesScanned: number;
  /** Whether `dir` is in a git work tree (tracked-file checks need it). */
  readonly git: boolean;
  /** Everything found, by file and line. */
  readonly findings: readonly AuditFinding[];
}

/** Comment that suppresses one finding: on the finding's line, or alone on the line above (`…-next-line`). */
export const ALLOW_COMMENT = 'aimeter-allow';

const MAX_FILE_BYTES = 2_000_000;
const PROVIDER_RULES = KEY_PATTERNS.filter((p) => ['openai', 'google', 'elevenlabs'].includes(p.name));
const RULE_NAMES: Record<string, string> = { openai: 'OpenAI API key', google: 'Google API key', elevenlabs: 'ElevenLabs API key' };
const ENV_FILE = /(^|\/)\.env(\.[^/]+)?$/;
const EXAMPLE_FILE = /(^|\/)\.env\.(example|sample|template|dist|defaults)$/;
const MUST_IGNORE = ['.env', '.env.local', '.env.development.local', '.env.production', '.env.production.local'];

/**
 * Audits a directory for leaked secrets: every text file through secretlint's recommended rules plus
 * aimeter's own rules for OpenAI (`sk-…`), Google (`AIza…`) and ElevenLabs (`sk_` + 48 hex) keys; `.gitignore`
 * coverage of `.env*`; `.env` files tracked by git (even when `.gitignore` also lists them); `.env.example`
 * files holding real-looking values. In a git work tree it reads the files a commit could pick up (tracked,
 * and untracked but not ignored). A line containing `aimeter-allow` suppresses the first finding on it
 * (`aimeter-allow-next-line` alone on the line above does the same for the next line).
 *
 * @example
 * ```ts
 * const { findings } = await auditTree(process.cwd());
 * for (const f of findings) console.log(`${f.file}:${f.line} ${f.message} ${f.preview ?? ''}`);
 * ```
 */
export async function auditTree(dir: string): Promise<AuditReport> {
  const git = isGitRepo(dir);
  const files = filesToAudit(dir);
  const findings: AuditFinding[] = [];
  let scanned = 0;
  for (const file of files) {
    const content = readText(join(dir, file));
    if (content === undefined) continue;
    scanned += 1;
    findings.push(...(await secretsIn(file, content)));
    if (EXAMPLE_FILE.test(file)) findings.push(...realLookingExampleValues(file, content));
  }
  if (git) {
    for (const file of trackedFiles(dir).filter((f) => ENV_FILE.test(f) && !EXAMPLE_FILE.test(f))) {
      findings.push({ kind: 'tracked-env', file, line: 0, column: 0, rule: 'aimeter/tracked-env', message: `${file} is tracked by git: remove it from the index (git rm --cached) and rotate its keys` });
    }
  }
  findings.push(...gitignoreGaps(dir, git));
  return { dir, filesScanned: scanned, git, findings: sortFindings(findings) };
}

async function secretsIn(file: string, content: string): Promise<AuditFinding[]> {
  const hits = new Map<number, AuditFinding>();
  const lines = lineStarts(content);
  const add = (start: number, end: number, rule: string, message: string): void => {
    if (hits.has(start)) return;
    const { line, column } = position(lines, start);
    hits.set(start, { kind: 'secret', file, line, column, rule, message, preview: previewSecret(content.slice(start, end)) });
  };
  for (const pattern of PROVIDER_RULES) {
    for (const match of content.matchAll(pattern.regex)) add(match.index, match.index + match[0].length, `aimeter/${pattern.name}`, RULE_NAMES[pattern.name]!);
  }
  for (const hit of await secretlintScan(file, content)) add(hit.range[0], hit.range[1], hit.ruleId, `${hit.ruleId.replace('@secretlint/secretlint-rule-', '')}: ${hit.messageId}`);
  return allowComments([...hits.values()], content);
}

/** Drops the first finding of each line that carries an allow comment (or whose previous line says so). */
function allowComments(findings: AuditFinding[], content: string): AuditFinding[] {
  const lines = content.split(/\r?\n/);
  const allowed = new Set<number>();
  lines.forEach((text, i) => {
    if (text.includes(`${ALLOW_COMMENT}-next-line`)) allowed.add(i + 2);
    else if (text.includes(ALLOW_COMMENT)) allowed.add(i + 1);
  });
  const kept: AuditFinding[] = [];
  for (const finding of findings.sort((a, b) => a.line - b.line || a.column - b.column)) {
    if (allowed.delete(finding.line)) continue;
    kept.push(finding);
  }
  return kept;
}

function realLookingExampleValues(file: string, content: string): AuditFinding[] {
  const findings: AuditFinding[] = [];
  const lines = content.split(/\r?\n/);
  for (const [name, value] of Object.entries(parse(content))) {
    if (!looksReal(value)) continue;
    const line = lines.findIndex((text) => new RegExp(`^\\s*(?:export\\s+)?${name.replace(/[.]/g, '\\.')}\\s*[=:]`).test(text)) + 1;
    if (lines[line - 1]?.includes(ALLOW_COMMENT)) continue;
    findings.push({ kind: 'env-example', file, line, column: 1, rule: 'aimeter/env-example', message: `${name} holds a real-looking value; use a placeholder such as your-key-here`, preview: previewSecret(value) });
  }
  return findings;
}

// A value is real-looking when it has a provider key's shape, or is long and random (not a placeholder).
function looksReal(value: string): boolean {
  if (PROVIDER_RULES.some((p) => new RegExp(p.regex.source).test(value))) return true;
  if (value.length < 20 || /your|example|change|replace|placeholder|xxxx|\*{3}|<|>|\.\.\./i.test(value)) return false;
  return entropy(value) >= 3.5 && /\d/.test(value) && /[a-zA-Z]/.test(value);
}

function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  return bits;
}

function gitignoreGaps(dir: string, git: boolean): AuditFinding[] {
  const ignored = git ? ignoredByGit(dir, MUST_IGNORE) : ignoredByPatterns(dir, MUST_IGNORE);
  return MUST_IGNORE.filter((name) => !ignored.has(name)).map((name) => ({
    kind: 'gitignore' as const,
    file: '.gitignore',
    line: 0,
    column: 0,
    rule: 'aimeter/gitignore-env',
    message: `${name} is not ignored: add .env* (and !.env.example) to .gitignore`,
  }));
}

// Outside git: the root .gitignore's plain patterns (`*` as a wildcard, `!` re-includes), enough for `.env*` rules.
function ignoredByPatterns(dir: string, names: readonly string[]): Set<string> {
  const path = join(dir, '.gitignore');
  const rules = existsSync(path)
    ? readFileSync(path, 'utf8')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'))
    : [];
  const ignored = new Set<string>();
  for (const name of names) {
    let state = false;
    for (const rule of rules) {
      const negate = rule.startsWith('!');
      const glob = rule.replace(/^!/, '').replace(/^\/|^\*\*\//, '');
      const regex = new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
      if (regex.test(basename(name))) state = !negate;
    }
    if (state) ignored.add(name);
  }
  return ignored;
}

function readText(path: string): string | undefined {
  try {
    if (statSync(path).size > MAX_FILE_BYTES) return undefined;
    const bytes = readFileSync(path);
    if (bytes.subarray(0, 8_000).includes(0)) return undefined;
    return bytes.toString('utf8');
  } catch {
    return undefined;
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function position(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

function sortFindings(findings: AuditFinding[]): AuditFinding[] {
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
