import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { auditTree } from '../../src/audit/audit-tree.js';
import { elevenlabsKey, googleKey, openaiKey } from '../support/secrets-keys.js';
import { secretsTree } from '../support/secrets-tree.js';

const run = promisify(execFile);
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const aimeter = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', MAIN, ...args]).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` }),
  );

const removers: (() => void)[] = [];
after(() => removers.forEach((remove) => remove()));

function plantedTree() {
  const keys = {
    ts: openaiKey(),
    json: googleKey(),
    env: elevenlabsKey(),
    minOpenai: openaiKey(),
    minGoogle: googleKey(),
    minEleven: elevenlabsKey(),
    tracked: openaiKey(),
    allowed: googleKey(),
  };
  const minified = `!function(){var a="${keys.minOpenai}",b={k:"${keys.minGoogle}"};fetch("/x",{headers:{"xi-api-key":"${keys.minEleven}"}})}();`.repeat(1);
  const tree = secretsTree(
    {
      '.gitignore': 'node_modules/\n',
      'src/config.ts': `export const OPENAI = '${keys.ts}';\n`,
      'config/app.json': JSON.stringify({ google: { apiKey: keys.json } }, null, 2),
      '.env': `ELEVENLABS_API_KEY=${keys.env}\n`,
      'public/app.min.js': `${'x'.repeat(5000)};${minified}\n`,
      '.env.production': `OPENAI_API_KEY=${keys.tracked}\n`,
      'src/fixture.ts': `const demo = '${keys.allowed}'; // aimeter-allow: a public demo key\n`,
      '.env.example': `OPENAI_API_KEY=your-key-here\nSECRET_TOKEN=Zq8vN3kL0pW5xR7tY2uB9mC4\n`,
    },
    { git: true, tracked: ['.env.production', 'src/config.ts'] },
  );
  removers.push(tree.remove);
  return { ...tree, keys };
}

describe('aimeter audit', () => {
  it('finds every planted key (each provider format; .ts, .json, .env, a minified line, a tracked .env) and the tree problems', async () => {
    const { dir, keys } = plantedTree();
    const report = await auditTree(dir);
    const secrets = report.findings.filter((f) => f.kind === 'secret');
    const at = (file: string) => secrets.filter((f) => f.file === file).map((f) => f.rule);
    assert.ok(at('src/config.ts').includes('aimeter/openai'));
    assert.ok(at('config/app.json').some((r) => r === 'aimeter/google' || r.includes('gcp')));
    assert.ok(at('.env').includes('aimeter/elevenlabs'));
    assert.deepEqual(['aimeter/elevenlabs', 'aimeter/google', 'aimeter/openai'].filter((r) => at('public/app.min.js').includes(r)), ['aimeter/elevenlabs', 'aimeter/google', 'aimeter/openai']);
    assert.ok(at('.env.production').includes('aimeter/openai'));
    assert.deepEqual(at('src/fixture.ts'), [], 'the allow comment suppresses its line');
    assert.ok(report.findings.some((f) => f.kind === 'tracked-env' && f.file === '.env.production'));
    assert.ok(report.findings.some((f) => f.kind === 'gitignore' && f.message.startsWith('.env is not ignored')));
    assert.deepEqual(report.findings.filter((f) => f.kind === 'env-example').map((f) => f.message.split(' ')[0]), ['SECRET_TOKEN']);
    const minFinding = secrets.find((f) => f.file === 'public/app.min.js' && f.rule === 'aimeter/openai')!;
    assert.equal(minFinding.line, 1);
    assert.ok(minFinding.column > 5000);
    for (const f of report.findings) if (f.preview) assert.ok(f.preview.length <= 16, `preview ${f.preview} is a prefix and 4 characters at most`);
    const text = JSON.stringify(report);
    for (const key of Object.values(keys)) assert.ok(!text.includes(key.slice(0, -4).slice(-12)), 'no finding shows more than a prefix and 4 characters');
  });

  it('reports a tracked .env file even when .gitignore lists it', async () => {
    const tree = secretsTree({ '.gitignore': '.env*\n!.env.example\n', '.env': 'NAME=value\n' }, { git: true, tracked: ['.env'] });
    removers.push(tree.remove);
    const report = await auditTree(tree.dir);
    assert.deepEqual(report.findings.map((f) => [f.kind, f.file]), [['tracked-env', '.env']]);
  });

  it('reports a clean tree as clean, in and out of git', async () => {
    for (const git of [true, false]) {
      const tree = secretsTree({ '.gitignore': 'node_modules\n.env\n.env.*\n!.env.example\n', 'src/a.ts': "export const key = process.env.OPENAI_API_KEY ?? '';\n", '.env.example': 'OPENAI_API_KEY=sk-proj-your-key-here\n' }, { git });
      removers.push(tree.remove);
      const report = await auditTree(tree.dir);
      assert.deepEqual(report.findings, [], `git: ${git}`);
      assert.equal(report.git, git);
    }
  });

  it('gives zero findings on this repository', async () => {
    const report = await auditTree(REPO);
    assert.deepEqual(report.findings, []);
    assert.ok(report.filesScanned > 100);
  });

  it('exits 1 with findings and 0 when clean; --json and human output show no key', { timeout: 60_000 }, async () => {
    const { dir, keys } = plantedTree();
    const json = await aimeter('audit', dir, '--json');
    assert.equal(json.code, 1);
    const parsed = JSON.parse(json.out) as { findings: unknown[] };
    assert.ok(parsed.findings.length >= 8);
    const human = await aimeter('audit', dir);
    assert.equal(human.code, 1);
    assert.match(human.out, /finding\(s\)/);
    for (const key of Object.values(keys)) assert.ok(!json.out.includes(key) && !human.out.includes(key));
    const clean = secretsTree({ '.gitignore': '.env*\n', 'a.txt': 'hello\n' }, { git: true });
    removers.push(clean.remove);
    const ok = await aimeter('audit', clean.dir);
    assert.equal(ok.code, 0, ok.out);
    assert.match(ok.out, /no findings/);
  });
});
