import type { CpuProfile, ProfileNode } from './cpu-profile.js';

/** The parts of one call's CPU the chain profile tells apart, in print order. */
export const LAYERS = [
  'logging',
  'keys',
  'retry',
  'limits',
  'meter',
  'pricing',
  'sinks',
  'events/scrub',
  'client/compose/stream',
  'adapter (providers/openai)',
  'openai SDK',
  'node internals',
  'GC',
  'V8/program',
  'bench harness',
] as const;

export type Layer = (typeof LAYERS)[number];

/** Which layer a file of the per-file build belongs to, by its path under dist/ (first match wins). */
const DIST_RULES: readonly (readonly [RegExp, Layer])[] = [
  [/^middleware\/logging\.js$/, 'logging'],
  [/^(middleware\/keys\.js|keys\/)/, 'keys'],
  [/^middleware\/retry/, 'retry'],
  [/^(middleware\/rate-limit\.js|limits\/|estimate-tokens\.js)/, 'limits'],
  [/^(middleware\/meter\.js|usage(-event)?\.js|ids\/|time\/)/, 'meter'],
  [/^pricing\//, 'pricing'],
  [/^(sinks\/|ledger\/)/, 'sinks'],
  [/^(client\/event-bus\.js|client\/client-events\.js|events\.js|redact\/)/, 'events/scrub'],
  [/^providers\//, 'adapter (providers/openai)'],
];

/** The layer a frame's own code belongs to, or undefined for code with no file (V8 builtins, native functions). */
export function layerOfFrame(frame: ProfileNode['callFrame']): Layer | undefined {
  const { url, functionName } = frame;
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(program)' || functionName === '(root)') return 'V8/program';
  if (url === '') return undefined;
  if (url.startsWith('node:')) return 'node internals';
  const dist = /\/dist\/(.*)$/.exec(url);
  if (dist && !url.includes('/node_modules/')) {
    const path = dist[1]!;
    return DIST_RULES.find(([rule]) => rule.test(path))?.[1] ?? 'client/compose/stream';
  }
  if (url.includes('/node_modules/openai/')) return 'openai SDK';
  if (url.includes('/node_modules/p-retry/') || url.includes('/node_modules/retry/')) return 'retry';
  if (url.includes('/node_modules/@pydantic/genai-prices/')) return 'pricing';
  if (url.includes('/bench/')) return 'bench harness';
  return 'node internals';
}

/** The layers of aimeter's own code (every layer but the SDK's, Node's, V8's and the harness's). */
export const OWN_LAYERS: ReadonlySet<Layer> = new Set(LAYERS.slice(0, LAYERS.indexOf('openai SDK')));

/** Layers whose callees' runtime work (builtins, Node's own modules) is charged to them. */
const CALLERS: ReadonlySet<Layer> = new Set([...OWN_LAYERS, 'openai SDK']);

/** Samples per layer and per function of one profile (or several summed). `(idle)` is no CPU and is left out. */
export interface LayerTimes {
  readonly byLayer: Map<Layer, number>;
  /** `layer | function (file:line)` → samples. */
  readonly byFunction: Map<string, number>;
  /** Every sample counted. */
  readonly total: number;
}

/**
 * Counts a profile's samples by layer. A frame with a file belongs to its file's layer; a builtin (no file) or a
 * frame of Node's own modules is charged to the nearest caller in a library or SDK layer, so `JSON.stringify` in
 * the JSONL sink counts as the sink's and the SDK's body reading as the SDK's; what no such caller reaches (the
 * microtask loop, timers) stays Node's. Samples are counted, not timed: the gaps between them are elapsed time,
 * which on a shared machine includes the moments the process waited for a core; a count is a share of the time
 * it ran.
 */
export function attributeProfile(profile: CpuProfile): LayerTimes {
  const layerOf = nodeLayers(profile.nodes);
  const frames = new Map(profile.nodes.map((node) => [node.id, node]));
  const byLayer = new Map<Layer, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const id of profile.samples) {
    const node = frames.get(id)!;
    if (node.callFrame.functionName === '(idle)') continue;
    const layer = layerOf.get(node.id)!;
    byLayer.set(layer, (byLayer.get(layer) ?? 0) + 1);
    const key = `${layer} | ${describeFrame(node.callFrame)}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + 1);
    total++;
  }
  return { byLayer, byFunction, total };
}

function describeFrame(frame: ProfileNode['callFrame']): string {
  const file = frame.url.replace(/^.*\/(dist|node_modules)\//, '').replace(/^file:\/\/.*\/bench\//, 'bench/');
  return `${frame.functionName || '(anonymous)'}${file ? ` (${file}:${frame.lineNumber + 1})` : ''}`;
}

/** Every node's layer, walking the call tree from the root so that each node knows its caller's. */
function nodeLayers(nodes: readonly ProfileNode[]): Map<number, Layer> {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const hasParent = new Set(nodes.flatMap((node) => node.children ?? []));
  const layers = new Map<number, Layer>();
  const stack: [ProfileNode, Layer][] = nodes.filter((node) => !hasParent.has(node.id)).map((node) => [node, 'V8/program']);
  while (stack.length > 0) {
    const [node, callerLayer] = stack.pop()!;
    const own = layerOfFrame(node.callFrame);
    const layer = own === undefined || (own === 'node internals' && CALLERS.has(callerLayer)) ? inherit(callerLayer) : own;
    layers.set(node.id, layer);
    for (const child of node.children ?? []) stack.push([byId.get(child)!, layer]);
  }
  return layers;
}

/** A builtin called from the profile's top (no caller of ours) counts as Node's run loop. */
function inherit(callerLayer: Layer): Layer {
  return callerLayer === 'V8/program' ? 'node internals' : callerLayer;
}

/** Sums the times of several profiles (rounds of one arm). */
export function addTimes(into: LayerTimes | undefined, times: LayerTimes): LayerTimes {
  if (!into) return times;
  const byLayer = new Map(into.byLayer);
  const byFunction = new Map(into.byFunction);
  for (const [layer, count] of times.byLayer) byLayer.set(layer, (byLayer.get(layer) ?? 0) + count);
  for (const [key, count] of times.byFunction) byFunction.set(key, (byFunction.get(key) ?? 0) + count);
  return { byLayer, byFunction, total: into.total + times.total };
}
