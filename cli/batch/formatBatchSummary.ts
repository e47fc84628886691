/**
 * The human summary of a batch: one row per run-level metric (mean, sd, 5/50/95 % quantiles and the confidence
 * interval of the mean), then each sector's burden. Numbers are en-US formatted so output does not depend on the
 * machine's locale.
 */
import type { BatchSummary, MetricSummary } from '../../io/batchSummary.js';
import { formatTable } from '../formatTable.js';

/** 4 significant digits below 10,000, whole numbers with separators above. */
export function formatStatistic(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 10_000) return Math.round(value).toLocaleString('en-US');
  if (value === 0) return '0';
  return Number(value.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

export function formatInterval(low: number | null, high: number | null): string {
  return low === null || high === null ? 'n/a' : `[${formatStatistic(low)}, ${formatStatistic(high)}]`;
}

function row(name: string, metric: MetricSummary): string[] {
  return [name, metric.unit, formatStatistic(metric.mean), formatStatistic(metric.sd), formatStatistic(metric.q05), formatStatistic(metric.q50), formatStatistic(metric.q95), formatInterval(metric.ciLow, metric.ciHigh)];
}

export function formatBatchSummary(summary: BatchSummary, title: string): string {
  const level = `${Math.round(summary.confidenceLevel * 1000) / 10} %`;
  const columns = [
    { header: 'metric' }, { header: 'unit' }, { header: 'mean', align: 'right' as const }, { header: 'sd', align: 'right' as const },
    { header: '5 %', align: 'right' as const }, { header: '50 %', align: 'right' as const }, { header: '95 %', align: 'right' as const },
    { header: `${level} CI of mean`, align: 'right' as const },
  ];
  let text = `${title}: ${summary.runs.toLocaleString('en-US')} runs\n`;
  text += formatTable(columns, Object.entries(summary.metrics).map(([name, metric]) => row(name, metric)), '  ');
  const sectors = Object.entries(summary.sectors);
  if (sectors.length > 0) {
    text += '\nBurden by sector (discountedTotalCost: abatement + credits + penalties + net allowance payments)\n';
    text += formatTable(columns.map((c, k) => (k === 0 ? { header: 'sector' } : c)), sectors.map(([sector, metrics]) => row(sector, metrics.discountedTotalCost!)), '  ');
  }
  const excluded = Object.entries(summary.metrics).filter(([, m]) => m.excluded > 0);
  if (excluded.length > 0) text += `\nNot finite in some runs and left out: ${excluded.map(([name, m]) => `${name} (${m.excluded})`).join(', ')}\n`;
  return text;
}
