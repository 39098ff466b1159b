// Bundles the built entry points (dist/index.js, dist/simulator/index.js, dist/cli/main.js) in place; code the
// simulator and the CLI share, and what they load lazily, goes to dist/chunks/. Node's ESM loader costs about half a millisecond
// per module: `import 'aimeter'` from ~160 separate files took ~110 ms, from one bundle ~35 ms. Dependencies
// stay external (they are installed beside the package, and the optional ones load only when used). The
// declaration files and the other files tsc wrote stay as they are: the package ships only the bundles and
// the declarations (see "files" in package.json).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry content hashes: clear the last build's, or they would pile up.
rmSync('dist/chunks', { recursive: true, force: true });

const common = {
  outdir: 'dist',
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
};

// The library alone, so `import 'aimeter'` reads one file rather than chunks shared with the CLI.
await build({ ...common, entryPoints: { index: 'dist/index.js' } });
await build({ ...common, entryPoints: { 'simulator/index': 'dist/simulator/index.js', 'cli/main': 'dist/cli/main.js' } });
