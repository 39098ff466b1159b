import { ConfigError } from '../errors/config-error.js';

/**
 * Whether the runtime looks like a browser (a `window` with a `document`, a web worker) or React Native,
 * where any key shipped to the client is readable by every user.
 *
 * @example
 * ```ts
 * if (isBrowserLike()) console.warn('resolve provider keys on your server');
 * ```
 */
export function isBrowserLike(scope: object = globalThis): boolean {
  const g = scope as { window?: unknown; document?: unknown; importScripts?: unknown; navigator?: { product?: unknown } };
  return (typeof g.window === 'object' && g.window !== null && typeof g.document === 'object') || typeof g.importScripts === 'function' || g.navigator?.product === 'ReactNative';
}

/**
 * Throws {@link ConfigError} (field `keys.dangerouslyAllowBrowser`) when a client holding a secret key is built
 * in a browser-like runtime, unless `keys.dangerouslyAllowBrowser` is set.
 *
 * @example
 * ```ts
 * assertServerRuntime({ hasSecretKey: true, dangerouslyAllowBrowser: false }); // throws in a browser
 * ```
 */
export function assertServerRuntime(options: { hasSecretKey: boolean; dangerouslyAllowBrowser?: boolean | undefined; scope?: object }): void {
  if (!options.hasSecretKey || options.dangerouslyAllowBrowser === true || !isBrowserLike(options.scope)) return;
  throw new ConfigError(
    'keys.dangerouslyAllowBrowser',
    'this looks like a browser: a secret API key here is readable by every visitor. Call the providers from your server ' +
      '(or a per-user proxy), or set keys: { dangerouslyAllowBrowser: true } if the key is meant to be public',
  );
}
