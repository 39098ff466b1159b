import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Clock } from '../time/clock.js';
import { findSegments, segmentPath } from './jsonl-segments.js';
import type { Rotation } from './jsonl-rotation.js';

/** When written lines are forced to disk; see `JsonlSinkOptions.fsync`. */
export type FsyncPolicy = 'batch' | 'close';

interface OpenSegment {
  readonly handle: FileHandle;
  readonly day: string | undefined;
  readonly index: number;
}

/**
 * Appends text to the current segment of a JSON Lines ledger, one `write` per call on a file opened in append
 * mode (O_APPEND), so whole batches of lines from several processes never interleave. Calls must not overlap.
 * Rotation is decided per call from the clock and the segment's size as the file system reports it, which
 * counts every process's writes; a segment that is full for one process is full for all, and each moves on
 * to the next name on its own. Nothing is ever renamed, so no process can be left writing to a moved file.
 */
export class JsonlAppender {
  readonly #base: string;
  readonly #fsync: FsyncPolicy;
  readonly #rotation: Rotation;
  readonly #clock: Pick<Clock, 'now'>;
  #segment: OpenSegment | undefined;
  /** The open segment holds appended text that was not forced to disk yet. */
  #dirty = false;
  /** Whether the open segment's end was checked for a torn line since this process opened it. */
  #checked = false;

  constructor(base: string, fsync: FsyncPolicy, rotation: Rotation, clock: Pick<Clock, 'now'>) {
    this.#base = base;
    this.#fsync = fsync;
    this.#rotation = rotation;
    this.#clock = clock;
  }

  async append(text: string): Promise<void> {
    const segment = await this.#current();
    const { handle } = segment;
    // A crash may have cut a segment's last line short: before this process first appends to a segment, it ends
    // such a line, so the new lines are not glued to the fragment (a reader still recovers a glued one). Only
    // then: another process's append in progress also ends mid-line for a moment, and a newline added after it
    // would be an empty line.
    const repair = this.#checked ? '' : await tornEnd(handle);
    this.#checked = true;
    this.#dirty = true;
    await handle.write(repair + text);
    if (this.#fsync === 'batch') await this.sync();
  }

  /** Forces what was appended to the open segment to disk, unless it is there already. */
  async sync(): Promise<void> {
    if (!this.#segment || !this.#dirty) return;
    await this.#segment.handle.datasync();
    this.#dirty = false;
  }

  /** Syncs and closes the open segment; a later append opens the current one again. */
  async close(): Promise<void> {
    const segment = this.#segment;
    if (!segment) return;
    try {
      await this.sync();
    } finally {
      this.#segment = undefined;
      this.#dirty = false;
      this.#checked = false;
      await segment.handle.close();
    }
  }

  async #current(): Promise<OpenSegment> {
    const { day: dayOf, maxBytes } = this.#rotation;
    const day = dayOf?.(this.#clock.now());
    if (this.#segment && this.#segment.day !== day) await this.close();
    this.#segment ??= await this.#open(day, maxBytes === Infinity ? 0 : await this.#lastIndex(day));
    if (maxBytes === Infinity) return this.#segment;
    while ((await this.#segment.handle.stat()).size >= maxBytes) {
      const next = this.#segment.index + 1;
      await this.close();
      this.#segment = await this.#open(day, next);
    }
    return this.#segment;
  }

  /** The newest segment of `day` that exists (0 when none does): where this process joins the others. */
  async #lastIndex(day: string | undefined): Promise<number> {
    const ofDay = (await findSegments(this.#base)).filter((segment) => segment.day === day);
    return ofDay.at(-1)?.index ?? 0;
  }

  async #open(day: string | undefined, index: number): Promise<OpenSegment> {
    const path = segmentPath(this.#base, day, index);
    await mkdir(dirname(path), { recursive: true });
    // Opened for reading too, to look at the last byte before appending (see endsMidLine).
    const created = await open(path, 'ax+').catch((error: unknown) => {
      if ((error as { code?: unknown }).code === 'EEXIST') return undefined;
      throw error;
    });
    // A new file's name is durable only once its folder is synced; a power cut could lose a synced segment else.
    if (created && this.#fsync === 'batch') await syncFolder(dirname(path));
    return { handle: created ?? (await open(path, 'a+')), day, index };
  }
}

/**
 * A newline when the file's last line was cut short, else ''. A file that grew while it was looked at is being
 * appended to by another process, not torn.
 */
async function tornEnd(handle: FileHandle): Promise<string> {
  const { size } = await handle.stat();
  if (size === 0) return '';
  const { buffer, bytesRead } = await handle.read(Buffer.alloc(1), 0, 1, size - 1);
  if (bytesRead !== 1 || buffer[0] === 0x0a) return '';
  return (await handle.stat()).size === size ? '\n' : '';
}

/** fsync on a folder; platforms that cannot open a folder for it (Windows) skip it. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}
