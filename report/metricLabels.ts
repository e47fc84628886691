/**
 * Reader-facing names and units of the run-level metrics (runs.arrow), from the output contract in io/tables.ts.
 */
import { RUNS_TABLE } from '../io/tables.js';

export type RunMetric =
  | 'discountedAbatementCost' | 'discountedComplianceCost' | 'leastCostAbatementCost' | 'costEfficiencyRatio'
  | 'totalEmissions' | 'totalAbatement' | 'auctionRevenue' | 'meanPrice' | 'complianceRate';

const NAMES: Record<RunMetric, string> = {
  discountedAbatementCost: 'Total abatement cost (discounted)',
  discountedComplianceCost: 'Total compliance cost (discounted)',
  leastCostAbatementCost: 'Least-cost abatement cost (discounted)',
  costEfficiencyRatio: 'Cost-efficiency ratio (1 = least cost)',
  totalEmissions: 'Total covered emissions',
  totalAbatement: 'Total abatement',
  auctionRevenue: 'Auction and reserve revenue',
  meanPrice: 'Average allowance price',
  complianceRate: 'Compliance rate (share of firm-periods)',
};

/** The metrics a summary shows, in order. */
export const SUMMARY_METRICS: readonly RunMetric[] = [
  'meanPrice', 'discountedAbatementCost', 'discountedComplianceCost', 'costEfficiencyRatio',
  'totalEmissions', 'totalAbatement', 'auctionRevenue', 'complianceRate',
];

export function metricName(metric: RunMetric): string {
  return NAMES[metric];
}

/** The metric's unit with `currency` filled in ('JPY/t', 't', 'ratio', 'share'). */
export function metricUnit(metric: RunMetric, currency: string): string {
  const column = RUNS_TABLE.columns.find((c) => c.name === metric);
  if (column === undefined) throw new RangeError(`runs.arrow has no metric "${metric}"`);
  return column.unit.replace('currency', currency);
}
