import type { ResolvedKey } from '../../context.js';
import { AbortedError } from '../../errors/aborted-error.js';
import { ConfigError } from '../../errors/config-error.js';
import { ClientCache } from '../shared/client-cache.js';
import type { RequestSignal } from '../shared/request-signal.js';
import type { ResolvedElevenLabsOptions } from './elevenlabs-options.js';
import type { ElevenLabsDriver, ElevenLabsSdkName } from './elevenlabs-sdk.js';
import { preloadFetch } from '../shared/preload-fetch.js';
import { loadDriverFactory, type DriverFactory } from './load-elevenlabs-sdk.js';
import { mapElevenLabsError, type FailureContext } from './map-elevenlabs-error.js';

/** An SDK client (behind its driver) and what the adapter learnt about its key's account. */
export interface Account {
  readonly driver: ElevenLabsDriver;
  resetAt: Date | undefined;
}

/** Who made a request, for its error mapping. */
export interface Caller {
  readonly key: ResolvedKey | undefined;
  readonly signal: AbortSignal | undefined;
}

/** The adapter's accounts: one driver per resolved key (or the user's client), and how a request is sent. */
export interface Accounts {
  /** Whether the user gave a client (then no key is resolved). */
  readonly own: boolean;
  /** The account of `key` (the user's client's when one was given); loads the SDK on first use. */
  accountFor(key: ResolvedKey | undefined): Promise<Account>;
  /** Sends one request; caller aborts become AbortedError, everything else a ProviderError. */
  send<T>(caller: Caller, account: Account, request: RequestSignal, run: () => Promise<T>): Promise<T>;
  /** What a failed request's error mapping knows. */
  failure(account: Account, key: ResolvedKey | undefined, request: RequestSignal): FailureContext;
  /** Loads the SDK the first account needs (nothing for a user's client); rejects as that account would. */
  preload(): Promise<void>;
  /** The SDK the accounts are driven by. */
  sdk(): Promise<ElevenLabsSdkName>;
}

/** Creates the {@link Accounts} of one adapter. */
export function createAccounts(settings: ResolvedElevenLabsOptions): Accounts {
  const cache = new ClientCache<Account>();
  const own: Account | undefined = settings.driver ? { driver: settings.driver, resetAt: undefined } : undefined;
  let factory: Promise<DriverFactory> | undefined;
  const load = (): Promise<DriverFactory> =>
    (factory ??= loadDriverFactory(settings.sdk).then(
      // Loading @elevenlabs/elevenlabs-js 2.x blocks the event loop for seconds (its generated client requires
      // every resource and serializer at once). Timers that fell due meanwhile run first, so the first request
      // does not pick a pooled keep-alive connection its server closed for idling during the load (ECONNRESET).
      (loaded) => new Promise<DriverFactory>((resolve) => setImmediate(() => setImmediate(resolve, loaded))),
      (error: unknown) => {
        factory = undefined;
        throw error;
      },
    ));

  const failure = (account: Account, key: ResolvedKey | undefined, request: RequestSignal): FailureContext => ({
    key: key?.value,
    resetAt: account.resetAt,
    timedOut: request.timedOut,
    timeoutMs: settings.timeoutMs,
  });

  return {
    own: own !== undefined,
    preload: async () => void (await Promise.all([own ? undefined : load(), preloadFetch()])),
    async accountFor(key) {
      if (own) return own;
      if (!key) throw new ConfigError('keys.elevenlabs', 'no ElevenLabs API key was resolved; set ELEVENLABS_API_KEY, or pass a client');
      const { create } = await load();
      return cache.get(key.fingerprint, () => ({ driver: create(key.value, settings.baseUrl), resetAt: undefined }));
    },
    async send(caller, account, request, run) {
      try {
        return await run();
      } catch (error) {
        request.done();
        if (caller.signal?.aborted) throw new AbortedError('the ElevenLabs request was aborted', { cause: caller.signal.reason });
        throw await mapElevenLabsError(error, failure(account, caller.key, request));
      }
    },
    failure,
    async sdk() {
      return own ? own.driver.sdk : (await load()).sdk;
    },
  };
}
