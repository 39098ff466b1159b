import { assertKnownKeys } from '../../config/known-keys.js';
import { ConfigError } from '../../errors/config-error.js';
import { parseModelRef } from '../../model-ref.js';
import { OPERATIONS, type Operation } from '../../operations/operation.js';

/**
 * A budget-aware degradation: once a policy's counter is `at` spent, calls it applies to go to a cheaper model
 * (`to`), a cheaper voice (speech) or a shorter `maxOutputTokens` (chat). "Spent" is what the counter holds:
 * settled amounts plus the reservations of calls in flight, so concurrent calls cannot all pass before the
 * switch. The degraded request is what the limits then reserve for, so the policy's own action still keeps the
 * budget from being exceeded.
 *
 * @example
 * ```ts
 * const budget: LimitPolicy = {
 *   name: 'customer-usd', unit: 'usd', limit: 20, window: 'month', action: 'reject', scope: { per: ['tag:customer'] },
 *   degrade: [
 *     { at: 0.8, operation: ['chat', 'streamChat'], to: 'openai:gpt-4o-mini' },
 *     { at: 0.8, operation: ['speak', 'streamSpeak'], to: 'openai:tts-1', voice: 'alloy' },
 *     { at: 0.95, operation: 'chat', maxOutputTokens: 200 },
 *   ],
 * };
 * ```
 */
export interface DegradeRule {
  /** The share of the policy's limit, in (0, 1], from which the rule applies. */
  readonly at: number;
  /**
   * The operations the rule applies to (`chat` does not imply `streamChat`: list both).
   * @default the operations of the policy's scope, else every operation the target provider supports
   */
  readonly operation?: Operation | readonly Operation[];
  /** The cheaper model, as `provider:model`; its provider must be registered with the client. @default the call's model */
  readonly to?: `${string}:${string}`;
  /** The voice a degraded `speak`/`streamSpeak` uses (ignored by other operations). @default the request's voice */
  readonly voice?: string;
  /** The most output tokens a degraded `chat`/`streamChat` may ask for (ignored by other operations). @default the request's */
  readonly maxOutputTokens?: number;
}

const RULE_FIELDS = ['at', 'operation', 'to', 'voice', 'maxOutputTokens'];
const CHAT: readonly Operation[] = ['chat', 'streamChat'];
const SPEECH: readonly Operation[] = ['speak', 'streamSpeak'];

/**
 * The rules of a policy's `degrade` option as an array (one rule or several).
 *
 * @example
 * ```ts
 * degradeRules({ at: 0.8, to: 'openai:gpt-4o-mini' }); // [{ at: 0.8, to: 'openai:gpt-4o-mini' }]
 * ```
 */
export function degradeRules(degrade: DegradeRule | readonly DegradeRule[] | undefined): readonly DegradeRule[] {
  if (degrade === undefined) return [];
  return Array.isArray(degrade) ? (degrade as readonly DegradeRule[]) : [degrade as DegradeRule];
}

/**
 * The operations a rule lists, or undefined when it lists none (then the policy's scope decides).
 *
 * @example
 * ```ts
 * ruleOperations({ at: 0.8, operation: 'chat', to: 'openai:gpt-4o-mini' }); // ['chat']
 * ```
 */
export function ruleOperations(rule: DegradeRule): readonly Operation[] | undefined {
  const { operation } = rule;
  if (operation === undefined) return undefined;
  return typeof operation === 'string' ? [operation] : operation;
}

/**
 * Throws {@link ConfigError} naming the field (e.g. `limits.policies[0].degrade[1].at`) unless `degrade` is one
 * {@link DegradeRule} or an array of them. Whether `to`'s provider is registered is checked by the client.
 *
 * @example
 * ```ts
 * validateDegrade({ at: 0.8, to: 'openai:gpt-4o-mini' }, 'usd', 'limits.policies[0].degrade');
 * ```
 */
export function validateDegrade(degrade: unknown, unit: string, field: string): void {
  if (degrade === undefined) return;
  if (unit === 'concurrent') throw new ConfigError(field, 'a concurrent limit has no spent share to degrade at');
  const rules: unknown[] = Array.isArray(degrade) ? degrade : [degrade];
  if (rules.length === 0) throw new ConfigError(field, 'expected a rule { at, to | voice | maxOutputTokens } or an array of them');
  rules.forEach((rule, i) => validateRule(rule, Array.isArray(degrade) ? `${field}[${i}]` : field));
}

function validateRule(rule: unknown, field: string): void {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) throw new ConfigError(field, 'expected a rule { at, to | voice | maxOutputTokens }');
  assertKnownKeys(rule, RULE_FIELDS, field);
  const r = rule as Record<string, unknown>;
  if (typeof r.at !== 'number' || !(r.at > 0 && r.at <= 1)) throw new ConfigError(`${field}.at`, 'expected a share of the limit in (0, 1], e.g. 0.8');
  if (r.to === undefined && r.voice === undefined && r.maxOutputTokens === undefined) {
    throw new ConfigError(field, 'expected what changes: a cheaper model (to), a voice, or maxOutputTokens');
  }
  const operations = validOperations(r.operation, `${field}.operation`);
  if (r.to !== undefined) {
    if (typeof r.to !== 'string') throw new ConfigError(`${field}.to`, 'expected a model address "provider:model", e.g. "openai:gpt-4o-mini"');
    parseModelRef(r.to, `${field}.to`);
  }
  if (r.voice !== undefined) {
    if (typeof r.voice !== 'string' || r.voice === '') throw new ConfigError(`${field}.voice`, 'expected a voice id');
    if (operations && !operations.some((o) => SPEECH.includes(o))) throw new ConfigError(`${field}.voice`, 'a voice applies to speak or streamSpeak, which the rule does not list');
  }
  if (r.maxOutputTokens !== undefined) {
    if (!Number.isInteger(r.maxOutputTokens) || (r.maxOutputTokens as number) < 1) throw new ConfigError(`${field}.maxOutputTokens`, 'expected a positive integer');
    if (operations && !operations.some((o) => CHAT.includes(o))) throw new ConfigError(`${field}.maxOutputTokens`, 'maxOutputTokens applies to chat or streamChat, which the rule does not list');
  }
}

function validOperations(value: unknown, field: string): readonly Operation[] | undefined {
  if (value === undefined) return undefined;
  const list: unknown[] = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new ConfigError(field, 'expected one or more operations; an empty array would match no call');
  list.forEach((o, i) => {
    if (!OPERATIONS.includes(o as Operation)) throw new ConfigError(Array.isArray(value) ? `${field}[${i}]` : field, `expected one of ${OPERATIONS.join(', ')}`);
  });
  return list as Operation[];
}
