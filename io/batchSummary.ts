/**
 * `summary.json` of a batch: summary statistics (`describeSample`) of every run-level metric and of every sector's
 * costs and emissions, read back from the batch's own runs.arrow and sectors.arrow — so a batch, the same batch
 * resumed after an interruption and the merge of its shards have the same summary.
 */
import { describeSample, type SampleStatistics } from './describeSample.js';
import { readRunMetrics, readSectorMetrics } from './readMetricColumns.js';
import { RUNS_TABLE, SECTORS_TABLE, type ColumnDefinition } from './tables.js';

export const SUMMARY_FORMAT = 'ets-summary/1';

export interface MetricSummary extends SampleStatistics {
  unit: string;
}

export interface BatchSummary {
  format: typeof SUMMARY_FORMAT;
  runs: number;
  confidenceLevel: number;
  /** How the statistics are computed, in words. */
  method: string;
  metrics: Record<string, MetricSummary>;
  sectors: Record<string, Record<string, MetricSummary>>;
}

const METHOD = 'simple-statistics: mean, sample standard deviation (n − 1), quantiles by linear interpolation (R type 7); '
  + 'confidence interval of the mean = mean ± z·sd/√n (normal approximation); non-finite values excluded and counted.';

const unitOf = (column: ColumnDefinition, currency: string): string => column.unit.replace('currency', currency);

/** The run-level and sector metric columns summarised. */
export const SUMMARY_RUN_METRICS = RUNS_TABLE.columns.filter((c) => c.kind === 'float64');
export const SUMMARY_SECTOR_METRICS = SECTORS_TABLE.columns.filter((c) => c.kind === 'float64');

/** Summary of metric values per run (run-level metrics by name; sector metrics by sector, then name). */
export function summarizeMetrics(
  metrics: Readonly<Record<string, ArrayLike<number>>>,
  sectorMetrics: Readonly<Record<string, Readonly<Record<string, ArrayLike<number>>>>>,
  currency: string,
  confidenceLevel = 0.95,
): BatchSummary {
  const summary: BatchSummary = { format: SUMMARY_FORMAT, runs: 0, confidenceLevel, method: METHOD, metrics: {}, sectors: {} };
  for (const column of SUMMARY_RUN_METRICS) {
    const values = metrics[column.name];
    if (values === undefined) continue;
    summary.runs = values.length;
    summary.metrics[column.name] = { unit: unitOf(column, currency), ...describeSample(values, confidenceLevel) };
  }
  for (const [sector, byName] of Object.entries(sectorMetrics)) {
    const out: Record<string, MetricSummary> = {};
    for (const column of SUMMARY_SECTOR_METRICS) {
      const values = byName[column.name];
      if (values !== undefined) out[column.name] = { unit: unitOf(column, currency), ...describeSample(values, confidenceLevel) };
    }
    summary.sectors[sector] = out;
  }
  return summary;
}

/**
 * The summary of a finished output directory, from its runs.arrow (one pass) and sectors.arrow (one pass per
 * metric, so that memory stays at ~8 bytes × runs × sectors: ~32 MB for a million runs of 4 sectors).
 */
export async function batchSummary(directory: string, currency: string, confidenceLevel = 0.95): Promise<BatchSummary> {
  const runs = await readRunMetrics(directory);
  const summary = summarizeMetrics(runs.metrics, {}, currency, confidenceLevel);
  for (const column of SUMMARY_SECTOR_METRICS) {
    const { sectors, bySector } = await readSectorMetrics(directory, [column.name]);
    for (const sector of sectors) {
      (summary.sectors[sector] ??= {})[column.name] = { unit: unitOf(column, currency), ...describeSample(bySector[sector]!.metrics[column.name]!, confidenceLevel) };
    }
  }
  return summary;
}
