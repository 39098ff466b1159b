/** A promise with its resolve/reject exposed, so a test decides exactly when something settles. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  readonly resolve: (value: T) => void;
  readonly reject: (error: unknown) => void;
  /** Whether resolve or reject was called. */
  readonly settled: boolean;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  let settled = false;
  const promise = new Promise<T>((res, rej) => {
    resolve = (value) => {
      settled = true;
      res(value);
    };
    reject = (error) => {
      settled = true;
      rej(error);
    };
  });
  return {
    promise,
    resolve,
    reject,
    get settled() {
      return settled;
    },
  };
}

/** Lets every pending I/O callback and setImmediate run once (macrotask turn), without measuring time. */
export function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** What a watched promise has done so far: settled or not, and with what. */
export interface Watched<T> {
  done: boolean;
  value?: T;
  error?: unknown;
}

/** Tracks when a promise settles without awaiting it: a test checks `done` after letting the loop run. */
export function watch<T>(promise: Promise<T>): Watched<T> {
  const state: Watched<T> = { done: false };
  promise.then(
    (value) => Object.assign(state, { done: true, value }),
    (error: unknown) => Object.assign(state, { done: true, error }),
  );
  return state;
}
