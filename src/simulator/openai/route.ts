import type { ProviderRoute, RouteFactory } from '../provider-route.js';

// SCAFFOLD, replaced by the openai simulator: claims no path yet.
export const createOpenAIRoute: RouteFactory = (): ProviderRoute => ({
  provider: 'openai',
  match: () => undefined,
  baseHeaders: () => ({}),
  defaultError: (status) => ({ status }),
  handle: () => Promise.resolve(),
  reset: () => undefined,
});
