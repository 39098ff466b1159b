// Recorded provider replies kept under test/fixtures/recorded/, with where each came from.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedReply } from '../../src/simulator/types.js';

/** Where a recorded reply was taken from: a repository, a file in it, its commit, and the place in the file. */
export interface RecordingSource {
  readonly repo: string;
  readonly path: string;
  readonly commit: string;
  readonly interaction?: number;
  readonly example?: string;
  readonly event?: string;
}

/** One recorded reply: its source, what was changed to replay it (if anything), and the request it answers. */
export interface Recording {
  readonly source: RecordingSource;
  /** What was changed from the recording, and why; absent when it is replayed as recorded. */
  readonly edited?: string;
  readonly provider: 'openai' | 'gemini' | 'elevenlabs';
  readonly operation: 'chat' | 'transcribe' | 'speak';
  /** The model the request names. */
  readonly model: string;
  readonly reply: RecordedReply;
}

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'recorded');

/** Reads `test/fixtures/recorded/<folder>/<name>.json`. */
export function recording(folder: string, name: string): Recording {
  return JSON.parse(readFileSync(join(ROOT, folder, `${name}.json`), 'utf8')) as Recording;
}
