import { join } from 'node:path';
import { layerRows, profileChain } from '../lib/chain-profile-run.js';
import { figure, type Figure } from '../lib/figure.js';
import { OWN_LAYERS } from '../lib/profile-layers.js';
import type { Suite } from '../lib/suite.js';
import { unbundledKit } from '../lib/unbundled.js';

const SUITE = 'chain profile (fetch-free)';

/**
 * Where the full chain's CPU goes: fetch-free chat calls of the raw SDK and of the full default chain under V8's
 * sampling profiler, self time attributed to layers by the file of each frame (bench/lib/profile-layers.ts).
 * Per layer: µs per call of the chain minus the raw run; control: the raw run's µs in the same layer, where it
 * has any; then aimeter's own layers together and all of them, against the raw call's whole CPU. No targets:
 * this says where the added CPU goes, the peers suite says how much.
 */
export const chainProfileSuite: Suite = {
  name: SUITE,
  async run(ctx) {
    const sizes = ctx.quick ? { rounds: 4, calls: 300, intervalUs: 50 } : { rounds: 20, calls: 1000, intervalUs: 50 };
    ctx.log(`chain profile: ${sizes.rounds} rounds × ${sizes.calls} calls per arm, sampled every ${sizes.intervalUs} µs`);
    const profile = await profileChain(sizes, join(ctx.tmpDir, 'chain-profile.jsonl'), await unbundledKit());
    const rows = layerRows(profile);
    const figures: Figure[] = rows.map((row) =>
      figure({ suite: SUITE, name: `${row.layer}: added CPU`, value: row.addedUs, ...(row.rawUs > 0 ? { control: row.rawUs } : {}), unit: 'µs/call' }),
    );
    const total = (pick: (row: (typeof rows)[number]) => number, only?: ReadonlySet<string>): number =>
      rows.reduce((sum, row) => sum + (only && !only.has(row.layer) ? 0 : pick(row)), 0);
    const raw = total((row) => row.rawUs);
    // The layers of aimeter's own code, against the raw call's whole CPU: the steadier part of the total.
    figures.push(figure({ suite: SUITE, name: "aimeter's own layers (logging … adapter): added CPU", value: total((row) => row.addedUs, OWN_LAYERS), control: raw, unit: 'µs/call' }));
    figures.push(figure({ suite: SUITE, name: 'all layers: added CPU (unprofiled blocks)', value: total((row) => row.addedUs), control: raw, unit: 'µs/call' }));
    return figures;
  },
};
