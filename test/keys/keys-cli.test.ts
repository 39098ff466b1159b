import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { keyFingerprint } from '../../src/keys/fingerprint.js';
import { LeakScanner } from '../support/leak-scanner.js';
import { elevenlabsKey, googleKey, openaiKey } from '../support/secrets-keys.js';
import { secretsTree } from '../support/secrets-tree.js';

const run = promisify(execFile);
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const BASE_ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/API_KEY|AIMETER_ENV|APP_ENV|NODE_ENV/.test(name)));
const aimeter = (env: Record<string, string>, ...args: string[]) => run(process.execPath, ['--import', 'tsx', MAIN, 'keys', ...args], { env: { ...BASE_ENV, ...env } });

const removers: (() => void)[] = [];
after(() => removers.forEach((remove) => remove()));

/** An empty directory of its own (no `.env` files of the working tree). */
function secretsTreeDir(): string {
  const tree = secretsTree({});
  removers.push(tree.remove);
  return tree.dir;
}

interface KeysJson {
  keys: { provider: string; environment: string; source?: string; fingerprint?: string; tried: string[] }[];
  warnings: string[];
}

describe('aimeter keys', () => {
  it('shows source and fingerprint per provider and environment, with warnings, and never a key', { timeout: 60_000 }, async () => {
    const shared = openaiKey();
    const eleven = elevenlabsKey();
    const envOnly = googleKey();
    const tree = secretsTree({ '.env.production': `OPENAI_API_KEY=${shared}\nELEVENLABS_API_KEY=${eleven}\n`, '.env.staging': `OPENAI_API_KEY="${shared}"\n` }, { git: true, tracked: ['.env.production'] });
    removers.push(tree.remove);
    const env = { GEMINI_API_KEY_STAGING: envOnly };
    const { stdout } = await aimeter(env, '--dir', tree.dir, '--json');
    const report = JSON.parse(stdout) as KeysJson;
    const row = (provider: string, environment: string) => report.keys.find((k) => k.provider === provider && k.environment === environment)!;
    assert.equal(row('openai', 'production').fingerprint, keyFingerprint(shared));
    assert.equal(row('openai', 'production').source, 'file .env.production OPENAI_API_KEY');
    assert.equal(row('gemini', 'staging').source, 'env GEMINI_API_KEY_STAGING');
    assert.equal(row('gemini', 'production').fingerprint, undefined);
    assert.ok(row('gemini', 'production').tried.includes('env GOOGLE_API_KEY_PRODUCTION'));
    assert.ok(report.warnings.some((w) => /openai: the same key .* serves staging, production|serves production, staging/.test(w)));
    assert.ok(report.warnings.includes('gemini: no production key resolves'));
    assert.ok(report.warnings.some((w) => w.includes('.env.production, which git tracks')));

    const human = await aimeter(env, '--dir', tree.dir);
    assert.match(human.stdout, /openai\s+production\s+fp_[0-9a-f]{12}\s+from file \.env\.production/);
    const scanner = new LeakScanner();
    for (const key of [shared, eleven, envOnly]) scanner.add(key);
    assert.deepEqual(scanner.scan(stdout + human.stdout + human.stderr), []);
  });

  it('shows the key the client would use: an environment-specific variable wins over a generic one', { timeout: 60_000 }, async () => {
    const generic = googleKey();
    const specific = googleKey();
    const { stdout } = await aimeter({ GOOGLE_API_KEY: generic, GEMINI_API_KEY_PRODUCTION: specific }, '--env', 'production,staging', '--json', '--dir', secretsTreeDir());
    const report = JSON.parse(stdout) as KeysJson;
    const row = (environment: string) => report.keys.find((k) => k.provider === 'gemini' && k.environment === environment)!;
    assert.equal(row('production').source, 'env GEMINI_API_KEY_PRODUCTION');
    assert.equal(row('production').fingerprint, keyFingerprint(specific));
    assert.equal(row('staging').source, 'env GOOGLE_API_KEY');
  });

  it('an unknown option or an option without its value exits 2 with the usage line', { timeout: 60_000 }, async () => {
    for (const args of [['--bogus'], ['--env'], ['--dir'], ['--env', '--json'], ['stray']]) {
      const failure = (await aimeter({}, ...args).then(
        () => assert.fail(`${args.join(' ')} succeeded`),
        (e: unknown) => e,
      )) as { code?: number; stderr?: string };
      assert.equal(failure.code, 2, `${args.join(' ')}: exit status`);
      assert.match(failure.stderr ?? '', /usage: aimeter keys \[--env a,b\] \[--dir D\] \[--json\]/, args.join(' '));
    }
  });
});
