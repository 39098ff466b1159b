import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText, wrapLanguageModel, type LanguageModel, type LanguageModelMiddleware } from 'ai';
import { fakeFetch, FETCH_FREE_BASE_URL } from './fake-fetch.js';
import { MODELS, OPENAI_MESSAGES } from './fixtures.js';

/** What the metering middleware records of one call. */
export interface UsageRecord {
  readonly model: string;
  readonly inputTokens: number | undefined;
  readonly outputTokens: number | undefined;
  readonly time: number;
}

/** The part of a model's usage (language model specification v3) the middleware records. */
interface ModelUsage {
  readonly inputTokens: { readonly total: number | undefined };
  readonly outputTokens: { readonly total: number | undefined };
}

/**
 * How a user of the Vercel AI SDK meters calls: a language-model middleware that records the usage of every
 * call, from the result of `doGenerate` or from the stream's `finish` part, into a list the application hands on.
 */
export function meteringMiddleware(records: UsageRecord[]): LanguageModelMiddleware {
  const record = (model: string, usage: ModelUsage): UsageRecord => ({ model, inputTokens: usage.inputTokens.total, outputTokens: usage.outputTokens.total, time: Date.now() });
  return {
    specificationVersion: 'v3',
    wrapGenerate: async ({ doGenerate, model }) => {
      const result = await doGenerate();
      records.push(record(model.modelId, result.usage));
      return result;
    },
    wrapStream: async ({ doStream, model }) => {
      const { stream, ...rest } = await doStream();
      const metered = stream.pipeThrough(
        new TransformStream({
          transform(part, controller) {
            if (part.type === 'finish') records.push(record(model.modelId, part.usage));
            controller.enqueue(part);
          },
        }),
      );
      return { stream: metered, ...rest };
    },
  };
}

/** A Chat Completions model of `@ai-sdk/openai` on a fake fetch answering `body`, wrapped with the metering middleware. */
export interface AiSdkPeer {
  readonly model: LanguageModel;
  /** `generateText`, its usage checked against `outputTokens`. */
  readonly generate: () => Promise<void>;
  /** `streamText` read to the end, its usage checked against `outputTokens`. */
  readonly stream: () => Promise<void>;
  /** Hands the recorded usage over (empties the list), as an application passes it on to its store. */
  readonly handOver: () => void;
  /** Fails unless `calls` records with `outputTokens` output tokens were handed over since the last check. */
  readonly check: (calls: number) => void;
}

export function createAiSdkPeer(body: string | readonly string[], contentType: string, outputTokens: number): AiSdkPeer {
  const records: UsageRecord[] = [];
  const handed: UsageRecord[] = [];
  const provider = createOpenAI({ apiKey: 'sk-bench-unused', baseURL: FETCH_FREE_BASE_URL, fetch: fakeFetch(body, contentType) });
  const model = wrapLanguageModel({ model: provider.chat(MODELS.openaiChat), middleware: meteringMiddleware(records) });
  const expect = (output: number | undefined): void => {
    if (output !== outputTokens) throw new Error(`AI SDK: ${output} output tokens read, expected ${outputTokens}`);
  };
  return {
    model,
    generate: async () => expect((await generateText({ model, messages: OPENAI_MESSAGES, maxRetries: 0 })).usage.outputTokens),
    stream: async () => {
      const result = streamText({ model, messages: OPENAI_MESSAGES, maxRetries: 0 });
      for await (const _text of result.textStream);
      expect((await result.usage).outputTokens);
    },
    handOver: () => void handed.push(...records.splice(0)),
    check: (calls) => {
      const bad = handed.filter((r) => r.outputTokens !== outputTokens).length;
      const count = handed.length;
      handed.length = 0;
      if (count !== calls || bad > 0) throw new Error(`AI SDK middleware: ${count} usage records for ${calls} calls, ${bad} with a wrong count`);
    },
  };
}
