import { validateOptions, type AIClientOptions } from '../client-options.js';
import type { Middleware } from '../compose.js';
import { resolveEnvironment } from '../environment.js';
import { Scrubber } from '../redact/scrubber.js';
import { mergeTags } from '../tags.js';
import { buildChain, type Chain } from './build-chain.js';
import { CallContexts } from './call-context.js';
import { CallRunner } from './call-runner.js';
import { ClientLifecycle } from './client-lifecycle.js';
import { EventBus } from './event-bus.js';
import { InFlightCalls } from './in-flight-calls.js';
import { preloader, type ReadyReport } from './preload.js';
import { SessionRegistry } from './session-registry.js';

/** The parts an `AIClient` is the facade of. */
export interface ClientParts {
  /** The environment this client resolves keys for. */
  readonly environment: string;
  /** Scrubs, then delivers events to sinks and listeners. */
  readonly bus: EventBus;
  /** The chain's layers. */
  readonly chain: Chain;
  /** The user's middleware, in order (`use()` appends). */
  readonly user: Middleware[];
  /** Builds each call's context. */
  readonly contexts: CallContexts;
  /** Runs calls through the composed chain. */
  readonly runner: CallRunner;
  /** Flush, close and the exit hooks. */
  readonly lifecycle: ClientLifecycle;
  /** Routes usage events to the sessions of their calls. */
  readonly sessions: SessionRegistry;
  /** Starts (once) and awaits the preload of the price data and the providers' SDKs. */
  readonly ready: () => Promise<ReadyReport>;
}

/**
 * Validates a client's options and builds its parts: one scrubber shared by the keys, the logs and the event
 * bus; the calls in flight shared by the runner, the gate in front of the provider, retries and the shutdown.
 * Starts the background preload of the price data and the providers' SDKs unless `preload` is false.
 * Throws {@link ConfigError} naming the bad field.
 *
 * @example
 * ```ts
 * const { runner, contexts } = assembleClient({ providers: { openai: openai() } });
 * const reply = await runner.call(() => contexts.create('chat', request));
 * ```
 */
export function assembleClient(options: AIClientOptions): ClientParts {
  validateOptions(options);
  const providers = { ...options.providers };
  const env = options.env ?? process.env;
  const environment = resolveEnvironment(options.environment, env);
  const defaultTags = Object.freeze(options.tags === undefined ? {} : mergeTags({}, options.tags, 'tags'));
  const scrubber = new Scrubber();
  const calls = new InFlightCalls();
  const bus = new EventBus(scrubber, options.sinks ?? [], options.sinkQueue);
  const chain = buildChain(options, { providers, env, scrubber, bus, calls });
  const user = [...(options.middleware ?? [])];
  const contexts = new CallContexts({ providers, environment, defaultTags, emit: bus.emit });
  const runner = new CallRunner(calls, bus, scrubber, chain.compose(user));
  const closeTimeoutMs = options.closeTimeoutMs ?? 10_000;
  const lifecycle = new ClientLifecycle({ calls, bus, chain, closeTimeoutMs, exitHooks: options.flushOnExit !== false });
  // After the loads: the key chain's `.env` files and declarations, read once now rather than by the first call.
  const ready = preloader(providers, chain.costs, [() => chain.keys.chain.preload(environment)]);
  if (options.preload !== false) void ready();
  return { environment, bus, chain, user, contexts, runner, lifecycle, sessions: new SessionRegistry(bus), ready };
}
