/**
 * Paired differences of a run-level metric between two designs of a comparison. Runs are matched by (seed, run) —
 * run r of seed s draws the same uncertain inputs in every design — and the run-by-run differences design − base
 * are summarised by io/pairedDifferences.ts, as `ets compare` does: mean, quantiles and the normal-approximation
 * interval mean ± z·sd/√n.
 *
 * @example pairedMetricDifference(base.runs, tighter.runs, 'meanPrice') // { n: 200, mean: 2.1, ciLow: 1.9, … }
 */
import { pairedDifferences, PairingError } from '../io/pairedDifferences.js';
import type { SampleStatistics } from '../io/describeSample.js';
import type { RunMetric } from './metricLabels.js';
import type { RunRow } from './outputData.js';

export interface PairedDifference extends SampleStatistics {
  metric: RunMetric;
  /** Mean of the metric in the baseline over the runs where both values are finite. */
  baseMean: number | null;
  /** Mean of the metric in the design over the same runs. */
  designMean: number | null;
  /** Share of those runs (0–1) in which the design's value is below the baseline's. */
  shareLower: number | null;
}

const runKey = (row: RunRow): string => `${row.seed}:${row.run}`;

/**
 * The run-by-run differences design − base of `metric`, summarised. A run present in only one of them is an error
 * (the outputs do not come from one comparison).
 */
export function pairedMetricDifference(base: readonly RunRow[], design: readonly RunRow[], metric: RunMetric, confidenceLevel = 0.95): PairedDifference {
  const byRun = new Map(base.map((row) => [runKey(row), row]));
  if (byRun.size !== design.length) throw new PairingError(`cannot pair runs: the baseline has ${byRun.size} runs, the design ${design.length}`);
  const baseValues = new Float64Array(design.length);
  const designValues = new Float64Array(design.length);
  design.forEach((row, k) => {
    const other = byRun.get(runKey(row));
    if (other === undefined) throw new PairingError(`cannot pair runs: run ${row.run} of seed ${row.seed} is not in the baseline`);
    baseValues[k] = other[metric];
    designValues[k] = row[metric];
  });
  let both = 0;
  let lower = 0;
  let baseSum = 0;
  let designSum = 0;
  for (let k = 0; k < design.length; k++) {
    if (!Number.isFinite(baseValues[k]!) || !Number.isFinite(designValues[k]!)) continue;
    both++;
    baseSum += baseValues[k]!;
    designSum += designValues[k]!;
    if (designValues[k]! < baseValues[k]!) lower++;
  }
  return {
    metric,
    ...pairedDifferences(baseValues, designValues, confidenceLevel),
    baseMean: both === 0 ? null : baseSum / both,
    designMean: both === 0 ? null : designSum / both,
    shareLower: both === 0 ? null : lower / both,
  };
}
