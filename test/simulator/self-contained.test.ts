import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { escapingImports, escapingImportsUnder, importSpecifiers, typeScriptFiles } from '../support/module-imports.js';

// The simulator states how the providers behave; the library states what it believes about them. When the
// simulator imports a belief of the library, a wrong belief passes adapter-vs-simulator tests on both sides.
const SIMULATOR = join(process.cwd(), 'src', 'simulator');

describe('the simulator imports nothing from outside src/simulator', () => {
  it('no file under src/simulator imports a module outside it (only node: built-ins besides its own files)', () => {
    const files = typeScriptFiles(SIMULATOR);
    assert.ok(files.length >= 30, `expected the whole simulator, found ${files.length} files`);
    assert.ok(files.some((file) => file.endsWith(join('simulator', 'index.ts'))));
    assert.deepEqual(escapingImportsUnder(SIMULATOR), []);
  });

  it('the check sees every form of import that would leave the folder', () => {
    const file = join(SIMULATOR, 'gemini', 'errors.ts');
    const source = [
      "import { CANONICAL_STATUS } from '../../providers/gemini/canonical-status.js';",
      "import type { Usage } from '../../usage.js';",
      "export { billingCycle } from '../../time/billing-cycle.js';",
      "const late = await import('../../time/pacific-day.js');",
      "import { AIClient } from 'aimeter';",
      "import pRetry from 'p-retry';",
      "import { Ledger } from '../quotas.js';",
      "import { canonicalStatus } from './canonical-status.js';",
      "import { createHash } from 'node:crypto';",
      "const magic = Buffer.from('../../not-an-import');",
    ].join('\n');
    assert.equal(importSpecifiers(source).length, 9, 'the string literal is not an import');
    assert.deepEqual(
      escapingImports(file, source, SIMULATOR).map((escape) => escape.specifier),
      ['../../providers/gemini/canonical-status.js', '../../usage.js', '../../time/billing-cycle.js', '../../time/pacific-day.js', 'aimeter', 'p-retry'],
    );
  });

  it('a sibling folder whose name starts like the simulator\'s is outside it', () => {
    const file = join(SIMULATOR, 'index.ts');
    assert.deepEqual(
      escapingImports(file, "import { x } from '../simulator-extras/x.js';", SIMULATOR).map((escape) => escape.specifier),
      ['../simulator-extras/x.js'],
    );
  });
});
