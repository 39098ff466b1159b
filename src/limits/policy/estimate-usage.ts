import type { CallContext } from '../../context.js';
import type { CostCalculator } from '../../pricing/cost-calculator.js';
import { estimateTokens } from '../../estimate-tokens.js';
import { estimated, type Usage } from '../../usage.js';
import { estimateSpeech, estimateTranscription } from './estimate-audio.js';
import { unitAmounts, type UnitAmounts } from './limit-unit.js';
import type { OutputEstimate } from './output-estimate.js';
import { DEFAULT_RESERVE_FLOORS, type ReserveFloors } from './reserve-floor.js';

/**
 * Options of {@link estimateCall}.
 *
 * @example
 * ```ts
 * const options: EstimateOptions = { defaultOutputTokens: 512, costs: createCostCalculator() };
 * ```
 */
export interface EstimateOptions {
  /** Output tokens reserved for a chat that sets no `maxOutputTokens`. @default 1024 */
  readonly defaultOutputTokens?: number;
  /** Prices the estimate for `usd` policies; without it (or for an unpriced model) `usd` reserves 0. @default undefined */
  readonly costs?: CostCalculator;
  /** What a call reserves where its amount cannot be estimated, per operation (see `resolveReserveFloors`). @default DEFAULT_RESERVE_FLOORS */
  readonly reserveFloor?: ReserveFloors;
  /**
   * The `estimate` reservation mode: a chat reserves the output tokens its model usually bills (never more than
   * `maxOutputTokens` or the default). @default undefined (exact: `maxOutputTokens` or the default)
   */
  readonly outputEstimate?: OutputEstimate;
}

/**
 * What a call is expected to cost before it is sent, for the reservation: prompt tokens by the quick
 * {@link estimateTokens} word count, output tokens up to `maxOutputTokens` (in the `estimate` reservation mode,
 * the quantile of what the model's replies were billed, if lower), speech characters, (ElevenLabs)
 * credits at the model's factor and (token-billed speech) audio tokens for the speech's length, transcription
 * seconds or tokens from the audio's length, and dollars as the price of that estimate. Deliberately not the BPE
 * tokenizer that recorded estimates use: this runs before every limited call, where tokenizing a long
 * conversation would delay the call by more than the whole chain costs (figures: BENCHMARKS.md), and the
 * reservation is settled to the reported usage anyway.
 *
 * `amounts` holds exactly the units the call can be billed in (requests and dollars always; tokens, characters
 * and credits where the operation and model bill them), so every policy counting one of them reserves, and
 * later settles, even an amount of 0. Where an amount cannot be estimated (an unpriced model's dollars, a
 * token-billed call estimated at 0 tokens) the operation's {@link ReserveFloor} stands in.
 *
 * @example
 * ```ts
 * const { usage, amounts } = estimateCall(ctx, { costs });
 * amounts.tokens; // prompt estimate + maxOutputTokens
 * ```
 */
export function estimateCall(ctx: CallContext, options: EstimateOptions = {}): { usage: Usage; amounts: UnitAmounts } {
  const usage = estimateUsage(ctx, options.defaultOutputTokens ?? 1024, options.outputEstimate);
  const floor = options.reserveFloor?.[ctx.operation] ?? DEFAULT_RESERVE_FLOORS[ctx.operation];
  const priced = options.costs?.cost({ provider: ctx.provider, model: ctx.model, operation: ctx.operation, usage, time: new Date(), customer: ctx.tags.customer }).usd;
  return { usage, amounts: billableAmounts(usage, priced ?? floor.usd ?? 0, floor.tokens ?? 0) };
}

// The amounts of the units the estimated usage bills in: a unit it has no figure for cannot be billed.
function billableAmounts(usage: Usage, usd: number, tokenFloor: number): UnitAmounts {
  const all = unitAmounts(usage, usd);
  const amounts: { -readonly [K in keyof UnitAmounts]: number } = { requests: all.requests, usd };
  if (usage.inputTokens !== undefined || usage.outputTokens !== undefined) {
    amounts.inputTokens = all.inputTokens;
    amounts.outputTokens = all.outputTokens;
    amounts.tokens = all.tokens! > 0 ? all.tokens : tokenFloor;
  }
  if (usage.characters !== undefined) amounts.characters = all.characters;
  if (usage.credits !== undefined) amounts.credits = all.credits;
  return amounts;
}

const CHAT_FORMAT_TOKENS = 3;

function estimateUsage(ctx: CallContext, defaultOutputTokens: number, outputEstimate: OutputEstimate | undefined): Usage {
  switch (ctx.operation) {
    case 'chat':
    case 'streamChat': {
      const { messages, tools, maxOutputTokens } = ctx.request;
      // Texts counted one by one: whitespace between them is free, so the sum is the count of them joined.
      let content = 0;
      for (const m of messages) {
        if (typeof m.content === 'string') content += estimateTokens(m.content);
        else for (const part of m.content) if (part.type === 'text') content += estimateTokens(part.text);
      }
      for (const tool of tools ?? []) content += estimateTokens(JSON.stringify(tool));
      // The chat format's own tokens, as OpenAI documents them: 3 per message and 3 priming the reply.
      const prompt = content + CHAT_FORMAT_TOKENS * (messages.length + 1);
      const most = maxOutputTokens ?? defaultOutputTokens;
      const output = outputEstimate ? Math.min(most, outputEstimate.expected(`${ctx.provider}:${ctx.model}`)) : most;
      return { requests: 1, inputTokens: estimated(prompt), outputTokens: estimated(output) };
    }
    case 'embed': {
      const input = ctx.request.input;
      return { requests: 1, inputTokens: estimated(estimateTokens(typeof input === 'string' ? input : input.join('\n'))) };
    }
    case 'speak':
    case 'streamSpeak':
      return estimateSpeech(ctx.provider, ctx.model, ctx.request);
    case 'transcribe':
      return estimateTranscription(ctx.provider, ctx.model, ctx.request);
    default:
      return { requests: 1 };
  }
}
