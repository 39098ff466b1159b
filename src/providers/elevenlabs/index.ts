// The ElevenLabs adapter (`elevenlabs` 1.59).
export { elevenlabs, type ElevenLabsAdapter, type ElevenLabsSubscriptionRequest } from './elevenlabs-adapter.js';
export type { ElevenLabsOptions } from './elevenlabs-options.js';
export type { ElevenLabsSubscription } from './subscription.js';
