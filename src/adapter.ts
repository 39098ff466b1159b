import type { TokenCounting } from './token-counting.js';
import type { CallResult, StreamCallResult } from './call-result.js';
import type { ResolvedKey } from './context.js';
import type { Operation, OperationTypes, StreamOperation } from './operations/operation.js';

/**
 * What an adapter receives for one provider request.
 *
 * @example
 * ```ts
 * async function chat({ model, request, key, signal }: AdapterCall<'chat'>): Promise<AdapterResult<'chat'>> {
 *   const reply = await acme.complete({ model, messages: request.messages, apiKey: key?.value, signal });
 *   return { output: { text: reply.text, toolCalls: [], finishReason: 'stop' }, usage: { requests: 1 } };
 * }
 * ```
 */
export interface AdapterCall<Op extends Operation = Operation> {
  /** The provider's model id. */
  readonly model: string;
  /** The normalized request. */
  readonly request: OperationTypes[Op]['request'];
  /** The key the chain resolved; undefined for a provider that needs none. */
  readonly key: ResolvedKey | undefined;
  /** Cancels the request. */
  readonly signal: AbortSignal | undefined;
  /** How a cut stream's tokens are counted (the client's `tokenCounting`). @default 'exact' */
  readonly tokenCounting?: TokenCounting;
}

/**
 * What an adapter returns for an operation: a stream result for stream operations, else a call result.
 *
 * @example
 * ```ts
 * type ChatResult = AdapterResult<'chat'>; // CallResult<ChatOutput>
 * type SpeechStream = AdapterResult<'streamSpeak'>; // StreamCallResult<Uint8Array, SpeechStreamOutput>
 * ```
 */
export type AdapterResult<Op extends Operation> = Op extends StreamOperation
  ? StreamCallResult<OperationTypes[Op]['delta'], OperationTypes[Op]['output']>
  : CallResult<OperationTypes[Op]['output']>;

/**
 * One operation of an adapter: exactly one provider request.
 *
 * @example
 * ```ts
 * const embed: AdapterFunction<'embed'> = async ({ request }) => ({
 *   output: { embeddings: [request.input].flat().map(() => [0]) },
 *   usage: { requests: 1 },
 * });
 * ```
 */
export type AdapterFunction<Op extends Operation> = (call: AdapterCall<Op>) => Promise<AdapterResult<Op>>;

/**
 * The operations an adapter may implement; an absent one is unsupported by that provider.
 *
 * @example
 * ```ts
 * const operations: AdapterOperations = {
 *   async embed({ request }) {
 *     const inputs = [request.input].flat();
 *     return { output: { embeddings: inputs.map(() => [0, 1]) }, usage: { requests: 1 } };
 *   },
 * };
 * ```
 */
export interface AdapterOperations {
  /** A chat completion. */
  readonly chat?: AdapterFunction<'chat'>;
  /** A streamed chat completion. */
  readonly streamChat?: AdapterFunction<'streamChat'>;
  /** Embeddings of one or more inputs. */
  readonly embed?: AdapterFunction<'embed'>;
  /** Text-to-speech, whole audio. */
  readonly speak?: AdapterFunction<'speak'>;
  /** Text-to-speech, streamed audio. */
  readonly streamSpeak?: AdapterFunction<'streamSpeak'>;
  /** Speech-to-text. */
  readonly transcribe?: AdapterFunction<'transcribe'>;
}

/**
 * Version 1 of the provider adapter contract: a provider name, how its key is found, and one function per
 * supported operation, each doing exactly one provider request (no retries of its own) and reporting usage
 * exactly as the provider did.
 *
 * @example
 * ```ts
 * const echo: ProviderAdapterV1 = {
 *   specificationVersion: 'v1',
 *   provider: 'echo',
 *   keyVariables: [],
 *   async chat({ request }) {
 *     const text = String(request.messages.at(-1)?.content ?? '');
 *     return { output: { text, toolCalls: [], finishReason: 'stop' }, usage: { requests: 1 } };
 *   },
 * };
 * ```
 */
export interface ProviderAdapterV1 extends AdapterOperations {
  /** Contract version, so the client can support older adapters when the contract evolves. */
  readonly specificationVersion: 'v1';
  /** Provider name, e.g. `openai`. */
  readonly provider: string;
  /**
   * Environment variables holding the provider's key, most preferred first, e.g. `['OPENAI_API_KEY']`.
   * Environment-specific variants (`OPENAI_API_KEY_PRODUCTION`) are derived from these. Empty: no key needed.
   */
  readonly keyVariables: readonly string[];
  /**
   * Loads, ahead of the first call, what that call would otherwise load (the provider's SDK), so the first call
   * does not block the event loop on it. `createAIClient` calls it in the background (see `AIClient.ready()`).
   * It rejects with the error the first call would get (e.g. `SdkMissingError`); that call still gets it.
   * Optional: an adapter that loads nothing lazily leaves it out.
   */
  preload?(): Promise<void>;
}

/**
 * Any supported version of the adapter contract.
 *
 * @example
 * ```ts
 * const providers: Record<string, ProviderAdapter> = { openai: openai(), gemini: gemini() };
 * const ai = createAIClient({ providers });
 * ```
 */
export type ProviderAdapter = ProviderAdapterV1;
