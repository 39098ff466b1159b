import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { inspect } from 'node:util';
import { dotenvCandidates, environmentDotenvFiles, loadDotenvFiles } from '../../src/keys/dotenv-files.js';
import { resolveKey } from '../../src/keys/resolve-key.js';
import { openaiKey } from '../support/secrets-keys.js';

const dirs: string[] = [];
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'aimeter-dotenv-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('.env files', () => {
  it('are looked for as .env.{env}.local, .env.local, .env.{env}, .env', () => {
    assert.deepEqual(dotenvCandidates('staging'), ['.env.staging.local', '.env.local', '.env.staging', '.env']);
  });

  for (const environment of ['development', 'staging', 'production']) {
    it(`take precedence in that order in ${environment}, each file only when the higher ones lack the key`, () => {
      const keys = { envLocal: openaiKey(), local: openaiKey(), env: openaiKey(), base: openaiKey(), other: openaiKey() };
      const all = {
        [`.env.${environment}.local`]: `OPENAI_API_KEY=${keys.envLocal}\n`,
        '.env.local': `OPENAI_API_KEY=${keys.local}\n`,
        [`.env.${environment}`]: `OPENAI_API_KEY=${keys.env}\n`,
        '.env': `OPENAI_API_KEY=${keys.base}\n`,
        '.env.elsewhere': `OPENAI_API_KEY=${keys.other}\n`,
      };
      const order = [`.env.${environment}.local`, '.env.local', `.env.${environment}`, '.env'];
      const expected = [keys.envLocal, keys.local, keys.env, keys.base];
      for (let i = 0; i < order.length; i++) {
        const files = Object.fromEntries(Object.entries(all).filter(([name]) => !order.slice(0, i).includes(name)));
        const dotenv = loadDotenvFiles(tree(files), environment);
        const key = resolveKey('openai', environment, { variables: ['OPENAI_API_KEY'], env: {}, dotenv });
        assert.equal(key.value, expected[i], `without ${order.slice(0, i).join(', ') || 'nothing'}`);
        assert.equal(key.source, `file ${order[i]} OPENAI_API_KEY`);
      }
    });
  }

  it('never override the real environment, which is read first', () => {
    const real = openaiKey();
    const dotenv = loadDotenvFiles(tree({ '.env': `OPENAI_API_KEY=${openaiKey()}\n` }), 'production');
    const env = { OPENAI_API_KEY: real };
    assert.equal(resolveKey('openai', 'production', { variables: ['OPENAI_API_KEY'], env, dotenv }).value, real);
    assert.equal(env.OPENAI_API_KEY, real);
    assert.equal(process.env.OPENAI_API_KEY_DOTENV_TEST, undefined);
  });

  it('prefer VAR_{ENV} over VAR inside one file', () => {
    const specific = openaiKey();
    const dotenv = loadDotenvFiles(tree({ '.env': `OPENAI_API_KEY=${openaiKey()}\nOPENAI_API_KEY_STAGING=${specific}\n` }), 'staging');
    assert.equal(resolveKey('openai', 'staging', { variables: ['OPENAI_API_KEY'], env: {}, dotenv }).value, specific);
  });

  it('handle quotes, export, CRLF, a BOM and trailing spaces', () => {
    const [a, b, c, d, e] = [openaiKey(), openaiKey(), openaiKey(), openaiKey(), openaiKey()];
    const content = `\uFEFFA_KEY=${a}\r\nexport B_KEY="${b}"\r\nC_KEY='${c}'   \r\nD_KEY=${d}    \r\n  E_KEY = ${e} # comment\r\n`;
    const dotenv = loadDotenvFiles(tree({ '.env': content }), 'production');
    assert.deepEqual(dotenv.files[0]!.values, { A_KEY: a, B_KEY: b, C_KEY: c, D_KEY: d, E_KEY: e });
    assert.deepEqual(dotenv.warnings, []);
  });

  it('report lines dotenv would skip and unterminated quotes by file and line, never with a value', () => {
    const key = openaiKey();
    const dotenv = loadDotenvFiles(tree({ '.env.production': `GOOD=1\nthis is not an assignment ${key}\nOPENAI_API_KEY="${key}\nNEXT=2\n` }), 'production');
    assert.deepEqual(
      dotenv.warnings.map((w) => [w.file, w.line]),
      [['.env.production', 2], ['.env.production', 3]],
    );
    assert.match(dotenv.warnings[1]!.message, /OPENAI_API_KEY is never closed/);
    assert.equal(inspect(dotenv.warnings).includes(key), false);
  });

  it('list the files of every environment, not .env.example or .env.local', () => {
    const dir = tree({ '.env.production': 'A=1\n', '.env.staging.local': 'A=2\n', '.env.example': 'A=3\n', '.env.local': 'A=4\n', '.env': 'A=5\n' });
    assert.deepEqual(environmentDotenvFiles(dir).map((f) => [f.environment, f.file.name]), [['production', '.env.production'], ['staging', '.env.staging.local']]);
  });
});
