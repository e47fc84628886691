/**
 * Mechanisms with hand-derived outcomes: expectation-driven (sequential) markets, step and power MAC curves,
 * carry-over limits, make-good penalties, sector-mixed allocation. Each expected value is derived in the comment
 * above its test.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../model/engine/simulate.js';
import { linearFirm, relativeError, scenario } from '../support/buildScenario.js';
import type { RunResult } from '../../model/engine/runResult.js';

const close = (actual: number, expected: number, tolerance = 1e-9): void => {
  expect(relativeError(actual, expected), `actual ${actual}, expected ${expected}`).toBeLessThanOrEqual(tolerance);
};
const schemeRow = (result: RunResult, period = 0, scheme = 'ets') => result.schemes.find((r) => r.scheme === scheme && r.period === period)!;
const firmRow = (result: RunResult, firm: string, period = 0) => result.firms.find((r) => r.firm === firm && r.period === period)!;

// Two firms with MAC 2a (aggregate MAC = a), baseline 50 t each, r = 0.1, everything auctioned.
const pair = [linearFirm('A', 50, 2), linearFirm('B', 50, 2)];
const threePeriods = (cap: number[], expectations: object, market: object = {}, extra: object = {}) => simulate(scenario({
  periods: { start: 2026, count: cap.length },
  discountRate: 0.1,
  firms: pair,
  schemes: [{ id: 'ets', target: { type: 'absolute', cap }, allocation: [{ method: 'auction' }], ...extra }],
  expectations: expectations as never,
  market: market as never,
}));

describe('sequential markets driven by expectations', () => {
  it('perfect-foresight firms clearing period by period reproduce the Hotelling equilibrium', () => {
    // Same case as the intertemporal oracle: p0 = 120 / 3.31, rising 10 % a period.
    const result = threePeriods([100, 60, 20], { strategy: 'perfectForesight', maxBankYears: 10 }, { mode: 'sequential' });
    expect(result.marketMode).toBe('sequential');
    const p0 = 120 / 3.31;
    close(schemeRow(result, 0).price, p0);
    close(schemeRow(result, 1).price, p0 * 1.1);
    close(schemeRow(result, 2).price, p0 * 1.21);
    close(schemeRow(result, 0).bank, p0);
  });

  it('myopic firms never bank: p_t = 100 − cap_t, and cost exceeds the least cost by a known ratio', () => {
    // Myopic firms value a kept allowance at p / 1.1 < p, so they sell any surplus: prices [0, 40, 80].
    // PV cost = 40²/2 / 1.1 + 80²/2 / 1.21; least cost for the same 180 t = p0² / 2 × 3.31 with p0 = 120 / 3.31.
    const result = threePeriods([100, 60, 20], { strategy: 'myopic' });
    expect(schemeRow(result, 0).price).toBe(0);
    close(schemeRow(result, 1).price, 40);
    close(schemeRow(result, 2).price, 80);
    const myopicCost = 800 / 1.1 + 3200 / 1.21;
    const leastCost = ((120 / 3.31) ** 2 / 2) * 3.31;
    close(result.metrics.discountedAbatementCost, myopicCost);
    close(result.metrics.leastCostAbatementCost, leastCost);
    close(result.metrics.costEfficiencyRatio, myopicCost / leastCost);
  });

  it('adaptive firms follow their smoothed expectation (hand recursion)', () => {
    // E0 = 50, α = 0.5, bank cap 50 t per firm. Period 0: v = E0 / 1.1; at p = v firms are indifferent and the bank
    // takes the slack: 100 − v + B0 = 100 ⇒ B0 = v. Period 1: E1 = α p0 + (1 − α) E0, v1 = E1 / 1.1, and
    // 100 − v1 + (B1 − B0) = 60. Period 2 (last): allowances are worthless afterwards, the bank is sold:
    // 100 − p2 − B1 = 20.
    const result = threePeriods([100, 60, 20], { strategy: 'adaptive', initialPrice: 50, smoothing: 0.5, maxBankYears: 1 });
    const p0 = 50 / 1.1;
    const b0 = p0;
    const e1 = 0.5 * p0 + 0.5 * 50;
    const p1 = e1 / 1.1;
    const b1 = 60 - 100 + p1 + b0;
    const p2 = 100 - b1 - 20;
    close(schemeRow(result, 0).price, p0);
    close(schemeRow(result, 0).bank, b0);
    close(schemeRow(result, 1).price, p1);
    close(schemeRow(result, 1).bank, b1);
    close(schemeRow(result, 2).price, p2);
    close(schemeRow(result, 2).bank, 0);
  });
});

describe('MAC curve shapes', () => {
  it('step curves: the marginal measure runs part-way at its own cost', () => {
    // A: 10 t at 5, 10 t at 20; B: 10 t at 10, 10 t at 30. Cap 75 of 100 ⇒ 25 t: 5 (A), 10 (B), then 5 t of A's
    // 20-measure: price 20, A abates 15, B 10; cost 10·5 + 10·10 + 5·20 = 250.
    const steps = (id: string, measures: [number, number][]) => ({
      id, sector: 'industry', output: { base: 1 }, emissions: { perOutput: 50 },
      mac: { type: 'steps' as const, measures: measures.map(([capacity, cost]) => ({ capacity, cost })) },
    });
    const result = simulate(scenario({
      periods: { start: 2026, count: 1 }, discountRate: 0.05,
      firms: [steps('A', [[10, 5], [10, 20]]), steps('B', [[10, 10], [10, 30]])],
      schemes: [{ id: 'ets', target: { type: 'absolute', cap: 75 }, allocation: [{ method: 'auction' }] }],
    }));
    expect(schemeRow(result).price).toBe(20);
    close(firmRow(result, 'A').abatement, 15);
    close(firmRow(result, 'B').abatement, 10);
    close(result.metrics.discountedAbatementCost, 250);
    close(result.metrics.costEfficiencyRatio, 1);
  });

  it('power curves: MAC = 2a², cap 82 of 100 ⇒ a = 18, p = 648, cost 2·18³/3', () => {
    const result = simulate(scenario({
      periods: { start: 2026, count: 1 }, discountRate: 0.05,
      firms: [{ id: 'F', sector: 'industry', output: { base: 1 }, emissions: { perOutput: 100 }, mac: { type: 'power', coefficient: 2, exponent: 2 } }],
      schemes: [{ id: 'ets', target: { type: 'absolute', cap: 82 }, allocation: [{ method: 'auction' }] }],
    }));
    close(schemeRow(result).price, 648);
    close(result.metrics.discountedAbatementCost, (2 * 18 ** 3) / 3);
  });

  it('abatement never exceeds baseline emissions', () => {
    // Cap 0 with a cheap linear MAC and a ceiling far above: the firm abates all 100 t and no more.
    const result = simulate(scenario({
      periods: { start: 2026, count: 1 }, discountRate: 0.05,
      firms: [linearFirm('F', 100, 1)],
      schemes: [{ id: 'ets', target: { type: 'absolute', cap: 0 }, allocation: [{ method: 'auction' }] }],
    }));
    close(firmRow(result, 'F').abatement, 100);
    close(firmRow(result, 'F').emissions, 0);
  });
});

describe('carry-over limits between phases', () => {
  // Caps [120, 60], aggregate MAC = a, r = 0.1. Free banking: 20 t of abatement over two periods, p0 · 2.1 = 20.
  it('unlimited carry-over: Hotelling across the boundary', () => {
    const result = threePeriods([120, 60], { strategy: 'perfectForesight' });
    close(schemeRow(result, 0).price, 20 / 2.1);
    close(schemeRow(result, 1).price, (20 / 2.1) * 1.1);
  });

  it('no carry-over after 2026: the 20 t surplus lapses at a zero price; p1 = 40', () => {
    const result = threePeriods([120, 60], { strategy: 'perfectForesight' }, {}, { carryOver: [{ afterYear: 2026, limitShare: 0 }] });
    expect(schemeRow(result, 0).price).toBe(0);
    close(schemeRow(result, 0).forfeited, 20);
    close(schemeRow(result, 1).price, 40);
  });

  it('carry-over of 10 % of supply (12 t): 8 t lapse, p1 = 100 − 60 − 12 = 28', () => {
    const result = threePeriods([120, 60], { strategy: 'perfectForesight' }, {}, { carryOver: [{ afterYear: 2026, limitShare: 0.1 }] });
    expect(schemeRow(result, 0).price).toBe(0);
    close(schemeRow(result, 0).forfeited, 8);
    close(schemeRow(result, 0).bank, 12);
    close(schemeRow(result, 1).price, 28);
  });
});

describe('penalty with make-good', () => {
  it('an infeasible period is settled by the penalty and the shortfall × 1.3 is owed next period', () => {
    // One firm, baseline 100 t, at most 10 t of abatement. Period 0 cap 80: 10 t short at any price ⇒ price set to
    // the penalty (50), 10 t penalised, 13 t owed. Period 1 cap 120: obligation 100 + 13 = 113 < 120 ⇒ price 0.
    const result = simulate(scenario({
      periods: { start: 2026, count: 2 }, discountRate: 0.05,
      firms: [{ ...linearFirm('F', 100, 1), mac: { type: 'linear', slope: 1, maxAbatement: 10 } }],
      schemes: [{ id: 'ets', target: { type: 'absolute', cap: [80, 120] }, allocation: [{ method: 'auction' }], banking: { mode: 'none' }, priceControls: { penalty: { price: 50, makeGood: 1.3 } } }],
      expectations: { strategy: 'myopic' },
    }));
    expect(schemeRow(result, 0).price).toBe(50);
    close(schemeRow(result, 0).penaltyTonnes, 10);
    close(firmRow(result, 'F', 0).penaltyPaid, 500);
    expect(firmRow(result, 'F', 0).compliant).toBe(false);
    expect(schemeRow(result, 1).price).toBe(0);
    // Period 1: emissions 100 plus 13 owed are covered by the 120 t; 7 t left over lapse (no banking).
    close(firmRow(result, 'F', 1).purchases, 113);
    expect(firmRow(result, 'F', 1).compliant).toBe(true);
  });

  it('an infeasible cap without any penalty is a clear error', () => {
    expect(() => simulate(scenario({
      periods: { start: 2026, count: 1 }, discountRate: 0.05,
      firms: [{ ...linearFirm('F', 100, 1), mac: { type: 'linear', slope: 1, maxAbatement: 10 } }],
      schemes: [{ id: 'ets', target: { type: 'absolute', cap: 80 }, allocation: [{ method: 'auction' }] }],
      expectations: { strategy: 'myopic' },
    }))).toThrow(/cannot meet their cap at any price up to market.maxPrice/);
  });
});

describe('allocation mixed by sector', () => {
  it('each firm gets its sector\'s rule; the rest of the cap is auctioned', () => {
    // power: auction; steel: benchmark 2 t/unit × historical output 20 = 40 t; others: grandfathering 90 % of 50 t.
    // Cap 150 ⇒ auction offered 150 − 40 − 45 = 65 t.
    const firm = (id: string, sector: string) => ({
      ...linearFirm(id, 50, 1), sector, history: { emissions: { '2025': 50 }, output: { '2025': 20 } },
    });
    const result = simulate(scenario({
      periods: { start: 2026, count: 1 }, discountRate: 0.05,
      firms: [firm('P', 'power'), firm('S', 'steel'), firm('O', 'other')],
      schemes: [{
        id: 'ets', target: { type: 'absolute', cap: 150 },
        allocation: [
          { method: 'auction', sectors: ['power'] },
          { method: 'benchmark', sectors: ['steel'], benchmark: { steel: 2 }, activity: 'historical', baseYears: [2025] },
          { method: 'grandfathering', baseYears: [2025], reduction: { initial: 0.1 } },
        ],
      }],
    }));
    close(firmRow(result, 'P').freeAllocation, 0);
    close(firmRow(result, 'S').freeAllocation, 40);
    close(firmRow(result, 'O').freeAllocation, 45);
    close(schemeRow(result).auctionOffered, 65);
    close(schemeRow(result).freeAllocationBenchmark, 40);
    close(schemeRow(result).freeAllocationGrandfathering, 45);
    // Aggregate MAC = a/3 per firm ⇒ 3 firms × p = 150 abated? Each firm MAC = a, total abatement 3p = 0 since
    // baseline 150 = cap: price 0.
    expect(schemeRow(result).price).toBe(0);
  });
});

describe('measures with a capital cost', () => {
  it('keep abating at their running cost once adopted, until their lifetime ends', () => {
    // One measure: 10 t/period, running cost 5, capital cost 100, lifetime 2, r = 0 ⇒ levelised cost
    // 5 + 100 × (1/2) / 10 = 10. Baseline 100 t, cap 90 t: the measure must run every period.
    // Period 0: adopted at its levelised cost ⇒ p = 10. Period 1: capital sunk ⇒ p = running cost 5.
    // Period 2: lifetime over, adopting again costs the levelised 10 ⇒ p = 10.
    const result = simulate(scenario({
      periods: { start: 2026, count: 3 }, discountRate: 0,
      firms: [{ id: 'F', sector: 'industry', output: { base: 1 }, emissions: { perOutput: 100 },
        mac: { type: 'steps', measures: [{ capacity: 10, cost: 5, capitalCost: 100, lifetime: 2 }] } }],
      schemes: [{ id: 'ets', target: { type: 'absolute', cap: 90 }, allocation: [{ method: 'auction' }], banking: { mode: 'none' } }],
      expectations: { strategy: 'myopic' },
    }));
    expect(result.schemes.map((row) => row.price)).toEqual([10, 5, 10]);
    for (const row of result.schemes) close(row.abatement, 10);
  });
});
