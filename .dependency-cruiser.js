// @ts-check
// What may import what under src/, checked by `npm run lint` (ARCHITECTURE.md states the same rules in prose).
// Type-only imports count like any other: a cycle or a forbidden edge made only of types still ties the two
// files' designs together, so `tsPreCompilationDeps` keeps them in the graph.

/** The client's own files: the facade and its parts under `client/`, and the options it is built from. */
const CLIENT = '^src/client/|^src/client-options[.]ts$';

/**
 * The layers that may know the providers and the client: the providers themselves, the client, the chain's
 * middleware, the CLI and the public entry point. Everything else under src/ is domain code (usage, pricing,
 * limits, sinks, ledger, keys, redact, stream, time, operations, errors, report, audit, … and the root
 * contracts), so a new domain folder is covered without editing this file. The simulator has its own,
 * stricter rule.
 */
const MAY_KNOW_PROVIDERS = '^src/(providers|client|middleware|cli|simulator)/|^src/(index|client-options)[.]ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules form a tree of layers: no file reaches itself through its imports, type-only ones included.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'simulator-stands-alone',
      severity: 'error',
      comment:
        'The simulator plays the providers from its own copy of their facts, so a wrong belief of the library ' +
        'cannot pass on both sides of a test: it imports node: built-ins and src/simulator/ only.',
      from: { path: '^src/simulator/' },
      to: { pathNot: '^src/simulator/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'domain-knows-no-provider-or-client',
      severity: 'error',
      comment:
        'Domain code (usage, pricing, limits, sinks, ledger, keys, redact, stream, …) never imports providers/ ' +
        'or the client: facts it needs live in the domain folder they belong to.',
      from: { path: '^src/', pathNot: MAY_KNOW_PROVIDERS },
      to: { path: `^src/(providers|middleware)/|${CLIENT}` },
    },
    {
      name: 'providers-know-no-chain',
      severity: 'error',
      comment: 'An adapter drives its SDK for one request; the chain that calls it (middleware, client) is not its business.',
      from: { path: '^src/providers/' },
      to: { path: `^src/middleware/|${CLIENT}` },
    },
    {
      name: 'middleware-knows-no-client-or-provider',
      severity: 'error',
      comment: 'A layer of the chain works on the call context for any provider, and knows nothing of the client that composes it.',
      from: { path: '^src/middleware/' },
      to: { path: `^src/providers/|${CLIENT}` },
    },
    {
      name: 'simulator-only-for-the-cli',
      severity: 'error',
      comment: 'The library never runs the simulator on its own: only the CLI (aimeter simulate, aimeter demo) starts it.',
      from: { path: '^src/', pathNot: '^src/(cli|simulator)/' },
      to: { path: '^src/simulator/' },
    },
    {
      name: 'report-formatting-for-cli',
      severity: 'error',
      comment:
        'The report formatters (tables, CSV, JSON, one-line events) are for the CLI; src/index.ts re-exports ' +
        'them as public API and report/ builds on them itself. Nothing else imports them.',
      from: { pathNot: '^src/(cli|report)/|^src/index[.]ts$' },
      to: { path: '^src/report/format-' },
    },
    {
      name: 'resolvable',
      severity: 'error',
      comment: 'Every import resolves, so the rules above see the whole graph and cannot pass by missing an edge.',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
