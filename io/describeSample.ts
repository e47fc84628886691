/**
 * Summary statistics of one metric over the runs of a batch, computed with simple-statistics: mean (compensated
 * sum), sample standard deviation (n − 1), the 5/50/95 % quantiles (linear interpolation between order statistics,
 * R's type 7 / numpy's default), and the confidence interval of the mean, mean ± z·sd/√n with z the standard normal
 * quantile (a normal approximation, good for the hundreds or thousands of runs of a batch; for n < 30 read it as
 * indicative). Non-finite values (e.g. a cost-efficiency ratio that is NaN when no abatement is needed) are left out
 * and counted in `excluded`.
 *
 * @example describeSample([1, 2, 3, 4]) // { n: 4, mean: 2.5, sd: 1.29…, q50: 2.5, … }
 */
import { mean, quantileSorted, sampleStandardDeviation } from 'simple-statistics';
import { inverseStandardNormal } from '../model/random/inverseStandardNormal.js';

export interface SampleStatistics {
  /** Finite values summarised. */
  n: number;
  /** Non-finite values left out. */
  excluded: number;
  /** Null when n = 0 (and sd, ciLow, ciHigh when n < 2): JSON has no NaN. */
  mean: number | null;
  sd: number | null;
  q05: number | null;
  q50: number | null;
  q95: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

export function describeSample(values: ArrayLike<number>, confidence = 0.95): SampleStatistics {
  // Finite values, sorted, in one typed array (8 bytes per value; simple-statistics only indexes its input).
  let n = 0;
  for (let k = 0; k < values.length; k++) if (Number.isFinite(values[k])) n += 1;
  const excluded = values.length - n;
  if (n === 0) return { n, excluded, mean: null, sd: null, q05: null, q50: null, q95: null, ciLow: null, ciHigh: null };
  const sorted = new Float64Array(n);
  let at = 0;
  for (let k = 0; k < values.length; k++) if (Number.isFinite(values[k])) sorted[at++] = values[k]!;
  sorted.sort();
  const sample = sorted as unknown as number[];
  const average = mean(sample);
  const sd = n >= 2 ? sampleStandardDeviation(sample) : null;
  const halfWidth = sd === null ? null : inverseStandardNormal(0.5 + confidence / 2) * sd / Math.sqrt(n);
  return {
    n, excluded, mean: average, sd,
    q05: quantileSorted(sample, 0.05),
    q50: quantileSorted(sample, 0.5),
    q95: quantileSorted(sample, 0.95),
    ciLow: halfWidth === null ? null : average - halfWidth,
    ciHigh: halfWidth === null ? null : average + halfWidth,
  };
}
