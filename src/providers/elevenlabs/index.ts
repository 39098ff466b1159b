// The ElevenLabs adapter (`@elevenlabs/elevenlabs-js` 2.x or `elevenlabs` 1.59).
export { elevenlabs, type ElevenLabsAdapter, type ElevenLabsSubscriptionRequest } from './elevenlabs-adapter.js';
export type { ElevenLabsOptions } from './elevenlabs-options.js';
export type { ElevenLabsSubscription } from './subscription.js';
export type { ElevenLabsSdkName } from './elevenlabs-sdk.js';
