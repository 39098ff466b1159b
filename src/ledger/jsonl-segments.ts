import { readdir } from 'node:fs/promises';
import { basename, dirname, extname } from 'node:path';

/** One file of a JSON Lines ledger: `day` is set for daily segments, `index` counts size rotations (0: first). */
export interface JsonlSegment {
  readonly path: string;
  readonly day: string | undefined;
  readonly index: number;
}

/** `2026-11-23`, `2026-11-23.2`, or `2` between the stem and the extension of a segment's name. */
const MIDDLE = /^(?:(\d{4}-\d{2}-\d{2})(?:\.([1-9]\d*))?|([1-9]\d*))$/;

/**
 * The file of segment `index` of `day` for the ledger at `base`, named so that every process appending to the
 * ledger agrees on it without asking the others. For `usage.jsonl`: `usage.jsonl`, `usage.1.jsonl`, … without
 * days; `usage.2026-11-23.jsonl`, `usage.2026-11-23.1.jsonl`, … with them.
 */
export function segmentPath(base: string, day: string | undefined, index: number): string {
  if (day === undefined && index === 0) return base;
  const ext = extname(base);
  const middle = [day, index > 0 ? String(index) : undefined].filter((part) => part !== undefined).join('.');
  return `${base.slice(0, base.length - ext.length)}.${middle}${ext}`;
}

/**
 * The files of the JSON Lines ledger at `base` that exist: the base file itself and the segments that size or
 * daily rotation wrote beside it, oldest first (files without a day, then day by day; each by rotation
 * number). Reading them in this order reads the ledger in the order it was written, segment by segment.
 *
 * @param base - the path given to {@link jsonlSink}
 * @returns the segments' paths; empty when there is neither the file nor a segment
 *
 * @example
 * ```ts
 * for (const path of await listJsonlSegments('logs/usage.jsonl')) console.log(path);
 * // logs/usage.jsonl, logs/usage.1.jsonl, logs/usage.2026-11-23.jsonl, logs/usage.2026-11-23.1.jsonl
 * ```
 */
export async function listJsonlSegments(base: string): Promise<string[]> {
  return (await findSegments(base)).map((segment) => segment.path);
}

/** The existing segments of the ledger at `base`, in reading order. */
export async function findSegments(base: string): Promise<JsonlSegment[]> {
  const folder = dirname(base);
  const names = await readdir(folder).catch((error: unknown) => {
    if ((error as { code?: unknown }).code === 'ENOENT') return [];
    throw error;
  });
  const file = basename(base);
  // Siblings are spelled like the base (`./logs/…` stays `./logs/…`), as segmentPath spells them.
  const prefix = base.slice(0, base.length - file.length);
  const ext = extname(file);
  const stem = `${basename(file, ext)}.`;
  const segments: JsonlSegment[] = [];
  for (const name of names) {
    if (name === file) {
      segments.push({ path: base, day: undefined, index: 0 });
      continue;
    }
    if (!name.startsWith(stem) || !name.endsWith(ext) || name.length <= stem.length + ext.length) continue;
    const match = MIDDLE.exec(name.slice(stem.length, name.length - ext.length));
    if (match) segments.push({ path: `${prefix}${name}`, day: match[1], index: Number(match[2] ?? match[3] ?? 0) });
  }
  return segments.sort((a, b) => compare(a.day ?? '', b.day ?? '') || a.index - b.index);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
