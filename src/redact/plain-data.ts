/** Deepest nesting the quick check follows; deeper values (or cycles) take the full scrub. */
const MAX_DEPTH = 16;
/** Most objects the quick check visits; larger values take the full scrub. */
const MAX_OBJECTS = 256;

/**
 * Whether `value` is plain data (primitives, arrays, objects with `Object.prototype` or no prototype) in which
 * `isClean` holds for every string and every enumerable string key. Hidden (non-enumerable or symbol-keyed)
 * properties are not looked at (which keeps the check quick: BENCHMARKS.md, "Notes from the code"), so
 * callers use it for values they built themselves. `false` means "not known to be clean", not "holds a
 * secret": the caller then runs the full scrub, which also handles errors, maps, headers, bytes, cycles and
 * proxies.
 */
export function isCleanPlainData(value: unknown, isClean: (text: string) => boolean): boolean {
  return check(value, isClean, 0, { objects: MAX_OBJECTS });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function check(value: unknown, isClean: (text: string) => boolean, depth: number, budget: { objects: number }): boolean {
  if (typeof value === 'string') return isClean(value);
  if (typeof value !== 'object' || value === null) return true;
  if (depth >= MAX_DEPTH || --budget.objects < 0) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) if (!check(value[i], isClean, depth + 1, budget)) return false;
    return true;
  }
  if (!isPlainObject(value)) return false;
  for (const key in value) {
    if (!isClean(key) || !check((value)[key], isClean, depth + 1, budget)) return false;
  }
  return true;
}
