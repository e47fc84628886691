/**
 * Property-based tests of the accounting invariants over random designs (fast-check): units balance for every
 * scheme and period, holdings never go negative except by allowed borrowing, the market clears, controls bound the
 * price, firms equalise MAC with the price, and no outcome costs less than the least-cost benchmark.
 * These designs have no closed form; the invariants must hold for all of them.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulate } from '../../model/engine/simulate.js';
import { buildDesign as build, designArbitrary, type Design } from '../support/randomDesign.js';
import type { RunResult } from '../../model/engine/runResult.js';

function checkInvariants(design: Design, result: RunResult): void {
  const tol = (scale: number) => 1e-6 * Math.max(1, Math.abs(scale));
  let previousHolding = 0;
  for (const row of result.schemes) {
    const firms = result.firms.filter((f) => f.period === row.period);
    // Every firm-period is compliant or paid the penalty for what it did not surrender.
    for (const f of firms) {
      expect(f.bank).toBeGreaterThanOrEqual(-tol(f.emissions));
      expect(f.borrowing).toBeGreaterThanOrEqual(-tol(f.emissions));
      expect(Math.min(f.bank, f.borrowing)).toBeLessThanOrEqual(tol(f.emissions));
      if (design.borrowing === 'none') expect(f.borrowing).toBeLessThanOrEqual(tol(f.emissions));
      expect(f.compliant || f.penaltyTonnes > 0).toBe(true);
      expect(f.abatement).toBeGreaterThanOrEqual(-tol(f.baselineEmissions));
      expect(f.abatement).toBeLessThanOrEqual(f.baselineEmissions + tol(f.baselineEmissions));
    }
    // Units balance: holdings change by what came in minus what was surrendered or lapsed.
    const holding = firms.reduce((sum, f) => sum + f.bank - f.borrowing, 0);
    const freeAllocation = firms.reduce((sum, f) => sum + f.freeAllocation, 0);
    const bought = firms.reduce((sum, f) => sum + f.purchases - f.sales, 0);
    const surrendered = firms.reduce((sum, f) => sum + f.emissions - f.creditsUsed - f.penaltyTonnes, 0);
    const scale = Math.max(row.baselineEmissions, row.supply);
    expect(Math.abs(holding - (previousHolding + freeAllocation + bought - surrendered - row.forfeited))).toBeLessThanOrEqual(tol(scale));
    // The market clears: net purchases by firms equal what the government sold.
    expect(Math.abs(bought - row.auctionSold - row.reserveSold)).toBeLessThanOrEqual(tol(scale));
    expect(row.auctionSold).toBeLessThanOrEqual(row.auctionOffered + tol(scale));
    // Issuance never exceeds the cap plus the ceiling reserve sold.
    expect(row.freeAllocationGrandfathering + row.freeAllocationBenchmark + row.auctionOffered).toBeLessThanOrEqual(row.supply + tol(scale));
    // Price controls.
    expect(row.price).toBeGreaterThanOrEqual(0);
    expect(row.price).toBeLessThanOrEqual(design.penalty * (1 + 1e-9));
    if (design.ceiling !== undefined && design.ceiling.reserve === undefined) expect(row.price).toBeLessThanOrEqual(design.ceiling.price * (1 + 1e-9));
    if (design.floor !== undefined && row.price < design.floor * (1 - 1e-9)) expect(row.auctionSold).toBeLessThanOrEqual(tol(scale));
    // Without credits, interior abatement equalises MAC and price.
    if (design.credit === undefined) {
      for (const [k, f] of firms.entries()) {
        const spec = design.firms[k]!;
        const cap = Math.min(spec.baseline, spec.maxShare === undefined ? Infinity : spec.maxShare * spec.baseline);
        if (f.abatement > tol(cap) && f.abatement < cap - tol(cap)) {
          expect(Math.abs(spec.slope * f.abatement - row.price)).toBeLessThanOrEqual(1e-6 * Math.max(1, row.price));
        }
      }
    }
    previousHolding = holding;
  }
  // Nothing beats least cost for the same emissions and outputs.
  if (Number.isFinite(result.metrics.costEfficiencyRatio)) expect(result.metrics.costEfficiencyRatio).toBeGreaterThanOrEqual(1 - 1e-6);
  expect(result.metrics.complianceRate).toBeGreaterThanOrEqual(0);
}

describe('engine invariants over random designs', () => {
  it('hold for every design (units balance, non-negative holdings, clearing, collars, MAC = price)', () => {
    fc.assert(
      fc.property(designArbitrary, (design) => {
        checkInvariants(design, simulate(build(design)));
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });

  it('are deterministic: the same scenario gives identical results', () => {
    fc.assert(
      fc.property(designArbitrary, (design) => {
        const sc = build(design);
        expect(JSON.stringify(simulate(sc))).toBe(JSON.stringify(simulate(sc)));
      }),
      { numRuns: 30, seed: 7 },
    );
  });

  it('perfect foresight with free banking: the price rises at the discount rate while a bank is held', () => {
    fc.assert(
      fc.property(designArbitrary, (raw) => {
        const design: Design = { ...raw, strategy: 'perfectForesight', banking: 'unlimited', borrowing: 'none', floor: undefined, ceiling: undefined, credit: undefined, penalty: 1e6 };
        const result = simulate(build(design));
        const rows = result.schemes;
        for (let t = 0; t + 1 < rows.length; t++) {
          const capped = rows[t + 1]!.price >= design.penalty * (1 - 1e-12);
          if (rows[t]!.bank > 1e-6 * rows[t]!.supply && rows[t]!.price > 0 && !capped) {
            expect(Math.abs(rows[t + 1]!.price - rows[t]!.price * (1 + design.discountRate))).toBeLessThanOrEqual(1e-7 * rows[t + 1]!.price);
          }
          // Arbitrage: the discounted price never rises (no banking limit here).
          expect(rows[t + 1]!.price).toBeLessThanOrEqual(rows[t]!.price * (1 + design.discountRate) * (1 + 1e-9) + 1e-9);
        }
        // When the bank never hits zero before the end, the path is the unconstrained least-cost one.
        const bankNeverEmpty = rows.slice(0, -1).every((row) => row.bank > 1e-6 * row.supply);
        if (bankNeverEmpty && Number.isFinite(result.metrics.costEfficiencyRatio)) expect(Math.abs(result.metrics.costEfficiencyRatio - 1)).toBeLessThan(1e-7);
      }),
      { numRuns: 150, seed: 42 },
    );
  });
});

describe('firm detail is optional', () => {
  it('skipping firm rows changes nothing else', () => {
    fc.assert(
      fc.property(designArbitrary, (design) => {
        const sc = build(design);
        const full = simulate(sc);
        const lean = simulate(sc, { firmRows: false });
        expect(lean.firms).toEqual([]);
        expect(lean.schemes).toEqual(full.schemes);
        expect(lean.metrics).toEqual(full.metrics);
      }),
      { numRuns: 40, seed: 3 },
    );
  });
});
