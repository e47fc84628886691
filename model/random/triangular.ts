/**
 * Triangular distribution on [min, max] with its peak at `mode`: mean (min + mode + max)/3, variance
 * (a² + b² + c² − ab − ac − bc)/18. Inverse CDF: F(mode) = (mode − min)/(max − min) =: f;
 * x = min + √(u (max − min)(mode − min)) for u < f, else max − √((1 − u)(max − min)(max − mode)).
 *
 * @example new Triangular(0, 1, 2).quantile(0.5) // 1
 */
import { DistributionError, type Distribution } from './distribution.js';

export class Triangular implements Distribution {
  readonly label: string;
  private readonly peakProbability: number;

  constructor(readonly min: number, readonly mode: number, readonly max: number) {
    if (![min, mode, max].every(Number.isFinite)) throw new DistributionError(`triangular: min, mode and max must be finite numbers, got ${min}, ${mode}, ${max}`);
    if (!(min <= mode && mode <= max)) throw new DistributionError(`triangular: needs min ≤ mode ≤ max, got ${min}, ${mode}, ${max}`);
    this.label = `triangular(${min}, ${mode}, ${max})`;
    this.peakProbability = max > min ? (mode - min) / (max - min) : 0;
  }

  quantile(probability: number): number {
    const { min, mode, max } = this;
    if (max === min) return min;
    if (probability < this.peakProbability) return min + Math.sqrt(probability * (max - min) * (mode - min));
    return max - Math.sqrt((1 - probability) * (max - min) * (max - mode));
  }
}
