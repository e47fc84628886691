/**
 * A distribution censored at bounds: draws below `min` become `min`, above `max` become `max` (so a normal shock
 * can be kept inside the range a scenario allows). Censoring keeps one uniform per draw and the monotone coupling.
 *
 * @example new Clamped(new Normal(0, 1), -1, 1).quantile(0.999) // 1
 */
import { DistributionError, type Distribution } from './distribution.js';

export class Clamped implements Distribution {
  readonly label: string;

  constructor(readonly inner: Distribution, readonly min: number, readonly max: number) {
    if (Number.isNaN(min) || Number.isNaN(max) || min > max) throw new DistributionError(`bounds: min (${min}) must be ≤ max (${max})`);
    this.label = `${inner.label} within [${min}, ${max}]`;
  }

  quantile(probability: number): number {
    return Math.min(this.max, Math.max(this.min, this.inner.quantile(probability)));
  }
}
