import { GoogleGenerativeAI } from '@google/generative-ai';
import { ElevenLabsClient } from 'elevenlabs';
import OpenAI from 'openai';
import type { AIClient } from '../lib/aimeter.js';
import type { Simulator } from '../../src/simulator/types.js';
import { drain, EMBED_INPUT, GEMINI_CONTENTS, MESSAGES, MODELS, OPENAI_MESSAGES, SPEECH_TEXT, VOICES } from '../lib/fixtures.js';
import type { ArmCall } from '../lib/paired.js';

/** The same request as a raw SDK call and as a call through the chain. */
export interface OperationArms {
  readonly name: string;
  readonly raw: ArmCall;
  readonly wrapped: ArmCall;
}

/** The adapters' own SDK settings: SDK retries off, 60 s timeout, the simulator as base URL. */
const TIMEOUT_MS = 60_000;

export function operationArms(sim: Simulator, ai: AIClient, keys: { openai: string; gemini: string; elevenlabs: string }): OperationArms[] {
  const openai = new OpenAI({ apiKey: keys.openai, baseURL: sim.openaiBaseURL, maxRetries: 0, timeout: TIMEOUT_MS });
  const google = new GoogleGenerativeAI(keys.gemini);
  const geminiChat = google.getGenerativeModel({ model: MODELS.geminiChat }, { baseUrl: sim.geminiBaseUrl });
  const geminiEmbed = google.getGenerativeModel({ model: MODELS.geminiEmbed }, { baseUrl: sim.geminiBaseUrl });
  const eleven = new ElevenLabsClient({ apiKey: keys.elevenlabs, baseUrl: sim.elevenlabsBaseUrl });
  const openaiChat = `openai:${MODELS.openaiChat}` as const;
  const googleChat = `gemini:${MODELS.geminiChat}` as const;

  return [
    {
      name: 'openai chat',
      raw: () => openai.chat.completions.create({ model: MODELS.openaiChat, messages: OPENAI_MESSAGES }),
      wrapped: () => ai.chat({ model: openaiChat, messages: MESSAGES }),
    },
    {
      name: 'openai streamChat',
      raw: async () => {
        const stream = await openai.chat.completions.create({ model: MODELS.openaiChat, messages: OPENAI_MESSAGES, stream: true, stream_options: { include_usage: true } });
        for await (const _chunk of stream);
      },
      wrapped: () => consume(ai.streamChat({ model: openaiChat, messages: MESSAGES })),
    },
    {
      name: 'openai embed',
      raw: () => openai.embeddings.create({ model: MODELS.openaiEmbed, input: EMBED_INPUT }),
      wrapped: () => ai.embed({ model: `openai:${MODELS.openaiEmbed}`, input: EMBED_INPUT }),
    },
    {
      name: 'openai speak',
      raw: async () => (await openai.audio.speech.create({ model: MODELS.openaiSpeech, voice: VOICES.openai, input: SPEECH_TEXT, response_format: 'mp3' })).arrayBuffer(),
      wrapped: () => ai.speak({ model: `openai:${MODELS.openaiSpeech}`, voice: VOICES.openai, text: SPEECH_TEXT }),
    },
    {
      name: 'gemini chat',
      raw: () => geminiChat.generateContent({ contents: GEMINI_CONTENTS }),
      wrapped: () => ai.chat({ model: googleChat, messages: MESSAGES }),
    },
    {
      name: 'gemini streamChat',
      raw: async () => {
        const { stream, response } = await geminiChat.generateContentStream({ contents: GEMINI_CONTENTS });
        for await (const _chunk of stream);
        await response;
      },
      wrapped: () => consume(ai.streamChat({ model: googleChat, messages: MESSAGES })),
    },
    {
      name: 'gemini embed',
      raw: () => geminiEmbed.embedContent({ content: { role: 'user', parts: [{ text: EMBED_INPUT }] } }),
      wrapped: () => ai.embed({ model: `gemini:${MODELS.geminiEmbed}`, input: EMBED_INPUT }),
    },
    {
      name: 'elevenlabs speak',
      raw: async () => {
        const body = { text: SPEECH_TEXT, model_id: MODELS.elevenlabsSpeech, output_format: 'mp3_44100_128' as const };
        const audio = await eleven.textToSpeech.convert(VOICES.elevenlabs, body, { maxRetries: 0, timeoutInSeconds: TIMEOUT_MS / 1000 });
        await drain(audio);
      },
      wrapped: () => ai.speak({ model: `elevenlabs:${MODELS.elevenlabsSpeech}`, voice: VOICES.elevenlabs, text: SPEECH_TEXT }),
    },
  ];
}

/** Reads a chain stream to the end and waits for its final result, as a caller that needs the usage would. */
export async function consume(stream: AsyncIterable<unknown> & { readonly final: Promise<unknown> }): Promise<void> {
  for await (const _delta of stream);
  await stream.final;
}
