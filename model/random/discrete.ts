/**
 * Discrete distribution: `values[k]` with probability `weights[k] / Σ weights`. Inversion: the first value whose
 * cumulative probability exceeds u (values keep the order given; sort them for a monotone coupling between designs).
 *
 * @example new Discrete([0, 10], [3, 1]).quantile(0.7) // 0  (P(0) = 0.75)
 */
import { DistributionError, type Distribution } from './distribution.js';

export class Discrete implements Distribution {
  readonly label: string;
  readonly values: readonly number[];
  /** Cumulative probabilities; the last is exactly 1. */
  private readonly cumulative: Float64Array;

  constructor(values: readonly number[], weights?: readonly number[]) {
    if (values.length === 0) throw new DistributionError('discrete: needs at least one value');
    if (!values.every(Number.isFinite)) throw new DistributionError('discrete: every value must be a finite number');
    const w = weights ?? values.map(() => 1);
    if (w.length !== values.length) throw new DistributionError(`discrete: ${values.length} values but ${w.length} weights`);
    if (!w.every((x) => x >= 0 && Number.isFinite(x))) throw new DistributionError('discrete: every weight must be a finite number ≥ 0');
    let total = 0;
    for (const x of w) total += x;
    if (!(total > 0)) throw new DistributionError('discrete: the weights must not all be 0');
    this.values = [...values];
    this.cumulative = new Float64Array(values.length);
    let running = 0;
    for (let k = 0; k < values.length; k++) {
      running += w[k]!;
      this.cumulative[k] = running / total;
    }
    this.cumulative[values.length - 1] = 1;
    this.label = `discrete(${values.length} values)`;
  }

  quantile(probability: number): number {
    // Binary search for the first k with cumulative[k] > probability.
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.cumulative[middle]! > probability) high = middle;
      else low = middle + 1;
    }
    return this.values[low]!;
  }
}
