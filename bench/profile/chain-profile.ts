// `npx tsx bench/profile/chain-profile.ts [--rounds 10] [--calls 1000] [--interval 50] [--top 8] [--dist <dir>]`:
// profiles the raw SDK and the full default chain (fetch-free, the per-file modules of this tree's dist/ or of
// the build in --dist, e.g. a copy taken before a change; see bench/lib/chain-profile-run.ts) and
// prints µs of CPU per call per layer, each layer's share of the chain's added CPU, and the functions with the
// most added self time in each layer. Build dist/ first (`npm run build`) after a change under src/.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { layerRows, profileChain, topFunctions } from '../lib/chain-profile-run.js';
import { unbundledKit } from '../lib/unbundled.js';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}

async function main(): Promise<void> {
  const sizes = { rounds: option('rounds', 10), calls: option('calls', 1000), intervalUs: option('interval', 50) };
  const top = option('top', 8);
  const dir = mkdtempSync(join(tmpdir(), 'aimeter-profile-'));
  try {
    const at = process.argv.indexOf('--dist');
    const profile = await profileChain(sizes, join(dir, 'chain.jsonl'), await unbundledKit(at === -1 ? undefined : process.argv[at + 1]));
    const rows = layerRows(profile);
    const added = rows.reduce((sum, row) => sum + row.addedUs, 0);
    const raw = rows.reduce((sum, row) => sum + row.rawUs, 0);
    console.log(`${sizes.rounds * sizes.calls} profiled calls per arm; unprofiled CPU: raw ${raw.toFixed(1)} µs/call, chain +${added.toFixed(1)} µs/call (${(added / raw).toFixed(3)}× raw)\n`);
    console.log(`${'layer'.padEnd(28)} ${'raw'.padStart(7)} ${'chain'.padStart(7)} ${'added'.padStart(7)} ${'share'.padStart(6)}`);
    for (const row of rows) {
      const share = `${((100 * row.addedUs) / added).toFixed(1)}%`;
      console.log(`${row.layer.padEnd(28)} ${row.rawUs.toFixed(2).padStart(7)} ${row.chainUs.toFixed(2).padStart(7)} ${row.addedUs.toFixed(2).padStart(7)} ${share.padStart(6)}`);
    }
    for (const row of rows) {
      console.log(`\n${row.layer} (+${row.addedUs.toFixed(2)} µs/call)`);
      for (const [name, us] of topFunctions(profile, row.layer, top)) console.log(`  ${us.toFixed(2).padStart(6)}  ${name}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('chain profile failed:', error);
  process.exitCode = 1;
});
