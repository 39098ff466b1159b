// The runtime matrix must run what it says it runs: under AIMETER_SDKS=current (Node 22 and 24, `npm run
// test:matrix`) the installed SDKs are the current majors and the Node is one they support, so a wrong lockfile
// or runtime fails here instead of quietly testing the seed generation again. In the main run, every SDK the
// integration cases are told to use is installed.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ELEVENLABS_SDKS, GEMINI_SDKS, ONLY_CURRENT_SDKS } from '../support/sdk-generations.js';

/** The installed version of a package, found from its entry point (not every SDK exports its package.json). */
function installedVersion(name: string): string | undefined {
  let entry: string;
  try {
    entry = fileURLToPath(import.meta.resolve(name));
  } catch {
    return undefined;
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === name) return pkg.version;
  }
  return undefined;
}

const major = (version: string | undefined): number | undefined => (version === undefined ? undefined : Number(version.replace(/^v/, '').split('.')[0]));

describe('SDK generations under test', () => {
  it('runs the current SDK majors on Node 22 or later in the runtime matrix', { skip: ONLY_CURRENT_SDKS ? false : 'AIMETER_SDKS is not "current" (the main run)' }, () => {
    assert.ok(major(process.versions.node)! >= 22, `Node ${process.versions.node}: the matrix runs on Node 22 and 24`);
    assert.deepEqual(
      { openai: major(installedVersion('openai')), '@google/genai': major(installedVersion('@google/genai')), '@elevenlabs/elevenlabs-js': major(installedVersion('@elevenlabs/elevenlabs-js')) },
      { openai: 7, '@google/genai': 3, '@elevenlabs/elevenlabs-js': 2 },
    );
    assert.deepEqual(GEMINI_SDKS, ['@google/genai']);
    assert.deepEqual(ELEVENLABS_SDKS, ['@elevenlabs/elevenlabs-js']);
  });

  it('has no seed SDK installed in the runtime matrix', { skip: ONLY_CURRENT_SDKS ? false : 'AIMETER_SDKS is not "current" (the main run)' }, () => {
    assert.equal(installedVersion('@google/generative-ai'), undefined);
    assert.equal(installedVersion('elevenlabs'), undefined);
  });

  it('has every SDK the integration cases use installed', () => {
    for (const name of ['openai', ...GEMINI_SDKS, ...ELEVENLABS_SDKS]) assert.ok(installedVersion(name), `${name} is not installed`);
  });
});
