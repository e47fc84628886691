/**
 * Normal distribution N(mean, sd²), sampled by inversion with `inverseStandardNormal`.
 *
 * @example new Normal(0, 0.05).quantile(0.975) // 0.0979981992270027 (= 0.05 × 1.959963984540054)
 */
import { DistributionError, type Distribution } from './distribution.js';
import { inverseStandardNormal } from './inverseStandardNormal.js';

export class Normal implements Distribution {
  readonly label: string;

  /** @param mean mean, in the unit of the quantity drawn; @param sd standard deviation ≥ 0, same unit. */
  constructor(readonly mean: number, readonly sd: number) {
    if (!Number.isFinite(mean)) throw new DistributionError(`normal: mean must be a finite number, got ${mean}`);
    if (!(sd >= 0) || !Number.isFinite(sd)) throw new DistributionError(`normal: sd must be a finite number ≥ 0, got ${sd}`);
    this.label = `normal(${mean}, ${sd})`;
  }

  quantile(probability: number): number {
    return this.sd === 0 ? this.mean : this.mean + this.sd * inverseStandardNormal(probability);
  }
}
