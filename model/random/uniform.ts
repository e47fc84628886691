/**
 * Continuous uniform distribution on [min, max]: mean (min + max)/2, variance (max − min)²/12.
 *
 * @example new Uniform(2, 4).quantile(0.25) // 2.5
 */
import { DistributionError, type Distribution } from './distribution.js';

export class Uniform implements Distribution {
  readonly label: string;

  constructor(readonly min: number, readonly max: number) {
    if (!Number.isFinite(min) || !Number.isFinite(max)) throw new DistributionError(`uniform: min and max must be finite numbers, got ${min} and ${max}`);
    if (min > max) throw new DistributionError(`uniform: min (${min}) must be ≤ max (${max})`);
    this.label = `uniform(${min}, ${max})`;
  }

  quantile(probability: number): number {
    return this.min + (this.max - this.min) * probability;
  }
}
