// Every file in examples/ runs as a user would run it (a child process, tsx), offline against the simulator it
// starts itself, with no key in its environment: it must exit 0 and print its key lines.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { runScript } from '../support/run-child.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const USD = String.raw`\$\d+\.\d{6}`;

/** The lines each example must print (each a regular expression matched against a whole line). */
const EXPECTED: Record<string, readonly RegExp[]> = {
  'custom-middleware.ts': [/^openai:gpt-4o-mini attempt 1: [\d.]+ ms$/m, /^refused: .*acme-overdue is blocked/m, /^usage events recorded: 1$/m],
  'voice-agent.ts': [
    /^caller {3}> \S.*$/m,
    /^speech {3}> \d+ bytes of audio$/m,
    /^barge-in > speech cut after 2 chunks \(\d+ bytes\)$/m,
    new RegExp(String.raw`^turn 1: 3 requests, \d+ input tokens, \d+ output tokens, \d+ characters spoken, cost ${USD}$`, 'm'),
    new RegExp(String.raw`^turn 2: 3 requests, \d+ input tokens, \d+ output tokens, \d+ characters spoken, cost ${USD} \(includes estimates\)$`, 'm'),
    new RegExp(String.raw`^session call-[0-9a-f]{8}: cost ${USD}$`, 'm'),
  ],
};

/** Provider key variables removed from the child's environment: the examples need none. */
const KEY_VARIABLES = /^(OPENAI|GEMINI|GOOGLE|ELEVENLABS)_API_KEY/;

describe('examples/', () => {
  const files = readdirSync(EXAMPLES).filter((name) => name.endsWith('.ts')).sort();

  it('has expectations for every example file', () => {
    assert.deepEqual(files, Object.keys(EXPECTED).sort());
  });

  it('npm run example:voice runs examples/voice-agent.ts', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
    assert.equal(pkg.scripts['example:voice'], 'tsx examples/voice-agent.ts');
  });

  for (const name of files) {
    it(`${name} runs offline with no keys, exits 0 and prints its key lines`, { timeout: 90_000 }, async () => {
      const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !KEY_VARIABLES.test(key)));
      const end = await runScript(`${EXAMPLES}${name}`, [], { env });
      assert.equal(end.code, 0, `exit ${end.code}; stderr: ${end.stderr}`);
      for (const line of EXPECTED[name] ?? []) assert.match(end.stdout, line);
      assert.doesNotMatch(end.stdout, /provenance|\[object Object\]/, 'prints numbers, not { value, provenance } objects');
    });
  }
});
