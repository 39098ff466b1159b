import type { ProviderAdapter } from '../adapter.js';
import { isRecord } from '../is-record.js';
import type { CallContext } from '../context.js';
import { AbortedError } from '../errors/aborted-error.js';
import { ConfigError } from '../errors/config-error.js';
import { UnsupportedOperationError } from '../errors/unsupported-operation-error.js';
import type { EmitFn } from '../events.js';
import { uuidV7 } from '../ids/uuid-v7.js';
import { parseModelRef, type ResolvedModel } from '../model-ref.js';
import type { Operation, OperationTypes } from '../operations/operation.js';
import { validateRequest } from '../operations/validate-request.js';
import { mergeTags, type Tags } from '../tags.js';

/** Most model strings a client remembers; a client uses a handful, a multi-model router at most hundreds. */
const MAX_MODELS = 1024;

/** What every call of a client shares. */
export interface CallContextsOptions {
  readonly providers: Readonly<Record<string, ProviderAdapter>>;
  readonly environment: string;
  readonly defaultTags: Readonly<Tags>;
  readonly emit: EmitFn;
}

/**
 * Builds each call's context from its request: finds the provider adapter named by the model address, checks
 * the operation is supported and the request is well formed, merges the tags, and refuses a call whose signal
 * was already aborted. Throws {@link ConfigError}, {@link UnsupportedOperationError} or {@link AbortedError}.
 *
 * @example
 * ```ts
 * const contexts = new CallContexts({ providers: { openai: openai() }, environment: 'production', defaultTags: {}, emit });
 * const ctx = contexts.create('chat', { model: 'openai:gpt-4o-mini', messages });
 * ```
 */
export class CallContexts {
  readonly #options: CallContextsOptions;
  /**
   * The parts of the model strings this client saw: the same `provider` and `model` strings come back on every
   * call, so the scrubber and the limits find them known (a fresh slice would be looked at anew).
   */
  readonly #models = new Map<string, ResolvedModel>();

  /** @param options - what every call shares */
  constructor(options: CallContextsOptions) {
    this.#options = options;
  }

  /** The context of a new call of `operation`; throws when the request cannot be sent. */
  create<Op extends Operation>(operation: Op, request: OperationTypes[Op]['request']): CallContext<Op> {
    const input: unknown = request;
    if (!isRecord(input)) throw new ConfigError('request', 'expected a request object');
    const { provider, model } = this.#model(input.model);
    const { providers, environment, defaultTags, emit } = this.#options;
    const adapter = providers[provider];
    if (!adapter) throw new ConfigError('request.model', `unknown provider "${provider}"; registered: ${Object.keys(providers).join(', ')}`);
    if (typeof adapter[operation] !== 'function') throw new UnsupportedOperationError(provider, operation);
    validateRequest(operation, input);
    const signal = input.signal as AbortSignal | undefined;
    if (signal?.aborted) throw new AbortedError('the call was aborted before it started', { cause: signal.reason });
    const tags = input.tags === undefined ? defaultTags : mergeTags(defaultTags, input.tags, 'request.tags');
    return { id: uuidV7(), operation, provider, model, request, tags, environment, signal, startedAt: performance.now(), attempt: 1, key: undefined, state: {}, emit };
  }

  #model(ref: unknown): ResolvedModel {
    if (typeof ref !== 'string') return parseModelRef(ref);
    const known = this.#models.get(ref);
    if (known) return known;
    const parts = Object.freeze(parseModelRef(ref));
    if (this.#models.size >= MAX_MODELS) this.#models.clear();
    this.#models.set(ref, parts);
    return parts;
  }
}
