import type { UsageEvent } from '../usage-event.js';
import type { EventBus } from './event-bus.js';

/** Where a call's usage events go: the session that made it, and the turn the call began in. */
export interface SessionRoute {
  /** Takes one usage event of the call. */
  readonly fold: (event: UsageEvent, turn: number) => void;
  /** The turn the call began in. */
  readonly turn: number;
}

/**
 * Routes usage events to the sessions whose calls they belong to, by call id, through one `usage` listener on
 * the client's bus (registered with the first session): the events a session adds up are the scrubbed events
 * every other listener gets. A call's route is kept until the call settled (its result, error or stream end),
 * one macrotask more for an event emitted in the same turn, so a late count still reaches its session.
 *
 * @example
 * ```ts
 * const routes = new SessionRegistry(bus);
 * routes.route(ctx.id, { turn: 1, fold: (event, turn) => tally.add(event, turn) });
 * settled.finally(() => routes.release(ctx.id));
 * ```
 */
export class SessionRegistry {
  readonly #bus: EventBus;
  readonly #routes = new Map<string, SessionRoute>();
  #listening = false;

  /** @param bus - the client's event bus */
  constructor(bus: EventBus) {
    this.#bus = bus;
  }

  /** Sends the usage events of call `callId` to `route`. */
  route(callId: string, route: SessionRoute): void {
    if (!this.#listening) {
      this.#listening = true;
      this.#bus.on('usage', (event) => this.#deliver(event));
    }
    this.#routes.set(callId, route);
  }

  /** Forgets call `callId` once it settled (after one macrotask). */
  release(callId: string): void {
    setImmediate(() => this.#routes.delete(callId));
  }

  /** Calls routed and not yet released. */
  get size(): number {
    return this.#routes.size;
  }

  #deliver(event: UsageEvent): void {
    const route = this.#routes.get(event.callId);
    if (route) route.fold(event, route.turn);
  }
}
