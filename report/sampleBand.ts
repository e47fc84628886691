/**
 * The spread of a quantity over the runs of a batch: the median and the 5 % and 95 % quantiles (linear
 * interpolation, R type 7, as in summary.json) and the mean. Non-finite values are left out.
 *
 * @example sampleBand([1, 2, 3, 4, 5]) // { n: 5, mean: 3, q05: 1.2, q50: 3, q95: 4.8 }
 */
import { quantileSorted } from 'simple-statistics';

export interface SampleBand {
  n: number;
  mean: number;
  q05: number;
  q50: number;
  q95: number;
}

export function sampleBand(values: readonly number[]): SampleBand | null {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return null;
  finite.sort((a, b) => a - b);
  let sum = 0;
  for (const value of finite) sum += value;
  return {
    n: finite.length,
    mean: sum / finite.length,
    q05: quantileSorted(finite, 0.05),
    q50: quantileSorted(finite, 0.5),
    q95: quantileSorted(finite, 0.95),
  };
}

/** Rows grouped by a key, in order of first appearance. */
export function groupBy<Row>(rows: readonly Row[], key: (row: Row) => string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const k = key(row);
    let group = groups.get(k);
    if (group === undefined) groups.set(k, (group = []));
    group.push(row);
  }
  return groups;
}
