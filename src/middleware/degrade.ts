import type { ProviderAdapter } from '../adapter.js';
import type { Middleware } from '../compose.js';
import { callInfo, type CallContext } from '../context.js';
import { ConfigError } from '../errors/config-error.js';
import type { DegradeTarget } from '../degrade-details.js';
import type { Limiter } from '../limits/limiter.js';
import { degradeRules, ruleOperations, type DegradeRule } from '../limits/policy/degrade-rule.js';
import type { LimitPolicy } from '../limits/policy/limit-policy.js';
import { parseModelRef } from '../model-ref.js';
import type { Operation } from '../operations/operation.js';

/**
 * Options of {@link degrade}.
 *
 * @example
 * ```ts
 * const options: DegradeOptions = { limiter, providers: { openai: openai() } };
 * ```
 */
export interface DegradeOptions {
  /** The limiter whose policies carry `degrade` rules, and whose counters are read. */
  readonly limiter: Limiter;
  /** The client's adapters: a rule's `to` must name one that supports the operations the rule applies to. */
  readonly providers: Readonly<Record<string, ProviderAdapter>>;
  /** Prefix of the field names in config errors. @default 'limits.policies' */
  readonly field?: string;
}

/** One rule with its policy and its target, resolved once. */
interface Candidate {
  readonly policy: string;
  readonly rule: DegradeRule;
  readonly target: { readonly provider: string; readonly model: string } | undefined;
  /** Undefined: the policy's scope decides, and the target provider must support the call's operation. */
  readonly operations: readonly Operation[] | undefined;
}

/**
 * Budget-aware degradation (the policies' `degrade` rules). Before the key is resolved, reads the spent share
 * (settled plus reserved) of every policy applying to the call; if a rule of one of them is due (`share ≥ at`), the
 * call goes to the rule's cheaper model, voice or shorter `maxOutputTokens`, and a `degraded` event says what
 * changed and why. Every due rule applies (a cheaper model at 0.8, then a shorter reply at 0.95 too), each with
 * its own event, from the least spent policy's lowest rule up: where two set the same field, the most spent wins.
 * The key, the limits' reservation and the usage event all follow the degraded call. A policy split `per: ['key']`
 * is read without the key (not yet resolved). Throws {@link ConfigError} when a rule's `to` names a provider that
 * is not registered or that lacks an operation the rule lists.
 *
 * @example
 * ```ts
 * const ai = createAIClient({
 *   providers: { openai: openai() },
 *   limits: { policies: [{ name: 'usd', unit: 'usd', limit: 5, window: 'month', degrade: { at: 0.8, operation: 'chat', to: 'openai:gpt-4o-mini' } }] },
 * }); // degrade() joins the chain when a policy has a rule
 * ```
 */
export function degrade(options: DegradeOptions): Middleware {
  const candidates = resolveCandidates(options.limiter.policies, options.providers, options.field ?? 'limits.policies');
  const { limiter, providers } = options;
  return async (ctx, next) => {
    const mine = candidates.filter((c) => applies(c, ctx.operation, providers));
    if (mine.length === 0) return next();
    const subject = { provider: ctx.provider, model: ctx.model, operation: ctx.operation, tags: ctx.tags };
    const due: { candidate: Candidate; share: number; scope: string }[] = [];
    for (const h of await limiter.headroom(subject)) {
      const share = h.limit > 0 ? h.used / h.limit : 0;
      for (const candidate of mine) if (candidate.policy === h.policy && share >= candidate.rule.at) due.push({ candidate, share, scope: h.scope });
    }
    // The least spent first: where two rules set the same field, the most spent policy's highest rule wins.
    due.sort((a, b) => a.share - b.share || a.candidate.rule.at - b.candidate.rule.at);
    for (const d of due) apply(ctx, d.candidate, d.share, d.scope);
    return next();
  };
}

/** Whether any policy has a degradation rule (the client adds {@link degrade} only then). */
export function hasDegradeRules(policies: readonly LimitPolicy[]): boolean {
  return policies.some((p) => p.degrade !== undefined);
}

function resolveCandidates(policies: readonly LimitPolicy[], providers: DegradeOptions['providers'], field: string): Candidate[] {
  return policies.flatMap((policy, i) => degradeRules(policy.degrade).map((rule, j) => {
    const at = Array.isArray(policy.degrade) ? `${field}[${i}].degrade[${j}]` : `${field}[${i}].degrade`;
    const scoped = policy.scope?.operation;
    const operations = ruleOperations(rule) ?? (scoped === undefined ? undefined : typeof scoped === 'string' ? [scoped] : scoped);
    const target = rule.to === undefined ? undefined : parseModelRef(rule.to, `${at}.to`);
    if (target) {
      const adapter = providers[target.provider];
      if (!adapter) throw new ConfigError(`${at}.to`, `unknown provider "${target.provider}"; registered: ${Object.keys(providers).join(', ')}`);
      const missing = operations?.find((o) => typeof adapter[o] !== 'function');
      if (missing) throw new ConfigError(`${at}.to`, `provider "${target.provider}" does not support ${missing}; list the rule's operations`);
    }
    return { policy: policy.name, rule, target, operations };
  }));
}

function applies(c: Candidate, operation: Operation, providers: DegradeOptions['providers']): boolean {
  if (c.operations) return c.operations.includes(operation);
  return !c.target || typeof providers[c.target.provider]?.[operation] === 'function';
}

type Mutable = { -readonly [K in 'provider' | 'model']: string } & { request: Record<string, unknown> };

/** Replaces the call's provider, model and request fields per the rule, and emits `degraded` if anything changed. */
function apply(ctx: CallContext, { policy, rule, target }: Candidate, share: number, scope: string): void {
  const from = targetOf(ctx);
  const info = callInfo(ctx);
  const request: Record<string, unknown> = { ...(ctx.request as unknown as Record<string, unknown>) };
  if (target) request.model = rule.to;
  if (rule.voice !== undefined && (ctx.operation === 'speak' || ctx.operation === 'streamSpeak')) request.voice = rule.voice;
  if (rule.maxOutputTokens !== undefined && (ctx.operation === 'chat' || ctx.operation === 'streamChat')) {
    const asked = request.maxOutputTokens as number | undefined;
    request.maxOutputTokens = asked === undefined ? rule.maxOutputTokens : Math.min(asked, rule.maxOutputTokens);
  }
  const mutable = ctx as unknown as Mutable;
  if (target) {
    mutable.provider = target.provider;
    mutable.model = target.model;
  }
  mutable.request = request;
  const to = targetOf(ctx);
  if (JSON.stringify(from) === JSON.stringify(to)) return;
  ctx.emit('degraded', { ...info, from, to, policy, scope, share, at: rule.at });
}

function targetOf(ctx: CallContext): DegradeTarget {
  const target: { -readonly [K in keyof DegradeTarget]: DegradeTarget[K] } = { provider: ctx.provider, model: ctx.model };
  if (ctx.operation === 'speak' || ctx.operation === 'streamSpeak') target.voice = ctx.request.voice;
  if ((ctx.operation === 'chat' || ctx.operation === 'streamChat') && ctx.request.maxOutputTokens !== undefined) target.maxOutputTokens = ctx.request.maxOutputTokens;
  return target;
}
