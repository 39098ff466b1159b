/** Something that must be flushed before the process exits. */
export interface Flushable {
  flushOnExit(): Promise<void>;
  /** Whether anything is left to flush; `beforeExit` flushes only then. */
  hasPendingWork(): boolean;
  /**
   * Run on SIGTERM and SIGINT instead of `flushOnExit`: stops taking new work before it returns (in the
   * signal's own tick), then finishes the work in flight and flushes. @default flushOnExit
   */
  shutdown?(): Promise<void>;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
const registered = new Set<Flushable>();
let flushing: Promise<void> | undefined;
let stopping: Promise<void> | undefined;

function flushAll(): Promise<void> {
  flushing ??= Promise.allSettled([...registered].map((f) => f.flushOnExit())).then(() => {
    flushing = undefined;
  });
  return flushing;
}

function onBeforeExit(): void {
  // beforeExit fires again after a flush that did I/O empties the loop; flushing only when work is pending ends that.
  if (!flushing && [...registered].some((f) => f.hasPendingWork())) void flushAll();
}

function onSignal(signal: NodeJS.Signals): void {
  // Every target stops taking work now, before anything is awaited; a second signal waits for the same shutdown.
  stopping ??= Promise.allSettled([...registered].map((f) => (f.shutdown ? f.shutdown() : f.flushOnExit()))).then(() => {
    stopping = undefined;
  });
  void stopping.then(() => {
    detach();
    // Listening for a signal replaces Node's default (exit); restore it when nobody else handles the signal.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  });
}

function attach(): void {
  process.on('beforeExit', onBeforeExit);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function detach(): void {
  process.off('beforeExit', onBeforeExit);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/**
 * Flushes `target` on `beforeExit`, and shuts it down on SIGTERM and SIGINT (see {@link Flushable.shutdown}).
 * After a signal, once flushed, the signal is re-raised so the process still ends as it would have. Returns
 * the function that unregisters it.
 */
export function flushOnExit(target: Flushable): () => void {
  if (registered.size === 0) attach();
  registered.add(target);
  return () => {
    if (registered.delete(target) && registered.size === 0) detach();
  };
}
