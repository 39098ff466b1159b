// Which SDK generations the integration tests run against. The main suite (Node 20, the repository's own
// node_modules) has both generations of the Gemini and ElevenLabs SDKs installed side by side (their packages have
// different names) and openai 6. The runtime matrix (`npm run test:matrix`, Node 22 and 24) installs only the
// current majors — openai 7, @google/genai 3, @elevenlabs/elevenlabs-js 2 — and sets AIMETER_SDKS=current, so the
// tests there never reach for a seed SDK that is not installed.

/** The Gemini SDK packages the adapter can drive. */
export type GeminiSdkName = '@google/genai' | '@google/generative-ai';
/** The ElevenLabs SDK packages the adapter can drive. */
export type ElevenLabsSdkName = '@elevenlabs/elevenlabs-js' | 'elevenlabs';

/** `current` in the runtime matrix: only the current SDK majors are installed. */
export const ONLY_CURRENT_SDKS = process.env['AIMETER_SDKS'] === 'current';

/** The Gemini SDKs to run each Gemini integration case with. */
export const GEMINI_SDKS: readonly GeminiSdkName[] = ONLY_CURRENT_SDKS ? ['@google/genai'] : ['@google/generative-ai', '@google/genai'];

/** The ElevenLabs SDKs to run each ElevenLabs integration case with. */
export const ELEVENLABS_SDKS: readonly ElevenLabsSdkName[] = ONLY_CURRENT_SDKS ? ['@elevenlabs/elevenlabs-js'] : ['elevenlabs', '@elevenlabs/elevenlabs-js'];
