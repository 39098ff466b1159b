import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ReportWriteError } from '../errors/report-write-error.js';

const REASONS: Record<string, string> = {
  ENOENT: 'no such directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
};

/**
 * Writes a report to `path` all at once: to a temporary file in the same directory, then renamed over `path`,
 * so a reader never sees half a report and a failed run leaves any earlier file as it was.
 *
 * @param path - the `--out` file
 * @param text - the whole report
 * @throws {@link ReportWriteError} when the file cannot be written
 *
 * @example
 * ```ts
 * await writeReportFile('report.html', html);
 * ```
 */
export async function writeReportFile(path: string, text: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, { flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new ReportWriteError(path, `cannot write the report (${REASONS[code] ?? (code || (error as Error).message)})`, { cause: error });
  }
}
