/**
 * Lognormal distribution: X = exp(Y) with Y ~ N(meanlog, sdlog²) (R's `dlnorm` parameters). Mean
 * exp(meanlog + sdlog²/2), median exp(meanlog). A multiplier with median 1 has meanlog 0.
 *
 * @example new Lognormal(0, 0.2).quantile(0.5) // 1
 */
import { DistributionError, type Distribution } from './distribution.js';
import { inverseStandardNormal } from './inverseStandardNormal.js';

export class Lognormal implements Distribution {
  readonly label: string;

  constructor(readonly meanlog: number, readonly sdlog: number) {
    if (!Number.isFinite(meanlog)) throw new DistributionError(`lognormal: meanlog must be a finite number, got ${meanlog}`);
    if (!(sdlog >= 0) || !Number.isFinite(sdlog)) throw new DistributionError(`lognormal: sdlog must be a finite number ≥ 0, got ${sdlog}`);
    this.label = `lognormal(${meanlog}, ${sdlog})`;
  }

  quantile(probability: number): number {
    return Math.exp(this.sdlog === 0 ? this.meanlog : this.meanlog + this.sdlog * inverseStandardNormal(probability));
  }
}
