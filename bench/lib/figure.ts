/** A target from issue 7, applied to a figure's value or to its ratio to the control arm. */
export interface Target {
  readonly op: '>=' | '<=' | '<';
  readonly value: number;
  readonly on: 'value' | 'ratio';
}

/** One printed and recorded number. */
export interface Figure {
  readonly suite: string;
  readonly name: string;
  readonly value: number | undefined;
  readonly unit: string;
  /** The raw SDK or control arm's figure, in the same unit. */
  readonly control?: number | undefined;
  /** value / control. */
  readonly ratio?: number | undefined;
  readonly target?: Target;
  /** undefined: no target, or not measured. */
  readonly met?: boolean | undefined;
  readonly note?: string;
}

export type FigureInput = Omit<Figure, 'ratio' | 'met'>;

/** Fills in the ratio to the control and whether the target is met. */
export function figure(input: FigureInput): Figure {
  const ratio = input.value !== undefined && input.control !== undefined && input.control !== 0 ? input.value / input.control : undefined;
  const subject = input.target?.on === 'ratio' ? ratio : input.value;
  const met = input.target && subject !== undefined && Number.isFinite(subject) ? compare(subject, input.target) : undefined;
  return { ...input, ratio, met };
}

function compare(subject: number, target: Target): boolean {
  if (target.op === '>=') return subject >= target.value;
  if (target.op === '<=') return subject <= target.value;
  return subject < target.value;
}

export function describeTarget(target: Target | undefined, unit: string): string {
  if (!target) return '';
  return target.on === 'ratio' ? `ratio ${target.op} ${target.value}` : `${target.op} ${formatNumber(target.value)} ${unit}`;
}

export function formatNumber(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (abs >= 1e4) return `${(value / 1e3).toFixed(1)}k`;
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

export function mark(met: boolean | undefined): string {
  return met === undefined ? '' : met ? 'met' : 'MISSED';
}
