import type { ProviderAdapter } from '../adapter.js';
import type { AIClientOptions } from '../client-options.js';
import { compose, type Middleware, type Terminal } from '../compose.js';
import { ConfigError } from '../errors/config-error.js';
import { keyChainSources } from '../keys/key-options.js';
import type { Limiter } from '../limits/limiter.js';
import { limiterFrom, type ClientLimits } from '../limits/limits-options.js';
import { degrade, hasDegradeRules } from '../middleware/degrade.js';
import { keys, type KeysMiddleware } from '../middleware/keys.js';
import { logging } from '../middleware/logging.js';
import { meter } from '../middleware/meter.js';
import { rateLimit, type RateLimitOptions } from '../middleware/rate-limit.js';
import { retry } from '../middleware/retry.js';
import { telemetry, type TelemetryLayers } from '../middleware/telemetry.js';
import { createCostCalculator, type CostCalculator } from '../pricing/cost-calculator.js';
import type { Scrubber } from '../redact/scrubber.js';
import type { UsageEvent } from '../usage-event.js';
import { adapterTerminal } from './adapter-terminal.js';
import type { EventBus } from './event-bus.js';
import type { InFlightCalls } from './in-flight-calls.js';

/** What the chain is built from besides the options. */
export interface ChainParts {
  readonly providers: Readonly<Record<string, ProviderAdapter>>;
  readonly env: NodeJS.ProcessEnv;
  readonly scrubber: Scrubber;
  readonly bus: EventBus;
  readonly calls: InFlightCalls;
}

/**
 * A client's middleware chain, and what the client closes with it.
 *
 * @example
 * ```ts
 * const chain = buildChain(options, { providers, env, scrubber, bus, calls });
 * const handler = chain.compose([myCache]);
 * ```
 */
export interface Chain {
  /** The chain with the user's middleware in its place. */
  compose(user: readonly Middleware[]): Terminal;
  /** The keys middleware (its secret-manager resolvers are closed with the client). */
  readonly keys: KeysMiddleware;
  /** The `limits` option's limiter; `owned` when the client made it (and closes it). */
  readonly limiter: { readonly limiter: Limiter; readonly owned: boolean } | undefined;
  /** The meter's cost calculator; undefined with `pricing: false`. */
  readonly costs: CostCalculator | undefined;
}

/**
 * Builds the layers of a client's chain from its options. The order, outermost first:
 *
 * telemetry (the call's span) → logging (the whole call) → degrade (when a limit policy has `degrade` rules) →
 * keys → the user's middleware → retry → rateLimit → telemetry.attempt (each attempt's span) → meter → logging
 * (each attempt) → adapter.
 *
 * The user's middleware runs once per call, after the key is known and before retries and limits: a cache can
 * answer without spending a limit, and a request it rewrites is what the limits estimate. Retry, limits and the
 * meter run once per provider request, so each billed attempt reserves, settles and is recorded on its own.
 *
 * @example
 * ```ts
 * const chain = buildChain(options, { providers, env, scrubber, bus, calls });
 * const handler = chain.compose(options.middleware ?? []);
 * ```
 */
export function buildChain(options: AIClientOptions, parts: ChainParts): Chain {
  const { providers, env, scrubber, bus, calls } = parts;
  const variables = Object.fromEntries(Object.entries(providers).map(([name, adapter]) => [name, adapter.keyVariables]));
  const keysLayer = keys({ ...keyChainSources(options.keys), variables, env, scrubber });
  const log = options.logging ? logging({ ...(options.logging === true ? {} : options.logging), scrubber }) : undefined;
  const costs = costCalculator(options.pricing, bus);
  const limits = options.limits === undefined ? undefined : limiterFrom(options.limits);
  const otel = telemetryLayers(options, parts);
  // Degradation comes before the key: a rule may send the call to another provider, whose key is then resolved.
  const degradeLayer = limits && hasDegradeRules(limits.limiter.policies) ? [degrade({ limiter: limits.limiter, providers })] : [];
  const outer: Middleware[] = [...(otel ? [otel.call] : []), ...(log ? [log] : []), ...degradeLayer, keysLayer];
  const inner: Middleware[] = [
    ...(options.retry === false ? [] : [retry(options.retry, calls.signal)]),
    ...(limits ? [rateLimit(rateLimitOptions(limits, costs))] : []),
    ...(otel ? [otel.attempt] : []),
    meter({ ...(costs ? { costs } : {}), emit: otel ? observed(otel, bus) : bus.metered }),
    ...(log ? [log.attempt] : []),
  ];
  const terminal = adapterTerminal(providers, calls, bus, options.tokenCounting);
  return {
    compose: (user) => compose([...outer, ...user, ...inner], terminal),
    keys: keysLayer,
    limiter: limits,
    costs,
  };
}

function telemetryLayers(options: AIClientOptions, parts: ChainParts): TelemetryLayers | undefined {
  if (options.telemetry === undefined || options.telemetry === false) return undefined;
  const providers = Object.fromEntries(Object.entries(parts.providers).map(([name, adapter]) => [name, adapter.provider]));
  return telemetry(options.telemetry === true ? {} : options.telemetry, { scrubber: parts.scrubber, env: parts.env, providers });
}

/** The meter's `emit` with telemetry on: the attempt span learns the usage event first; its failure never loses the event. */
function observed(otel: TelemetryLayers, bus: EventBus): (event: UsageEvent) => void {
  return (event) => {
    try {
      otel.observe(event);
    } catch {
      // Telemetry never costs a usage event.
    }
    bus.metered(event);
  };
}

function rateLimitOptions(limits: ClientLimits, costs: CostCalculator | undefined): RateLimitOptions {
  return {
    limiter: limits.limiter,
    defaultOutputTokens: limits.defaultOutputTokens,
    reserveFloor: limits.reserveFloor,
    ...(limits.adaptive ? { adaptive: limits.adaptive } : {}),
    ...(limits.outputEstimate ? { outputEstimate: limits.outputEstimate } : {}),
    ...(costs ? { costs } : {}),
  };
}

function costCalculator(pricing: AIClientOptions['pricing'], bus: EventBus): CostCalculator | undefined {
  if (pricing === false) return undefined;
  try {
    return createCostCalculator({
      ...pricing,
      onUnknownModel: (warning) => {
        pricing?.onUnknownModel?.(warning);
        bus.emit('warning', { code: warning.code, message: warning.message });
      },
    });
  } catch (error) {
    if (ConfigError.isInstance(error)) throw new ConfigError(`pricing.${error.field}`, error.message.slice(error.field.length + 2));
    throw error;
  }
}
