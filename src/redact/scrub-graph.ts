/** Text put where a value could not be read (a throwing getter, a proxy refusing its keys). */
export const UNREADABLE = '[unreadable]';
/** Text put where an object lay beyond the scan budget: it was not checked, so it is not passed on. */
export const UNSCANNED = '[redacted: not scanned]';

type Shape = 'record' | 'array' | 'map' | 'set' | 'headers' | 'url' | 'params' | 'bytes' | 'opaque' | 'placeholder';

interface Slot {
  readonly key: string | symbol;
  readonly value: unknown;
  readonly enumerable: boolean;
}

interface GraphNode {
  readonly original: object;
  readonly shape: Shape;
  /** Own properties (`record`), elements (`array`, `set`), alternating keys and values (`map`, `headers`). */
  readonly slots: readonly Slot[];
  /** The scrubbed text of a `url`, `params` or `bytes` node, or the placeholder. */
  readonly text?: string;
  readonly parents: GraphNode[];
  dirty: boolean;
}

const MAX_BYTES = 1_000_000;

/**
 * Scrubs every string reachable from `root` with `clean`, copy-on-write: objects holding no secret (directly or
 * through their children) are shared, the others copied with their prototype. Two passes: a scan marks the
 * objects that hold a secret and propagates that to their parents (cycles included), then only those are
 * rebuilt.
 */
export function scrubGraph<T>(root: T, clean: (text: string) => string, maxNodes: number): T {
  if (typeof root === 'string') return clean(root) as T;
  if (!isObject(root)) return root;
  const texts = new Map<string, string>();
  const cleanText = (text: string): string => {
    let out = texts.get(text);
    if (out === undefined) {
      out = clean(text);
      texts.set(text, out);
    }
    return out;
  };
  const nodes = scan(root, cleanText, maxNodes);
  propagate(nodes);
  return build(nodes.get(root)!, nodes, cleanText, new Map()) as T;
}

function scan(root: object, clean: (text: string) => string, maxNodes: number): Map<object, GraphNode> {
  const nodes = new Map<object, GraphNode>();
  const pending: GraphNode[] = [];
  const reach = (value: unknown, parent: GraphNode | undefined): void => {
    if (typeof value === 'string') {
      if (parent && clean(value) !== value) parent.dirty = true;
      return;
    }
    if (!isObject(value)) return;
    let node = nodes.get(value);
    if (!node) {
      node = nodes.size >= maxNodes ? placeholder(value, UNSCANNED) : read(value, clean);
      nodes.set(value, node);
      pending.push(node);
    }
    if (parent) node.parents.push(parent);
  };
  reach(root, undefined);
  while (pending.length > 0) {
    const node = pending.pop()!;
    for (const slot of node.slots) {
      if (typeof slot.key === 'string' && node.shape === 'record' && clean(slot.key) !== slot.key) node.dirty = true;
      reach(slot.value, node);
    }
  }
  return nodes;
}

function propagate(nodes: Map<object, GraphNode>): void {
  const queue = [...nodes.values()].filter((node) => node.dirty);
  while (queue.length > 0) {
    for (const parent of queue.pop()!.parents) {
      if (!parent.dirty) {
        parent.dirty = true;
        queue.push(parent);
      }
    }
  }
}

function read(value: object, clean: (text: string) => string): GraphNode {
  try {
    if (ArrayBuffer.isView(value)) return readBytes(value, clean);
    if (value instanceof URL) return textNode(value, 'url', value.href, clean);
    if (value instanceof URLSearchParams) return textNode(value, 'params', value.toString(), clean);
    if (typeof Headers === 'function' && value instanceof Headers) return node(value, 'headers', pairs(value.entries()));
    if (value instanceof Map) return node(value, 'map', pairs(value.entries()));
    if (value instanceof Set) return node(value, 'set', Array.from(value as Set<unknown>, (item, i) => ({ key: String(i), value: item, enumerable: true })));
    if (Array.isArray(value)) return node(value, 'array', Array.from(value as unknown[], (item, i) => ({ key: String(i), value: item, enumerable: true })));
    if (isOpaque(value)) return node(value, 'opaque', []);
    return node(value, 'record', ownSlots(value));
  } catch {
    // A proxy that refuses to list its keys, a revoked proxy: nothing of it can be checked, so nothing is passed on.
    return placeholder(value, UNREADABLE);
  }
}

function ownSlots(value: object): Slot[] {
  const slots: Slot[] = [];
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
    if (!descriptor) continue;
    if ('value' in descriptor) {
      slots.push({ key, value: descriptor.value as unknown, enumerable: descriptor.enumerable ?? false });
    } else if (descriptor.get) {
      slots.push({ key, value: readGetter(descriptor.get, value), enumerable: descriptor.enumerable ?? false });
    }
  }
  return slots;
}

