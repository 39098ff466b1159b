// Each ```ts block of README.md either runs (a child process, against the simulator, `aimeter` mapped to src/ with
// the providers pointed at the simulator: test/support/children/readme-aimeter.ts) or, when the line before it
// says `<!-- same as examples/FILE: REGION -->`, is the same text as that region of an example, which
// test/examples runs. Every `npm run NAME` the README mentions is a script of package.json.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { runScript } from '../support/run-child.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const AIMETER = join(ROOT, 'test/support/children/readme-aimeter.ts');
const SIMULATOR = join(ROOT, 'src/simulator/index.ts');
const RUNNER = join(ROOT, 'test/support/children/readme-snippet.ts');

interface Block {
  readonly lang: string;
  readonly code: string;
  /** The README line the block starts on. */
  readonly line: number;
  /** `examples/FILE: REGION` from a `<!-- same as … -->` comment on the line before. */
  readonly sameAs?: { file: string; region: string };
}

function blocks(markdown: string): Block[] {
  const found: Block[] = [];
  for (const m of markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)) {
    const before = markdown.slice(0, m.index);
    const previous = before.trimEnd().split('\n').at(-1) ?? '';
    const same = /^<!-- same as (examples\/[\w.-]+): (.+) -->$/.exec(previous);
    found.push({ lang: m[1]!, code: m[2]!, line: before.split('\n').length, ...(same ? { sameAs: { file: same[1]!, region: same[2]! } } : {}) });
  }
  return found;
}

/** The text between `// --- start: REGION` and `// --- end: REGION` in `file`. */
function region(file: string, name: string): string {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const start = text.indexOf(`// --- start: ${name}\n`);
  const end = text.indexOf(`// --- end: ${name}\n`);
  assert.ok(start >= 0 && end > start, `${file} has no region "${name}"`);
  return text.slice(start + `// --- start: ${name}\n`.length, end);
}

/**
 * The snippet with its imports of the package pointed at this repository, and its imports of the OpenTelemetry
 * packages (which a snippet written to a temporary directory could not find) at this repository's copies.
 */
function mapped(code: string): string {
  return code
    .replaceAll(`from 'aimeter/simulator'`, `from '${SIMULATOR}'`)
    .replaceAll(`from 'aimeter'`, `from '${AIMETER}'`)
    .replace(/from '(@opentelemetry\/[\w-]+)'/g, (_, name: string) => `from '${import.meta.resolve(name)}'`);
}

const all = blocks(README);
const ts = all.filter((b) => b.lang === 'ts');

describe('README.md snippets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aimeter-readme-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('has TypeScript snippets, every one either run or checked against an example', () => {
    assert.ok(ts.length >= 6, `found ${ts.length} ts blocks`);
    for (const b of all) assert.ok(['ts', 'sh'].includes(b.lang), `README.md:${b.line}: a \`\`\`${b.lang} block is neither run nor exempt`);
  });

  for (const block of ts) {
    if (block.sameAs) {
      const { file, region: name } = block.sameAs;
      it(`README.md:${block.line} is ${file}: ${name}`, () => {
        assert.equal(block.code, region(file, name));
      });
      continue;
    }
    it(`README.md:${block.line} runs against the simulator`, { timeout: 90_000 }, async () => {
      const file = join(dir, `snippet-${block.line}.mts`);
      writeFileSync(file, mapped(block.code));
      const end = await runScript(RUNNER, [file], { cwd: dir });
      assert.equal(end.code, 0, `README.md:${block.line} exited ${end.code}\nstdout: ${end.stdout}\nstderr: ${end.stderr}`);
      assert.match(end.stdout, /^snippet done$/m);
      assert.doesNotMatch(end.stdout, /\[object Object\]/);
    });
  }

  it('names only npm scripts that package.json has', () => {
    const scripts = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
    const named = [...README.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!);
    assert.ok(named.includes('example:voice'), 'the README names npm run example:voice');
    for (const name of new Set(named)) assert.ok(scripts.includes(name), `npm run ${name}: no such script in package.json`);
  });
});
