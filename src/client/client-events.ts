import type { AIClientEventName, AIClientEvents } from '../events.js';
import type { EventBus } from './event-bus.js';

/**
 * The typed event subscription of an {@link AIClient}: `on`, `once` and `off`, each listener's payload typed by
 * the event's name. Every payload a listener gets has been scrubbed of keys first.
 *
 * @example
 * ```ts
 * const events: ClientEvents = createAIClient({ providers: { openai: openai() } });
 * events.on('usage', (event) => console.log(event.usage)).on('warning', (w) => console.warn(w.message));
 * ```
 */
export abstract class ClientEvents {
  readonly #bus: EventBus;

  /** @internal @param bus - where the client's events are delivered */
  protected constructor(bus: EventBus) {
    this.#bus = bus;
  }

  /**
   * Listens to an event; the listener's payload type follows the event name.
   *
   * @example
   * ```ts
   * ai.on('usage', (event) => console.log(event.usage));
   * ```
   */
  on<E extends AIClientEventName>(event: E, listener: AIClientEvents[E]): this {
    this.#bus.on(event, listener);
    return this;
  }

  /**
   * Listens to the next occurrence of an event only.
   *
   * @example
   * ```ts
   * ai.once('error', (event) => console.error(event.error));
   * ```
   */
  once<E extends AIClientEventName>(event: E, listener: AIClientEvents[E]): this {
    this.#bus.on(event, listener, true);
    return this;
  }

  /**
   * Removes a listener.
   *
   * @example
   * ```ts
   * const log = (event: UsageEvent) => console.log(event);
   * ai.on('usage', log).off('usage', log);
   * ```
   */
  off<E extends AIClientEventName>(event: E, listener: AIClientEvents[E]): this {
    this.#bus.off(event, listener);
    return this;
  }
}
