import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { auditTree } from '../audit/audit-tree.js';

/**
 * `aimeter audit [dir] [--json]`: secrets in the tree, `.gitignore` coverage of `.env*`, tracked `.env` files,
 * real-looking `.env.example` values. Exit code 1 on any finding, so it serves in CI and as a pre-commit hook.
 *
 * @example
 * ```ts
 * await runAudit(['.', '--json']);
 * ```
 */
export async function runAudit(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
  if (positionals.length > 1) throw new Error('expected at most one directory');
  const report = await auditTree(resolve(positionals[0] ?? '.'));
  if (values.json) {
    console.log(JSON.stringify({ dir: report.dir, git: report.git, filesScanned: report.filesScanned, findings: report.findings }, null, 2));
  } else if (report.findings.length === 0) {
    console.log(`aimeter audit: no findings in ${report.filesScanned} files${report.git ? '' : ' (not a git work tree: tracked-file checks skipped)'}`);
  } else {
    for (const f of report.findings) {
      const where = f.line > 0 ? `${f.file}:${f.line}:${f.column}` : f.file;
      console.log(`${where}  ${f.kind}  ${f.message}${f.preview ? `  ${f.preview}` : ''}  [${f.rule}]`);
    }
    console.log(`\n${report.findings.length} finding(s) in ${report.filesScanned} files. Suppress a false positive with an "aimeter-allow" comment on its line.`);
  }
  if (report.findings.length > 0) process.exitCode = 1;
}
