/**
 * The google.rpc canonical status name the simulated Generative Language API puts in `error.status` for each
 * HTTP status it answers with (google/rpc/code.proto's HTTP mapping). The simulator's own copy:
 * test/simulator/facts-agree.test.ts compares it with the library's `providers/gemini/canonical-status.ts`.
 */
const CANONICAL_STATUS: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** The HTTP statuses that have a canonical name of their own. */
export const NAMED_STATUSES: readonly number[] = Object.keys(CANONICAL_STATUS).map(Number);

/** The canonical status name of an HTTP status (`UNKNOWN` for one the API does not use). */
export function canonicalStatus(status: number): string {
  return CANONICAL_STATUS[status] ?? 'UNKNOWN';
}
