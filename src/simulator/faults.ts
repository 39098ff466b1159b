import type { FaultAction, FaultMatch, FaultRule } from './types.js';

/** What a request is matched on. */
export interface FaultSubject {
  readonly provider: string;
  readonly operation: string;
  readonly path: string;
  readonly key: string | undefined;
  readonly model: string | undefined;
}

interface ActiveRule {
  readonly rule: FaultRule;
  remaining: number;
}

/** The scripted faults, first match wins; a rule with `times` retires after that many uses. */
export class FaultBook {
  private rules: ActiveRule[] = [];

  add(rule: FaultRule): () => void {
    const active: ActiveRule = { rule, remaining: rule.times ?? Number.POSITIVE_INFINITY };
    this.rules.push(active);
    return () => {
      this.rules = this.rules.filter((r) => r !== active);
    };
  }

  clear(): void {
    this.rules = [];
  }

  /** Finds the first matching rule and uses it up by one. */
  take(subject: FaultSubject): FaultAction | undefined {
    const hit = this.rules.find((r) => r.remaining > 0 && matchesRule(r.rule.match, subject));
    if (!hit) return undefined;
    hit.remaining -= 1;
    if (hit.remaining <= 0) this.rules = this.rules.filter((r) => r !== hit);
    return hit.rule.action;
  }
}

/** Whether a request matches a rule's `match` (absent: every request). */
export function matchesRule(m: FaultMatch | undefined, s: FaultSubject): boolean {
  if (!m) return true;
  if (m.provider !== undefined && m.provider !== s.provider) return false;
  if (m.operation !== undefined && m.operation !== s.operation) return false;
  if (m.key !== undefined && m.key !== s.key) return false;
  if (m.model !== undefined && m.model !== s.model) return false;
  if (typeof m.path === 'string' && m.path !== s.path) return false;
  if (m.path instanceof RegExp && !new RegExp(m.path.source, m.path.flags.replace('g', '')).test(s.path)) return false;
  return true;
}
