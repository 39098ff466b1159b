import { createRequire } from 'node:module';
import type * as OtelApi from '@opentelemetry/api';
import { SdkMissingError } from '../errors/sdk-missing-error.js';

/** The OpenTelemetry API, as aimeter uses it. */
export type OtelApiModule = typeof OtelApi;

const MISSING_CODES = new Set(['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND']);
let loaded: OtelApiModule | undefined;

/**
 * Loads `@opentelemetry/api` (an optional peer dependency) the first time a client with `telemetry` is created,
 * never on `import 'aimeter'`. Synchronous, so that the client's constructor stays so: the API keeps its
 * providers in a process-wide registry (`Symbol.for('opentelemetry.js.api.1')`), so this copy sees the tracer and
 * meter providers the application registered through its own import. Throws {@link SdkMissingError} when the
 * package is not installed.
 *
 * @example
 * ```ts
 * const { trace } = loadOtelApi();
 * const tracer = trace.getTracer('aimeter');
 * ```
 */
export function loadOtelApi(): OtelApiModule {
  if (loaded) return loaded;
  try {
    loaded = createRequire(import.meta.url)('@opentelemetry/api') as OtelApiModule;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && MISSING_CODES.has(code)) throw new SdkMissingError('@opentelemetry/api', { cause: error });
    throw error;
  }
  return loaded;
}
