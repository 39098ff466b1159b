import { randomBytes } from 'node:crypto';
import type { ChatMessage } from '../../dist/index.js';

/** Fake keys made at run time; the simulator accepts any non-empty key. */
export function fakeKeys(): { openai: string; gemini: string; elevenlabs: string } {
  const hex = (): string => randomBytes(16).toString('hex');
  return { openai: `sk-proj-${hex()}`, gemini: `AIza${hex()}`, elevenlabs: `sk_${hex()}` };
}

export const MODELS = {
  openaiChat: 'gpt-4o-mini',
  openaiEmbed: 'text-embedding-3-small',
  openaiSpeech: 'tts-1',
  geminiChat: 'gemini-2.0-flash',
  geminiEmbed: 'text-embedding-004',
  elevenlabsSpeech: 'eleven_flash_v2_5',
} as const;

export const VOICES = { openai: 'alloy', elevenlabs: '21m00Tcm4TlvDq8ikWAM' } as const;

export const PROMPT = 'Say hello to the benchmark.';
export const MESSAGES: readonly ChatMessage[] = [{ role: 'user', content: PROMPT }];
/** What the raw SDKs take for the same conversation. */
export const OPENAI_MESSAGES = [{ role: 'user' as const, content: PROMPT }];
export const GEMINI_CONTENTS = [{ role: 'user', parts: [{ text: PROMPT }] }];
export const EMBED_INPUT = 'The quick brown fox jumps over the lazy dog.';
export const SPEECH_TEXT = 'Hello from the benchmark, one short sentence.';

/** Reads an audio body to the end, as a caller that plays or stores it would. */
export async function drain(audio: AsyncIterable<Uint8Array>): Promise<number> {
  let bytes = 0;
  for await (const chunk of audio) bytes += chunk.byteLength;
  return bytes;
}
