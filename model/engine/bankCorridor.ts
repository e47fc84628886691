/**
 * The bounds on a market's aggregate bank at the end of each period, from the scheme's banking, borrowing and
 * carry-over rules. Limits given as a share apply to the period's supply (the cap, or Σ intensity × reference
 * output for intensity targets).
 */
import type { ResolvedScenario, ResolvedScheme } from './resolveScenario.js';
import type { BankCorridor } from '../market/intertemporalSolver.js';

/** Allowances issued for scheme `scheme` in `period` at reference output, t. */
export function referenceSupply(scenario: ResolvedScenario, scheme: ResolvedScheme, period: number): number {
  if (scheme.targetType === 'absolute') return scheme.cap[period]!;
  let total = 0;
  for (const f of scheme.firms) {
    const firm = scenario.firms[f]!;
    total += firm.fixedAllocation[period]! + firm.allocationPerOutput[period]! * firm.referenceOutput[period]!;
  }
  return total;
}

/** Whether `period` closes a compliance period of the scheme (or the horizon). */
export function endsCompliancePeriod(scheme: ResolvedScheme, period: number, periodCount: number): boolean {
  return (period + 1) % scheme.compliancePeriodLength === 0 || period === periodCount - 1;
}

export function bankCorridor(scenario: ResolvedScenario, schemeIndices: readonly number[]): BankCorridor {
  const T = scenario.periodCount;
  const lower = new Float64Array(T);
  const upper = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let low = 0;
    let high = 0;
    for (const s of schemeIndices) {
      const scheme = scenario.schemes[s]!;
      const supply = referenceSupply(scenario, scheme, t);
      let schemeHigh = scheme.bankingMode === 'unlimited' ? Number.POSITIVE_INFINITY : scheme.bankingMode === 'limited' ? scheme.bankLimitShare * supply : 0;
      const carry = scheme.carryOverShare[t]!;
      if (!Number.isNaN(carry)) schemeHigh = Math.min(schemeHigh, carry * supply);
      let schemeLow = 0;
      if (scheme.borrowingMode === 'limited') schemeLow = -scheme.borrowLimitShare * supply;
      else if (scheme.borrowingMode === 'withinCompliancePeriod' && !endsCompliancePeriod(scheme, t, T)) schemeLow = Number.NEGATIVE_INFINITY;
      low += schemeLow;
      high += schemeHigh;
    }
    lower[t] = low;
    upper[t] = high;
  }
  return { lower, upper };
}
