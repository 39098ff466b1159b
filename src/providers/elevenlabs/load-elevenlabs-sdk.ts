import type { ElevenLabsClient as SeedClient } from 'elevenlabs';
import type { ElevenLabsClient as SuccessorClient } from '@elevenlabs/elevenlabs-js';
import { ConfigError } from '../../errors/config-error.js';
import { SdkMissingError } from '../../errors/sdk-missing-error.js';
import { lazySdk } from '../../lazy-sdk.js';
import type { ElevenLabsDriver, ElevenLabsSdkName } from './elevenlabs-sdk.js';
import { seedDriver } from './legacy-elevenlabs-sdk.js';
import { successorDriver } from './elevenlabs-js-sdk.js';

const loadSuccessor = lazySdk('@elevenlabs/elevenlabs-js', () => import('@elevenlabs/elevenlabs-js'));
const loadSeed = lazySdk('elevenlabs', () => import('elevenlabs'));

/** Builds a driver per API key over one loaded SDK. */
export interface DriverFactory {
  readonly sdk: ElevenLabsSdkName;
  readonly create: (apiKey: string, baseUrl: string | undefined) => ElevenLabsDriver;
}

/**
 * The SDK to drive: the one `choice` names, else `@elevenlabs/elevenlabs-js` when it can be loaded, else
 * `elevenlabs` (1.59). A package that is not installed is an `SdkMissingError` naming it (the successor's name
 * when neither is installed: it is the one to install).
 */
export async function loadDriverFactory(choice: ElevenLabsSdkName | undefined): Promise<DriverFactory> {
  if (choice === 'elevenlabs') return seedFactory(await loadSeed());
  if (choice === '@elevenlabs/elevenlabs-js') return successorFactory(await loadSuccessor());
  try {
    return successorFactory(await loadSuccessor());
  } catch (error) {
    if (!SdkMissingError.isInstance(error)) throw error;
    try {
      return seedFactory(await loadSeed());
    } catch (seedError) {
      throw SdkMissingError.isInstance(seedError) ? error : seedError;
    }
  }
}

function seedFactory(sdk: { ElevenLabsClient: typeof SeedClient }): DriverFactory {
  return {
    sdk: 'elevenlabs',
    create: (apiKey, baseUrl) => seedDriver(new sdk.ElevenLabsClient({ apiKey, ...(baseUrl ? { baseUrl } : {}) })),
  };
}

function successorFactory(sdk: { ElevenLabsClient: typeof SuccessorClient }): DriverFactory {
  return {
    sdk: '@elevenlabs/elevenlabs-js',
    create: (apiKey, baseUrl) => successorDriver(new sdk.ElevenLabsClient({ apiKey, maxRetries: 0, ...(baseUrl ? { baseUrl } : {}) })),
  };
}

/**
 * The driver over a client the user built, recognised by shape (no package is loaded for it): 1.59's
 * `textToSpeech.convertAsStream`, or 2.x's `textToSpeech.stream` with `speechToText`. Anything else is a
 * `ConfigError` on `elevenlabs.client`.
 */
export function driverForClient(client: unknown): ElevenLabsDriver {
  const shape = client as { textToSpeech?: { convertAsStream?: unknown; stream?: unknown; convert?: unknown }; speechToText?: unknown } | null;
  const tts = typeof shape === 'object' && shape !== null ? shape.textToSpeech : undefined;
  if (typeof tts?.convertAsStream === 'function') return seedDriver(client as SeedClient);
  if (typeof tts?.stream === 'function' && typeof tts.convert === 'function' && typeof shape?.speechToText === 'object') {
    return successorDriver(client as SuccessorClient);
  }
  throw new ConfigError('elevenlabs.client', 'expected an ElevenLabsClient from @elevenlabs/elevenlabs-js (2.x) or elevenlabs (1.59)');
}
