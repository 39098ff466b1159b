import { composeReply, seededWords, simulatedTokenCount } from '../tokens.js';
import { isThinkingModel } from './models.js';
import { promptText, type GenerateRequest, type WireFunctionDeclaration } from './request.js';

/** What the simulated model answers to a generate request. */
export interface ModelAnswer {
  /** Text pieces, one simulated token each (empty for a function call). */
  readonly pieces: readonly string[];
  readonly functionCall?: { readonly name: string; readonly args: Record<string, unknown> };
  /** Output tokens, thoughts excluded (`candidatesTokenCount`). */
  readonly candidatesTokens: number;
  /** Thinking tokens (`thoughtsTokenCount`), outside the candidates. */
  readonly thoughtsTokens: number;
  readonly finishReason: 'STOP' | 'MAX_TOKENS';
}

/**
 * The deterministic answer. Text: {@link composeReply} seeded by the prompt text, `replyWords` words and a full
 * stop. `maxOutputTokens` caps thoughts and candidates together, as the real API does: the model thinks first,
 * and the answer gets what is left (nothing, with `MAX_TOKENS`, when thinking used it all). Function call: when tools are declared, the
 * calling mode is not `NONE` and the last content is not a function response, the model calls the first
 * (allowed) function whose name the last message mentions, or with mode `ANY` the first allowed one; its args
 * get a seeded word per string property, 1 per number, true per boolean; it costs
 * `simulatedTokenCount(name + ' ' + JSON(args))` tokens. Thinking models ({@link isThinkingModel}) think twice the
 * tokens of the full, uncut answer, capped by `thinkingConfig.thinkingBudget` (0 turns thinking off) and by
 * `maxOutputTokens`.
 */
export function answer(request: GenerateRequest, model: string, replyWords: number): ModelAnswer {
  const seed = promptText(request);
  const called = chooseFunction(request);
  const max = request.generationConfig?.maxOutputTokens;
  if (called) {
    const args = functionArgs(called, seed);
    const tokens = simulatedTokenCount(`${called.name} ${JSON.stringify(args)}`);
    return { pieces: [], functionCall: { name: called.name, args }, candidatesTokens: tokens, thoughtsTokens: thoughts(request, model, tokens, max), finishReason: 'STOP' };
  }
  const thought = thoughts(request, model, replyWords + 1, max);
  const reply = composeReply(seed, replyWords, max === undefined ? undefined : max - thought);
  return {
    pieces: reply.pieces,
    candidatesTokens: reply.pieces.length,
    thoughtsTokens: thought,
    finishReason: reply.truncated ? 'MAX_TOKENS' : 'STOP',
  };
}

function thoughts(request: GenerateRequest, model: string, answerTokens: number, max: number | undefined): number {
  if (!isThinkingModel(model)) return 0;
  const budget = request.generationConfig?.thinkingConfig?.thinkingBudget;
  const wanted = 2 * answerTokens;
  const budgeted = budget !== undefined && budget >= 0 ? Math.min(wanted, budget) : wanted;
  return max === undefined ? budgeted : Math.min(budgeted, max);
}

function chooseFunction(request: GenerateRequest): WireFunctionDeclaration | undefined {
  const declared = request.tools?.flatMap((tool) => tool.functionDeclarations ?? []) ?? [];
  const config = request.toolConfig?.functionCallingConfig;
  const mode = config?.mode ?? 'AUTO';
  if (declared.length === 0 || mode === 'NONE') return undefined;
  const last = request.contents.at(-1);
  if (last?.parts?.some((part) => part.functionResponse)) return undefined;
  const names = config?.allowedFunctionNames;
  const allowed = names ? declared.filter((d) => names.includes(d.name)) : declared;
  const said = (last?.parts ?? []).map((part) => part.text ?? '').join(' ').toLowerCase();
  return allowed.find((d) => said.includes(d.name.toLowerCase())) ?? (mode === 'ANY' ? allowed[0] : undefined);
}

function functionArgs(declaration: WireFunctionDeclaration, seed: string): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  const properties = Object.entries(declaration.parameters?.properties ?? {});
  const words = seededWords(`${seed}:${declaration.name}`, properties.length);
  properties.forEach(([name, schema], i) => {
    const type = schema.type?.toLowerCase();
    if (type === 'string') args[name] = words[i];
    else if (type === 'number' || type === 'integer') args[name] = 1;
    else if (type === 'boolean') args[name] = true;
  });
  return args;
}
