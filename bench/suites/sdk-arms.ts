import { ElevenLabsClient as CurrentElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import { GoogleGenAI } from '@google/genai';
import { GoogleGenerativeAI } from '@google/generative-ai';
import { ElevenLabsClient } from 'elevenlabs';
import OpenAI from 'openai';
import type { Chain } from '../lib/chain.js';
import type { Simulator } from '../../src/simulator/types.js';
import { drain, EMBED_INPUT, GEMINI_CONTENTS, MESSAGES, MODELS, OPENAI_MESSAGES, SPEECH_TEXT, VOICES } from '../lib/fixtures.js';
import type { ArmCall } from '../lib/paired.js';

/** The same request as a raw SDK call and as a call through the chain (whose adapter drives that same SDK). */
export interface OperationArms {
  readonly name: string;
  /** The client the wrapped arm calls. */
  readonly chain: Chain;
  readonly raw: ArmCall;
  readonly wrapped: ArmCall;
}

/** The adapters' own SDK settings: SDK retries off, 60 s timeout, the simulator as base URL. */
const TIMEOUT_MS = 60_000;

/** The wrapped arms' clients: one whose adapters drive the seed SDKs, one the current ones. */
export interface ChainsBySdk {
  readonly seed: Chain;
  readonly current: Chain;
}

export function operationArms(sim: Simulator, chains: ChainsBySdk, keys: { openai: string; gemini: string; elevenlabs: string }): OperationArms[] {
  const ai = chains.seed.ai;
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
      chain: chains.seed,
      raw: () => openai.chat.completions.create({ model: MODELS.openaiChat, messages: OPENAI_MESSAGES }),
      wrapped: () => ai.chat({ model: openaiChat, messages: MESSAGES }),
    },
    {
      name: 'openai streamChat',
      chain: chains.seed,
      raw: async () => {
        const stream = await openai.chat.completions.create({ model: MODELS.openaiChat, messages: OPENAI_MESSAGES, stream: true, stream_options: { include_usage: true } });
        for await (const _chunk of stream);
      },
      wrapped: () => consume(ai.streamChat({ model: openaiChat, messages: MESSAGES })),
    },
    {
      name: 'openai embed',
      chain: chains.seed,
      raw: () => openai.embeddings.create({ model: MODELS.openaiEmbed, input: EMBED_INPUT }),
      wrapped: () => ai.embed({ model: `openai:${MODELS.openaiEmbed}`, input: EMBED_INPUT }),
    },
    {
      name: 'openai speak',
      chain: chains.seed,
      raw: async () => (await openai.audio.speech.create({ model: MODELS.openaiSpeech, voice: VOICES.openai, input: SPEECH_TEXT, response_format: 'mp3' })).arrayBuffer(),
      wrapped: () => ai.speak({ model: `openai:${MODELS.openaiSpeech}`, voice: VOICES.openai, text: SPEECH_TEXT }),
    },
    {
      name: 'gemini chat (@google/generative-ai)',
      chain: chains.seed,
      raw: () => geminiChat.generateContent({ contents: GEMINI_CONTENTS }),
      wrapped: () => ai.chat({ model: googleChat, messages: MESSAGES }),
    },
    {
      name: 'gemini streamChat (@google/generative-ai)',
      chain: chains.seed,
      raw: async () => {
        const { stream, response } = await geminiChat.generateContentStream({ contents: GEMINI_CONTENTS });
        for await (const _chunk of stream);
        await response;
      },
      wrapped: () => consume(ai.streamChat({ model: googleChat, messages: MESSAGES })),
    },
    {
      name: 'gemini embed (@google/generative-ai)',
      chain: chains.seed,
      raw: () => geminiEmbed.embedContent({ content: { role: 'user', parts: [{ text: EMBED_INPUT }] } }),
      wrapped: () => ai.embed({ model: `gemini:${MODELS.geminiEmbed}`, input: EMBED_INPUT }),
    },
    {
      name: 'elevenlabs speak (elevenlabs 1.x)',
      chain: chains.seed,
      raw: async () => {
        const body = { text: SPEECH_TEXT, model_id: MODELS.elevenlabsSpeech, output_format: 'mp3_44100_128' as const };
        const audio = await eleven.textToSpeech.convert(VOICES.elevenlabs, body, { maxRetries: 0, timeoutInSeconds: TIMEOUT_MS / 1000 });
        await drain(audio);
      },
      wrapped: () => ai.speak({ model: `elevenlabs:${MODELS.elevenlabsSpeech}`, voice: VOICES.elevenlabs, text: SPEECH_TEXT }),
    },
    ...currentSdkArms(sim, chains.current, keys),
  ];
}

/** Gemini and ElevenLabs through their current SDKs, `@google/genai` and `@elevenlabs/elevenlabs-js` 2.x, set as the adapters set them. */
function currentSdkArms(sim: Simulator, chain: Chain, keys: { gemini: string; elevenlabs: string }): OperationArms[] {
  const ai = chain.ai;
  const genai = new GoogleGenAI({ apiKey: keys.gemini, vertexai: false, httpOptions: { apiVersion: 'v1beta', baseUrl: sim.geminiBaseUrl } });
  const eleven = new CurrentElevenLabsClient({ apiKey: keys.elevenlabs, maxRetries: 0, baseUrl: sim.elevenlabsBaseUrl });
  const googleChat = `gemini:${MODELS.geminiChat}` as const;
  return [
    {
      name: 'gemini chat (@google/genai)',
      chain,
      raw: () => genai.models.generateContent({ model: MODELS.geminiChat, contents: GEMINI_CONTENTS }),
      wrapped: () => ai.chat({ model: googleChat, messages: MESSAGES }),
    },
    {
      name: 'gemini streamChat (@google/genai)',
      chain,
      raw: async () => {
        for await (const _chunk of await genai.models.generateContentStream({ model: MODELS.geminiChat, contents: GEMINI_CONTENTS }));
      },
      wrapped: () => consume(ai.streamChat({ model: googleChat, messages: MESSAGES })),
    },
    {
      name: 'gemini embed (@google/genai)',
      chain,
      raw: () => genai.models.embedContent({ model: MODELS.geminiEmbed, contents: EMBED_INPUT }),
      wrapped: () => ai.embed({ model: `gemini:${MODELS.geminiEmbed}`, input: EMBED_INPUT }),
    },
    {
      name: 'elevenlabs speak (@elevenlabs/elevenlabs-js 2.x)',
      chain,
      raw: async () => {
        const body = { text: SPEECH_TEXT, modelId: MODELS.elevenlabsSpeech, outputFormat: 'mp3_44100_128' as const };
        await drain(await eleven.textToSpeech.convert(VOICES.elevenlabs, body, { maxRetries: 0, timeoutInSeconds: TIMEOUT_MS / 1000 }));
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
