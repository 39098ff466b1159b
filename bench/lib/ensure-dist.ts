import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Builds dist/ (`npm run build`: tsc, then the bundles users import) when it is missing or any file of src/ is newer. */
export function ensureDist(repoRoot: string, log: (line: string) => void): void {
  const entry = join(repoRoot, 'dist/index.js');
  const built = existsSync(entry) ? statSync(entry).mtimeMs : 0;
  const newest = newestMtime(join(repoRoot, 'src'));
  if (built >= newest) return;
  log(built === 0 ? 'dist/ is missing: building it' : 'dist/ is older than src/: rebuilding it');
  try {
    execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  } catch (error) {
    // tsc still emits when it reports type errors (the bundle step then does not run): only a build with no output
    // at all stops the run.
    if (!existsSync(entry) || statSync(entry).mtimeMs < newest) throw error;
    log('tsc reported errors (above) but emitted dist/: benchmarking that build');
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}