function readGetter(get: () => unknown, target: object): unknown {
  try {
    return get.call(target);
  } catch {
    return UNREADABLE;
  }
}

function readBytes(view: ArrayBufferView, clean: (text: string) => string): GraphNode {
  if (!(view instanceof Uint8Array) || view.byteLength > MAX_BYTES) return node(view, 'opaque', []);
  const text = Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('utf8');
  const cleaned = clean(text);
  return { ...node(view, 'bytes', []), text: cleaned, dirty: cleaned !== text };
}

function textNode(value: object, shape: 'url' | 'params', text: string, clean: (text: string) => string): GraphNode {
  const cleaned = clean(text);
  return { ...node(value, shape, []), text: cleaned, dirty: cleaned !== text };
}

function pairs(entries: Iterable<[unknown, unknown]>): Slot[] {
  const slots: Slot[] = [];
  for (const [key, value] of entries) slots.push({ key: 'k', value: key, enumerable: true }, { key: 'v', value, enumerable: true });
  return slots;
}

function node(original: object, shape: Shape, slots: Slot[]): GraphNode {
  return { original, shape, slots, parents: [], dirty: false };
}

function placeholder(original: object, text: string): GraphNode {
  return { original, shape: 'placeholder', slots: [], text, parents: [], dirty: true };
}

function build(target: GraphNode, nodes: Map<object, GraphNode>, clean: (text: string) => string, copies: Map<GraphNode, unknown>): unknown {
  if (!target.dirty) return target.original;
  const done = copies.get(target);
  if (done !== undefined) return done;
  const child = (value: unknown): unknown => {
    if (typeof value === 'string') return clean(value);
    const inner = isObject(value) ? nodes.get(value) : undefined;
    return inner ? build(inner, nodes, clean, copies) : value;
  };
  switch (target.shape) {
    case 'placeholder':
      return target.text;
    case 'bytes':
      return Buffer.isBuffer(target.original) ? Buffer.from(target.text!, 'utf8') : new Uint8Array(Buffer.from(target.text!, 'utf8'));
    case 'url':
      return parsedOr(() => new URL(target.text!), target.text!);
    case 'params':
      return new URLSearchParams(target.text);
    case 'array': {
      const copy: unknown[] = [];
      copies.set(target, copy);
      for (const slot of target.slots) copy.push(child(slot.value));
      return copy;
    }
    case 'set': {
      const copy = new Set<unknown>();
      copies.set(target, copy);
      for (const slot of target.slots) copy.add(child(slot.value));
      return copy;
    }
    case 'map':
    case 'headers':
      return buildPairs(target, child, copies);
    default:
      return buildRecord(target, child, clean, copies);
  }
}

function buildPairs(target: GraphNode, child: (value: unknown) => unknown, copies: Map<GraphNode, unknown>): unknown {
  const entries: [unknown, unknown][] = [];
  for (let i = 0; i + 1 < target.slots.length; i += 2) entries.push([child(target.slots[i]!.value), child(target.slots[i + 1]!.value)]);
  if (target.shape === 'map') {
    const copy = new Map<unknown, unknown>();
    copies.set(target, copy);
    for (const [key, value] of entries) copy.set(key, value);
    return copy;
  }
  const record = Object.fromEntries(entries.map(([key, value]) => [String(key), String(value)]));
  const copy = parsedOr(() => new Headers(record), record);
  copies.set(target, copy);
  return copy;
}

function buildRecord(target: GraphNode, child: (value: unknown) => unknown, clean: (text: string) => string, copies: Map<GraphNode, unknown>): unknown {
  const copy = Object.create(prototypeOf(target.original)) as Record<string | symbol, unknown>;
  copies.set(target, copy);
  for (const slot of target.slots) {
    const key = typeof slot.key === 'string' ? clean(slot.key) : slot.key;
    Object.defineProperty(copy, key, { value: child(slot.value), enumerable: slot.enumerable, writable: true, configurable: true });
  }
  return copy;
}

function prototypeOf(value: object): object | null {
  try {
    return Object.getPrototypeOf(value) as object | null;
  } catch {
    return Object.prototype;
  }
}

function parsedOr<T, F>(parse: () => T, fallback: F): T | F {
  try {
    return parse();
  } catch {
    return fallback;
  }
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

// Values whose content is not in own properties, or must not be touched: kept as they are.
function isOpaque(value: object): boolean {
  return (
    value instanceof Date ||
    value instanceof RegExp ||
    value instanceof Promise ||
    value instanceof WeakMap ||
    value instanceof WeakSet ||
    value instanceof ArrayBuffer ||
    (typeof ReadableStream === 'function' && value instanceof ReadableStream)
  );
}
