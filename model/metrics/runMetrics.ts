/** Run-level metrics from the result rows: discounted costs, cost efficiency against the least-cost benchmark. */
import type { FirmPeriodResult, RunMetrics, SchemePeriodResult } from '../engine/runResult.js';
import type { ResolvedScenario } from '../engine/resolveScenario.js';
import { leastCostAbatement } from './leastCost.js';

export function runMetrics(scenario: ResolvedScenario, schemeRows: readonly SchemePeriodResult[], firmRows: readonly FirmPeriodResult[]): RunMetrics {
  const N = scenario.firms.length;
  const discount = (period: number): number => 1 / (1 + scenario.discountRate) ** period;
  let discountedAbatementCost = 0;
  let discountedComplianceCost = 0;
  let totalEmissions = 0;
  let totalAbatement = 0;
  let compliant = 0;
  const baselines = new Float64Array(scenario.periodCount * N);
  const firmIndex = new Map(scenario.firms.map((f) => [f.id, f.index]));
  for (const row of firmRows) {
    const d = discount(row.period);
    discountedAbatementCost += d * row.abatementCost;
    discountedComplianceCost += d * (row.abatementCost + row.creditCost + row.penaltyPaid);
    totalEmissions += row.emissions;
    totalAbatement += row.abatement;
    if (row.compliant) compliant += 1;
    baselines[row.period * N + firmIndex.get(row.firm)!] = row.baselineEmissions;
  }
  let auctionRevenue = 0;
  let priceSum = 0;
  for (const row of schemeRows) {
    auctionRevenue += row.auctionRevenue + row.reserveRevenue;
    priceSum += row.price;
  }
  let totalBaseline = 0;
  for (const b of baselines) totalBaseline += b;
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
    complianceRate: firmRows.length > 0 ? compliant / firmRows.length : Number.NaN,
  };
}
