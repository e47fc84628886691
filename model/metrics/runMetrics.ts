/** Run-level metrics from the per-period totals: discounted costs, cost efficiency against the least-cost benchmark. */
import type { RunMetrics, SchemePeriodResult } from '../engine/runResult.js';
import type { ResolvedScenario } from '../engine/resolveScenario.js';
import type { PeriodTotals } from '../engine/settlePeriod.js';
import { leastCostAbatement } from './leastCost.js';

export function runMetrics(scenario: ResolvedScenario, schemeRows: readonly SchemePeriodResult[], periods: readonly PeriodTotals[]): RunMetrics {
  const N = scenario.firms.length;
  let discountedAbatementCost = 0;
  let discountedComplianceCost = 0;
  let totalEmissions = 0;
  let totalAbatement = 0;
  let compliant = 0;
  let firmPeriods = 0;
  let totalBaseline = 0;
  const baselines = new Float64Array(scenario.periodCount * N);
  periods.forEach((totals, period) => {
    const discount = 1 / (1 + scenario.discountRate) ** period;
    discountedAbatementCost += discount * totals.abatementCost;
    discountedComplianceCost += discount * totals.complianceCost;
    totalEmissions += totals.emissions;
    totalAbatement += totals.abatement;
    compliant += totals.compliantFirms;
    firmPeriods += totals.firms;
    baselines.set(totals.baselines, period * N);
    for (const b of totals.baselines) totalBaseline += b;
  });
  let auctionRevenue = 0;
  let priceSum = 0;
  for (const row of schemeRows) {
    auctionRevenue += row.auctionRevenue + row.reserveRevenue;
    priceSum += row.price;
  }
  const leastCost = leastCostAbatement(scenario, { baselines, targetEmissions: totalEmissions }).cost;
  return {
    discountedAbatementCost,
    discountedComplianceCost,
    leastCostAbatementCost: leastCost,
    // With (almost) no abatement both costs are rounding noise and their ratio means nothing.
    costEfficiencyRatio: leastCost > 0 && totalAbatement > 1e-9 * totalBaseline ? discountedAbatementCost / leastCost : Number.NaN,
    totalEmissions,
    totalAbatement,
    auctionRevenue,
    meanPrice: schemeRows.length > 0 ? priceSum / schemeRows.length : Number.NaN,
    complianceRate: firmPeriods > 0 ? compliant / firmPeriods : Number.NaN,
  };
}
