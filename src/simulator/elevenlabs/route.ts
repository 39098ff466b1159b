import type { ProviderRoute, RouteFactory } from '../provider-route.js';

// SCAFFOLD, replaced by the elevenlabs simulator: claims no path yet.
export const createElevenLabsRoute: RouteFactory = (): ProviderRoute => ({
  provider: 'elevenlabs',
  match: () => undefined,
  baseHeaders: () => ({}),
  defaultError: (status) => ({ status }),
  handle: () => Promise.resolve(),
  reset: () => undefined,
});
