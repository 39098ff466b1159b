let loading: Promise<void> | undefined;

/**
 * Loads Node's `fetch` implementation (undici, which Node evaluates on first use of `fetch`, `Response` or
 * `Headers`: 30–120 ms of blocked event loop) in a turn of the loop of its own, then fetches a `data:` URL once
 * (no network), once per process. The adapters'
 * `preload` calls it: every provider SDK sends its requests with `fetch`, so the first request would pay for it.
 *
 * @example
 * ```ts
 * await Promise.all([loadSdk(), preloadFetch()]);
 * ```
 */
export function preloadFetch(): Promise<void> {
  loading ??= new Promise<void>((resolve) => {
    setImmediate(() => {
      void globalThis.Response;
      resolve();
    });
  }).then(async () => {
    // One request that leaves no process (a `data:` URL) runs fetch's request, header and response code once, so
    // its first real request does not compile it.
    try {
      await (await fetch('data:,')).arrayBuffer();
    } catch {
      // Warming only: the first real request reports any failure of fetch itself.
    }
  });
  return loading;
}
