/**
 * Attribution labels carried by every call and usage event. The well-known keys are typed; any other string
 * key is allowed. Per-call tags merge over the client's default tags.
 *
 * @example
 * ```ts
 * const tags: Tags = { customer: 'acme', session: 's-1', turn: '3', plan: 'pro' };
 * ```
 */
export interface Tags {
  /** Your customer (tenant) the call is billed to. */
  customer?: string;
  /** Your project or product area. */
  project?: string;
  /** The end user. */
  user?: string;
  /** A conversation or session. */
  session?: string;
  /** A turn within the session. */
  turn?: string;
  /** Any other label. */
  [key: string]: string | undefined;
}
