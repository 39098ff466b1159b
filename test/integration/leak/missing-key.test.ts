// Done means 2: a missing key fails before any request (the simulator's log stays empty), with an error naming
// the variables, files and resolvers tried and the environment, never a value.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createAIClient } from '../../../src/client/index.js';
import { MissingKeyError } from '../../../src/errors/missing-key-error.js';
import { secretManager } from '../../../src/keys/secret-manager.js';
import { gemini } from '../../../src/providers/gemini/index.js';
import { startSimulator } from '../../../src/simulator/start-simulator.js';
import type { Simulator } from '../../../src/simulator/types.js';
import { googleKey } from '../../support/secrets-keys.js';
import { LeakScanner, serialized } from '../../support/leak-scanner.js';

describe('a missing key', () => {
  let sim: Simulator;
  let dir: string;
  before(async () => {
    sim = await startSimulator();
    dir = mkdtempSync(join(tmpdir(), 'aimeter-missing-'));
  });
  after(async () => {
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('fails before any request, naming every source and the environment, never a value', async () => {
    const otherEnvironment = googleKey();
    const ai = createAIClient({
      providers: { gemini: gemini({ baseURL: sim.geminiBaseUrl }) },
      environment: 'production',
      env: { GEMINI_API_KEY_STAGING: otherEnvironment },
      keys: { dotenv: { dir }, secrets: [secretManager({ name: 'vault', fetch: () => Promise.resolve(undefined) })] },
    });
    const error = await ai.chat({ model: 'gemini:gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    await ai.close();
    assert.ok(MissingKeyError.isInstance(error));
    assert.equal(error.environment, 'production');
    assert.deepEqual(error.tried, [
      'option keys.byProvider.gemini',
      'env GOOGLE_API_KEY_PRODUCTION',
      'env GEMINI_API_KEY_PRODUCTION',
      'env GOOGLE_API_KEY',
      'env GEMINI_API_KEY',
      'file .env.production.local',
      'file .env.local',
      'file .env.production',
      'file .env',
      'secret vault',
    ]);
    assert.equal(sim.requests.length, 0, 'nothing reached the provider');
    const scanner = new LeakScanner();
    scanner.add(otherEnvironment);
    assert.deepEqual(scanner.scan(serialized(error)), []);
  });
});
