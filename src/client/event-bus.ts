import { createRequire } from 'node:module';
import type { EventEmitter } from 'eventemitter3';
import type { AIClientEventName, AIClientEventPayload, AIClientEvents, EmitFn } from '../events.js';
import { scrubBuiltRecord } from '../redact/scrub-built-record.js';
import type { Scrubber } from '../redact/scrubber.js';
import { SinkHub } from '../sinks/sink-hub.js';
import type { Sink, SinkQueueOptions } from '../sinks/sink.js';
import type { UsageEvent } from '../usage-event.js';

/**
 * The fields of a usage event the meter made from no input: random ids, its clock, the key's fingerprint, the
 * operation and status (constants of this code). They cannot hold a secret, so the scrub does not look at them.
 */
const METER_GENERATED_FIELDS: ReadonlySet<string> = new Set(['id', 'callId', 'time', 'keyFingerprint', 'operation', 'status']);

/**
 * Where a client's events go: every payload is scrubbed, then usage events are queued for the sinks, then every
 * event reaches its listeners. A listener that throws does not fail the call: it becomes a `listener_error`
 * warning. Once the sinks are closed, usage events reach listeners only.
 *
 * @example
 * ```ts
 * const bus = new EventBus(scrubber, [memorySink()]);
 * bus.on('usage', (event) => console.log(event.usage));
 * bus.emit('warning', { code: 'demo', message: 'scrubbed, then delivered' });
 * ```
 */
export class EventBus {
  readonly #emitter = newEmitter();
  readonly #scrubber: Scrubber;
  readonly #sinks: SinkHub;
  #sinksClosed = false;
  /** Emits an event from a middleware (the call context's `emit`). */
  readonly emit: EmitFn;
  /** Takes a usage event the meter built (its own field names and generated values). */
  readonly metered = (event: UsageEvent): void => this.#deliver('usage', scrubBuiltRecord(this.#scrubber, event, METER_GENERATED_FIELDS));

  /**
   * @param scrubber - the client's scrubber
   * @param sinks - where usage events are written
   * @param queue - queueing and batching of sink writes
   */
  constructor(scrubber: Scrubber, sinks: readonly Sink[], queue?: SinkQueueOptions) {
    this.#scrubber = scrubber;
    this.#sinks = new SinkHub(sinks, queue, (event) => this.emit('sink-error', event));
    this.emit = (event, payload) => {
      if (event !== 'usage' && this.#emitter.listenerCount(event) === 0) return;
      this.#deliver(event, this.#scrubber.scrubPlain(payload));
    };
  }

  /** The sinks' queue. */
  get sinks(): SinkHub {
    return this.#sinks;
  }

  /** Whether anyone listens to `event`: an event nobody listens to need not be built. */
  listens(event: AIClientEventName): boolean {
    return this.#emitter.listenerCount(event) > 0;
  }

  /** Adds a listener. */
  on<E extends AIClientEventName>(event: E, listener: AIClientEvents[E], once = false): void {
    if (once) this.#emitter.once(event, listener as never);
    else this.#emitter.on(event, listener as never);
  }

  /** Removes a listener. */
  off<E extends AIClientEventName>(event: E, listener: AIClientEvents[E]): void {
    this.#emitter.off(event, listener as never);
  }

  /** Flushes the sinks, then closes them: from then on usage events reach listeners only. */
  async closeSinks(timeoutMs: number): Promise<void> {
    this.#sinksClosed = true;
    await this.#sinks.close(timeoutMs);
  }

  #deliver<E extends AIClientEventName>(event: E, payload: AIClientEventPayload<E>): void {
    if (event === 'usage' && !this.#sinksClosed) this.#sinks.push(payload as UsageEvent);
    if (this.#emitter.listenerCount(event) === 0) return;
    try {
      (this.#emitter.emit as (event: E, payload: unknown) => boolean)(event, payload);
    } catch (error) {
      // A listener's bug must not fail the call that triggered the event.
      if (event !== 'warning') this.emit('warning', { code: 'listener_error', message: `a "${event}" listener threw: ${String(error)}` });
    }
  }
}

let Emitter: typeof EventEmitter | undefined;

/** eventemitter3, loaded by the first client rather than by `import 'aimeter'`. */
function newEmitter(): EventEmitter<AIClientEvents> {
  Emitter ??= (createRequire(import.meta.url)('eventemitter3') as { EventEmitter: typeof EventEmitter }).EventEmitter;
  return new Emitter<AIClientEvents>();
}
