import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite';
import { THREAD_SOURCE, type ThreadData, type ThreadReply } from '../../../src/providers/shared/tokenizer-thread.js';

const load = createRequire(import.meta.url);
const TEXTS = ['Hello, world!', 'The quick brown fox jumps over the lazy dog. '.repeat(10), 'héllo 👋 — <|endoftext|>'];

/** A package directory whose js-tiktoken ships gpt2's rank data in `source`'s form. */
function fakePackage(source: (data: TiktokenBPE) => string): string {
  const root = mkdtempSync(join(tmpdir(), 'aimeter-i17-thread-'));
  const dir = join(root, 'node_modules', 'js-tiktoken');
  mkdirSync(join(dir, 'ranks'), { recursive: true });
  const exports = { './ranks/gpt2': { require: './ranks/gpt2.cjs' } };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'js-tiktoken', version: '0.0.0', exports }));
  writeFileSync(join(dir, 'ranks', 'gpt2.cjs'), source(load('js-tiktoken/ranks/gpt2') as TiktokenBPE));
  return root;
}

/** Counts `texts` on a tokenizer thread that resolves js-tiktoken from `root`. */
async function countOnThread(root: string, texts: readonly string[]): Promise<ThreadReply> {
  const workerData: ThreadData = { base: pathToFileURL(join(root, 'index.js')).href, encodings: ['gpt2'] };
  const worker = new Worker(THREAD_SOURCE, { eval: true, workerData, execArgv: [] });
  try {
    return await new Promise<ThreadReply>((resolve, reject) => {
      worker.on('message', (reply: ThreadReply) => (reply.kind === 'loaded' ? undefined : resolve(reply)));
      worker.on('error', reject);
      worker.postMessage({ kind: 'count', id: 1, encoding: 'gpt2', texts });
    });
  } finally {
    await worker.terminate();
  }
}

describe('the tokenizer thread reads js-tiktoken\'s rank data', () => {
  const roots: string[] = [];
  after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));
  const reference = new Tiktoken(load('js-tiktoken/ranks/gpt2') as TiktokenBPE);
  const expected: ThreadReply = { kind: 'counts', id: 1, counts: TEXTS.map((text) => reference.encode(text, [], []).length) };

  it('as JSON, in the form js-tiktoken ships it (`module.exports = {…};`)', async () => {
    roots.push(fakePackage((data) => `module.exports = ${JSON.stringify(data)};`));
    assert.deepEqual(await countOnThread(roots.at(-1)!, TEXTS), expected);
  });

  it('by require, when the file is JavaScript that is not JSON', async () => {
    roots.push(fakePackage((data) => `'use strict';\nconst data = { pat_str: ${JSON.stringify(data.pat_str)}, bpe_ranks: ${JSON.stringify(data.bpe_ranks)} };\nmodule.exports = data;\n`));
    assert.deepEqual(await countOnThread(roots.at(-1)!, TEXTS), expected);
  });

  it('reports a file it cannot read as a failed count, not a wrong one', async () => {
    roots.push(fakePackage(() => 'module.exports = { pat_str: "\\\\s+", bpe_ranks: "! 0 IQ==" };'));
    const reply = await countOnThread(roots.at(-1)!, TEXTS);
    assert.equal(reply.kind, 'failed');
    assert.match(reply.kind === 'failed' ? reply.error : '', /no token for byte 0/);
  });
});
