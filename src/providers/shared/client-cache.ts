/**
 * SDK clients by key fingerprint. One client per key keeps the SDK's connection pool warm across calls, and
 * the bound stops a tenant-per-key deployment from growing it forever (least recently used goes first).
 *
 * @example
 * ```ts
 * const cache = new ClientCache<OpenAI>(32);
 * const client = cache.get(key.fingerprint, () => new OpenAI({ apiKey: key.value }));
 * ```
 */
export class ClientCache<C> {
  readonly #clients = new Map<string, C>();

  /** @param capacity - clients kept at most @defaultValue 64 */
  constructor(readonly capacity = 64) {}

  /** The client for this fingerprint, created on first use. */
  get(fingerprint: string, create: () => C): C {
    const found = this.#clients.get(fingerprint);
    if (found !== undefined) {
      this.#clients.delete(fingerprint);
      this.#clients.set(fingerprint, found);
      return found;
    }
    const client = create();
    this.#clients.set(fingerprint, client);
    if (this.#clients.size > this.capacity) this.#clients.delete(this.#clients.keys().next().value as string);
    return client;
  }
}
