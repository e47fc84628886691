/**
 * The table `ets compare` prints: for each design and key metric, the base mean, the design mean and the mean paired
 * difference with its confidence interval, then the burden by sector.
 */
import type { SampleStatistics } from '../../io/describeSample.js';
import { formatTable } from '../formatTable.js';
import { formatInterval, formatStatistic } from './formatBatchSummary.js';

export interface ComparisonRow {
  design: string;
  metric: string;
  unit: string;
  baseMean: number | null;
  designMean: number | null;
  difference: SampleStatistics;
}

export function formatComparison(rows: readonly ComparisonRow[], title: string, confidenceLevel: number): string {
  const level = `${Math.round(confidenceLevel * 1000) / 10} %`;
  const columns = [
    { header: 'design' }, { header: 'metric' }, { header: 'unit' },
    { header: 'base mean', align: 'right' as const }, { header: 'design mean', align: 'right' as const },
    { header: 'difference', align: 'right' as const }, { header: `${level} CI`, align: 'right' as const },
  ];
  const cells = rows.map((row) => [row.design, row.metric, row.unit, formatStatistic(row.baseMean), formatStatistic(row.designMean),
    formatStatistic(row.difference.mean), formatInterval(row.difference.ciLow, row.difference.ciHigh)]);
  return `${title}\n${formatTable(columns, cells, '  ')}`;
}
