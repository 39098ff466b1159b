import type { ScaleBand, ScaleLinear } from 'd3-scale';
import type { Arc, DefaultArcObject, Stack } from 'd3-shape';

/**
 * The parts of d3 the HTML report draws its SVG with, in Node at report time.
 *
 * @example
 * ```ts
 * const { scaleLinear } = await loadD3();
 * const y = scaleLinear().domain([0, 10]).range([200, 0]).nice();
 * ```
 */
export interface D3 {
  readonly scaleLinear: () => ScaleLinear<number, number>;
  readonly scaleBand: () => ScaleBand<string>;
  readonly stack: <Datum>() => Stack<unknown, Datum, number>;
  readonly arc: () => Arc<unknown, DefaultArcObject>;
}

let loading: Promise<D3> | undefined;

/**
 * Loads d3-scale and d3-shape on first use: they are dependencies, but only an HTML report needs them, so
 * `import 'aimeter'` and the other report formats never pay for them.
 *
 * @example
 * ```ts
 * const d3 = await loadD3();
 * ```
 */
export function loadD3(): Promise<D3> {
  loading ??= Promise.all([import('d3-scale'), import('d3-shape')]).then(([scale, shape]) => ({
    scaleLinear: () => scale.scaleLinear(),
    scaleBand: () => scale.scaleBand<string>(),
    stack: <Datum>() => shape.stack<Datum, number>(),
    arc: () => shape.arc(),
  }));
  return loading;
}
