import type { ProviderRoute, RouteFactory } from '../provider-route.js';

// SCAFFOLD, replaced by the gemini simulator: claims no path yet.
export const createGeminiRoute: RouteFactory = (): ProviderRoute => ({
  provider: 'gemini',
  match: () => undefined,
  baseHeaders: () => ({}),
  defaultError: (status) => ({ status }),
  handle: () => Promise.resolve(),
  reset: () => undefined,
});
