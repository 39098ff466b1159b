/** The redesign step (issue 15), before and after. */
export const REDESIGN_STEP = `
## The redesign step (issue 15), before and after

\`npm run bench -- --only fetch-free,streaming\` on 2026-12-05, same machine, ratios of added CPU to the raw SDK's
own (the raw figures are in \`bench/results/before-redesign.json\` for the tree before the step):

| figure | before (main a5b9204) | after (the step's tree) | change |
|---|---|---|---|
| full chain + memory + JSONL sinks + listener, p50 | 0.350 | 0.369 | +5 % |
| full chain, no sinks, p50 | 0.293 | 0.340 | +16 % |
| keys → meter → adapter only, p50 | 0.133 | 0.184 | +38 % (a few µs on 10–16 µs) |
| streaming, added time to first chunk p50 | 0.351 | 0.348 | 0 |
| streaming, fixed cost of a 1-chunk stream (back to back) | 0.409 | 0.427 | +4 % |
| streaming, added CPU per chunk | 0.032 | −0.004 … 0.22 | noise: a difference of two noisy figures |

The target figure (the full chain with both sinks) rose by 5 % of itself, within the 10 % the step allowed. The
stripped chains rose more: the memory store now answers through the same promise contract as Redis (no
\`reserveNow\`), and the meter hands its event to the client's bus as a call rather than a hidden argument; both
are the simpler contract the step asked for. On this shared 2-core VM single figures move by ±20 % between runs;
the streaming fixed cost was measured back to back (both trees, one after the other), the rest once each.
`;
