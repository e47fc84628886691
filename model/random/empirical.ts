/**
 * Empirical distribution of observed samples: each sample equally likely (bootstrap resampling). Samples are
 * sorted, so the draw is monotone in the uniform (common random numbers couple designs).
 *
 * @example new Empirical([3, 1, 2]).quantile(0.1) // 1
 */
import { Discrete } from './discrete.js';
import { DistributionError, type Distribution } from './distribution.js';

export class Empirical implements Distribution {
  readonly label: string;
  private readonly discrete: Discrete;

  constructor(samples: readonly number[]) {
    if (samples.length === 0) throw new DistributionError('empirical: needs at least one sample');
    if (!samples.every(Number.isFinite)) throw new DistributionError('empirical: every sample must be a finite number');
    this.discrete = new Discrete([...samples].sort((a, b) => a - b));
    this.label = `empirical(${samples.length} samples)`;
  }

  quantile(probability: number): number {
    return this.discrete.quantile(probability);
  }
}
