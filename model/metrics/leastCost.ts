/**
 * The least discounted abatement cost that reaches given cumulative emissions with given outputs (Montgomery 1972,
 * with full when-flexibility): every firm in every period abates until its MAC equals one present-value price π
 * grown at the discount rate, π × (1 + r)^t, and π is set so that total emissions equal the target.
 */
import type { ResolvedScenario } from '../engine/resolveScenario.js';
import { findMonotoneRoot, type ValueRange } from '../market/monotoneRoot.js';
import { LinearMac, type AbatementRange } from '../agents/macCurve.js';
import { LinearAbatementAggregate } from '../market/linearAbatementAggregate.js';

export interface LeastCostInput {
  /** Baseline emissions per (period, firm) at the realised output, row-major [t × N + i]. */
  baselines: Float64Array;
  targetEmissions: number;
}

export function leastCostAbatement(scenario: ResolvedScenario, input: LeastCostInput): { cost: number; presentValuePrice: number } {
  const N = scenario.firms.length;
  const T = scenario.periodCount;
  const growth = Float64Array.from({ length: T }, (_, t) => (1 + scenario.discountRate) ** t);
  const range: AbatementRange = { least: 0, most: 0 };
  let totalBaseline = 0;
  for (const b of input.baselines) totalBaseline += b;
  // Linear-MAC firms of each period are summed in O(log n) per evaluation; the others firm by firm.
  const linear: LinearAbatementAggregate[] = [];
  const others: { t: number; i: number }[] = [];
  for (let t = 0; t < T; t++) {
    const slopes: number[] = [];
    const caps: number[] = [];
    for (let i = 0; i < N; i++) {
      const mac = scenario.firms[i]!.mac;
      if (mac instanceof LinearMac) {
        slopes.push(mac.slope);
        caps.push(Math.min(mac.maxAbatement, input.baselines[t * N + i]!));
      } else {
        others.push({ t, i });
      }
    }
    linear.push(new LinearAbatementAggregate(slopes, caps));
  }
  const totalAbatement = (pv: number, out: ValueRange): void => {
    let least = 0;
    let most = 0;
    for (let t = 0; t < T; t++) {
      const amount = linear[t]!.total(pv * growth[t]!);
      least += amount;
      most += amount;
    }
    for (const { t, i } of others) {
      scenario.firms[i]!.mac.abatementRange(pv * growth[t]!, input.baselines[t * N + i]!, range);
      least += range.least;
      most += range.most;
    }
    // Emissions − target, non-increasing in pv.
    out.lo = totalBaseline - most - input.targetEmissions;
    out.hi = totalBaseline - least - input.targetEmissions;
  };
  const points: number[] = [];
  for (const firm of scenario.firms) {
    if ('unitCosts' in firm.mac) for (const c of (firm.mac as { unitCosts: Float64Array }).unitCosts) for (let t = 0; t < T; t++) points.push(c / growth[t]!);
  }
  const breakpoints = Float64Array.from(points);
  breakpoints.sort();
  const root = findMonotoneRoot(totalAbatement, { lower: 0, upper: scenario.maxPrice, breakpoints });
  const at: ValueRange = { lo: 0, hi: 0 };
  totalAbatement(root.x, at);
  // Where the root sits on a step, take the same fraction of every firm's range.
  const share = at.hi > at.lo ? Math.min(1, Math.max(0, at.hi / (at.hi - at.lo))) : 0;
  let cost = 0;
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < N; i++) {
      const mac = scenario.firms[i]!.mac;
      mac.abatementRange(root.x * growth[t]!, input.baselines[t * N + i]!, range);
      const abatement = range.least + share * (range.most - range.least);
      cost += mac.cost(abatement) / growth[t]!;
    }
  }
  return { cost, presentValuePrice: root.x };
}
