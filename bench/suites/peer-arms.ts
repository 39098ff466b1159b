import type OpenAI from 'openai';
import { openai } from '../lib/aimeter.js';
import { createAiSdkPeer } from '../lib/ai-sdk-peer.js';
import { createChain, FULL_CHAIN, type Chain, type ChainParts } from '../lib/chain.js';
import { CHAT_REPLY, chatStream, fetchFreeClient, JSON_TYPE, SSE_TYPE } from '../lib/fake-fetch.js';
import { MESSAGES, MODELS, OPENAI_MESSAGES } from '../lib/fixtures.js';
import type { BlockArm } from '../lib/multi-arm.js';
import type { OtelPeer } from '../lib/otel-peer.js';
import { yieldToLoop } from '../lib/paired.js';

/** A reply the arms all get: a chat completion, or a streamed one of `chunks` content chunks. */
export interface Shape {
  readonly name: string;
  readonly streamed: boolean;
  readonly body: string | readonly string[];
  readonly contentType: string;
  /** The output tokens the reply's usage reports: every arm checks that it read them. */
  readonly outputTokens: number;
}

export const STREAM_CHUNKS = 50;
export const PLAIN: Shape = { name: 'chat', streamed: false, body: CHAT_REPLY, contentType: JSON_TYPE, outputTokens: 12 };
export const STREAMED: Shape = { name: `${STREAM_CHUNKS}-chunk stream`, streamed: true, body: chatStream(STREAM_CHUNKS), contentType: SSE_TYPE, outputTokens: STREAM_CHUNKS };

/** The arms' names, which the figures carry. */
export const ARM = {
  raw: 'raw openai SDK',
  keysMeter: 'aimeter keys → meter only',
  fullNoSinks: 'aimeter full chain, no sinks',
  /** Events kept in memory, as the OpenTelemetry arms' in-memory exporters keep spans: no file, no fdatasync. */
  fullMemory: 'aimeter full chain + memory sink + listener',
  full: 'aimeter full chain + memory/JSONL sinks + listener',
  otel: 'OTel instrumentation-openai',
  otelContext: 'OTel instrumentation-openai + AsyncLocalStorage',
  aiSdk: 'AI SDK + metering middleware',
} as const;

/** The arms of one shape, and what closes them. `jsonlPath`: the full chain's JSONL ledger. */
export function peerArms(shape: Shape, otel: OtelPeer, jsonlPath: string): { arms: BlockArm[]; close: () => Promise<void> } {
  const chains: Chain[] = [];
  const aimeterArm = (name: string, parts: ChainParts): BlockArm => {
    const chain = createChain({ openai: openai({ client: fetchFreeClient(shape.body, shape.contentType) }) }, {}, parts);
    chains.push(chain);
    return { name, call: aimeterCall(chain, shape), flush: () => chain.ai.flush(), after: blockCheck(chain, parts.listener) };
  };
  const otelArm = (name: string, withContext: boolean): BlockArm => ({
    name,
    call: sdkCall(fetchFreeClient(shape.body, shape.contentType, otel.OpenAI), shape),
    flush: otel.flush,
    ...(withContext ? { before: otel.contextOn } : {}),
    after: (calls) => {
      if (withContext) otel.contextOff();
      otel.check(calls);
    },
  });
  const aiSdk = createAiSdkPeer(shape.body, shape.contentType, shape.outputTokens);
  const arms: BlockArm[] = [
    { name: ARM.raw, call: sdkCall(fetchFreeClient(shape.body, shape.contentType), shape), flush: yieldToLoop, after: otel.checkNone },
    aimeterArm(ARM.keysMeter, { memory: false, listener: false, minimal: true }),
    aimeterArm(ARM.fullNoSinks, { memory: false, listener: false }),
    aimeterArm(ARM.fullMemory, { memory: true, listener: true }),
    aimeterArm(ARM.full, FULL_CHAIN(jsonlPath)),
    otelArm(ARM.otel, false),
    otelArm(ARM.otelContext, true),
    { name: ARM.aiSdk, call: shape.streamed ? aiSdk.stream : aiSdk.generate, flush: () => Promise.resolve(aiSdk.handOver()), after: aiSdk.check },
  ];
  return { arms, close: async () => void (await Promise.all(chains.map((chain) => chain.ai.close()))) };
}

/** A raw SDK call, the stream read to the end; fails unless it read the reply's usage. */
function sdkCall(client: OpenAI, shape: Shape): () => Promise<void> {
  const request = { model: MODELS.openaiChat, messages: OPENAI_MESSAGES };
  const expect = (output: number | undefined): void => {
    if (output !== shape.outputTokens) throw new Error(`raw SDK: ${output} output tokens read, expected ${shape.outputTokens}`);
  };
  if (!shape.streamed) return async () => expect((await client.chat.completions.create(request)).usage?.completion_tokens);
  return async () => {
    let output: number | undefined;
    for await (const chunk of await client.chat.completions.create({ ...request, stream: true, stream_options: { include_usage: true } })) {
      if (chunk.usage) output = chunk.usage.completion_tokens;
    }
    expect(output);
  };
}

/** A call through the chain, the stream read to the end and its `final` awaited; fails unless it was metered. */
function aimeterCall(chain: Chain, shape: Shape): () => Promise<void> {
  const request = { model: `openai:${MODELS.openaiChat}` as const, messages: MESSAGES };
  const expect = (output: number | null | undefined): void => {
    if (output !== shape.outputTokens) throw new Error(`aimeter: ${output} output tokens metered, expected ${shape.outputTokens}`);
  };
  if (!shape.streamed) return async () => expect((await chain.ai.chat(request)).usage.outputTokens?.value);
  return async () => {
    const stream = chain.ai.streamChat(request);
    for await (const _delta of stream);
    expect((await stream.final).usage.outputTokens?.value);
  };
}

/** After each block (untimed): every call's event reached the memory sink and the listener, no sink dropped or failed one. */
function blockCheck(chain: Chain, listener: boolean): (calls: number) => void {
  let heard = 0;
  return (calls) => {
    for (const stats of chain.ai.sinkStats()) {
      if (stats.dropped > 0 || stats.failures > 0) throw new Error(`sink ${stats.name} dropped ${stats.dropped}, failed ${stats.failures}`);
    }
    const stored = chain.memory?.events.length ?? calls;
    chain.memory?.clear();
    if (stored !== calls) throw new Error(`memory sink: ${stored} events for ${calls} calls`);
    const listened = chain.usage() - heard;
    heard = chain.usage();
    if (listened !== (listener ? calls : 0)) throw new Error(`usage listener: ${listened} events for ${calls} calls`);
  };
}
