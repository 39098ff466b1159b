import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'coverage', '.next', '.turbo', '.cache']);

/**
 * Whether `dir` is inside a git work tree (git installed and answering).
 *
 * @example
 * ```ts
 * if (isGitRepo('.')) console.log(trackedFiles('.'));
 * ```
 */
export function isGitRepo(dir: string): boolean {
  return git(dir, ['rev-parse', '--is-inside-work-tree'])?.trim() === 'true';
}

/**
 * Files git tracks under `dir`, relative to it.
 *
 * @example
 * ```ts
 * trackedFiles('.').filter((f) => f.endsWith('.env'));
 * ```
 */
export function trackedFiles(dir: string): string[] {
  return splitZ(git(dir, ['ls-files', '-z', '--cached', '--', '.']));
}

/**
 * The files to audit: in a git work tree, the tracked files and the untracked ones `.gitignore` does not exclude
 * (what a commit could pick up); elsewhere every file, skipping `node_modules`, `.git`, `dist` and the like.
 *
 * @example
 * ```ts
 * for (const file of filesToAudit('.')) console.log(file);
 * ```
 */
export function filesToAudit(dir: string): string[] {
  if (isGitRepo(dir)) return [...new Set(splitZ(git(dir, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '.'])))].sort();
  const files: string[] = [];
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(path);
      } else if (entry.isFile()) {
        files.push(relative(dir, path));
      }
    }
  };
  walk(dir);
  return files.sort();
}

/**
 * Which of `names` (paths relative to `dir`) git would ignore, whether tracked or not (`check-ignore --no-index`).
 *
 * @example
 * ```ts
 * ignoredByGit('.', ['.env', '.env.local']); // Set { '.env', '.env.local' }
 * ```
 */
export function ignoredByGit(dir: string, names: readonly string[]): Set<string> {
  return new Set((git(dir, ['check-ignore', '--no-index', '--', ...names]) ?? '').split('\n').filter(Boolean));
}

function git(dir: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    // check-ignore exits 1 when nothing is ignored; its output is still the answer.
    const stdout = (error as { stdout?: unknown }).stdout;
    return typeof stdout === 'string' && (error as { status?: unknown }).status === 1 ? stdout : undefined;
  }
}

function splitZ(text: string | undefined): string[] {
  return (text ?? '').split('\0').filter(Boolean);
}
