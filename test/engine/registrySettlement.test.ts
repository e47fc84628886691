/**
 * The opt-in registry settlement (`RegistrySettlement`): the default scenario and hand-built mechanisms settled in
 * whole tonnes through the registry layer, checked against the same runs without it (see registryChecks.ts), plus
 * the rounding rule on hand-computed cases and the errors.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import YAML from 'yaml';
import { scenarioSchema } from '../../model/scenario/schema.js';
import { simulate } from '../../model/engine/simulate.js';
import { RegistrySettlement, RegistrySettlementError } from '../../model/engine/registrySettlement.js';
import { RegistrySettlementConfigError } from '../../model/engine/registrySystemConfig.js';
import type { RunSettlement } from '../../model/engine/runSettlement.js';
import { wholeTonneSettlement, type FirmFlows } from '../../model/engine/wholeTonneSettlement.js';
import { apportionWhole, roundNearest, roundToTotal } from '../../model/engine/largestRemainder.js';
import { apportion, roundConserving } from '../../model/registry/apportion.js';
import { parseRatio } from '../../model/registry/rules.js';
import { Money } from '../../model/microstructure/money.js';
import { setAccountStatus } from '../../model/registry/system.js';
import { linearFirm, scenario } from '../support/buildScenario.js';
import { checkAgainstEngine, checkConservation, checkReplay, runWithRegistry } from './registryChecks.js';

const defaultScenario = scenarioSchema.parse(YAML.parse(readFileSync(new URL('../../scenarios/default.yaml', import.meta.url), 'utf8')));

describe('default scenario through the registry', () => {
  const run = runWithRegistry(defaultScenario);

  it('gives the same result as without the registry, within 1 t per firm and quantity, same compliance', () => {
    const largest = checkAgainstEngine(run);
    // Net purchase is the residual of the rule: within the sum of the other differences.
    expect(largest.netPurchase).toBeLessThanOrEqual(5);
    expect(run.registry.schemeRows.every((row) => row.beyondSlack === 0)).toBe(true);
  });

  it('settles every phase: issue, allocation, auction, trades, J-Credit purchase and surrender', () => {
    const rows = run.registry.schemeRows;
    expect(rows.map((row) => row.period)).toEqual([0, 1, 2, 3, 4]);
    // Cap 310 Mt in FY2026 (scenarios/default.yaml): free allocation + auction offered = the cap, to the tonne.
    expect(rows[0]!.issued).toBe(310_000_000);
    for (const [t, row] of rows.entries()) {
      const engine = run.base.schemes[t]!;
      expect(Math.abs(row.auctionSold - engine.auctionSold)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(row.issued - (engine.freeAllocationBenchmark + engine.freeAllocationGrandfathering + engine.auctionOffered + engine.reserveSold)))
        .toBeLessThanOrEqual(1.5 + row.adjustments.freeAllocation + row.adjustments.reserveSold);
      // J-Credit used (from FY2028, when the allowance price exceeds ¥2,000) is bought and surrendered in whole tonnes.
      expect(Math.abs(row.credits.jcredit! - engine.creditsUsed.jcredit!)).toBeLessThanOrEqual(run.registry.firmRows.filter((f) => f.period === t).length);
    }
    expect(rows[2]!.credits.jcredit).toBeGreaterThan(0);
    // Money for whole tonnes is exact (decimal.js): revenue = clearing price × whole tonnes sold, to the last digit.
    for (const [t, row] of rows.entries()) {
      const price = run.base.schemes[t]!.price;
      expect(row.payments.auctionRevenue).toBe(new Money(price).times(row.auctionSold).toFixed());
      expect(row.payments.creditCost.jcredit).toBe(new Money(2000).times(row.credits.jcredit!).toFixed());
      expect(Math.abs(Number(row.payments.auctionRevenue) - run.base.schemes[t]!.auctionRevenue)).toBeLessThanOrEqual(price * 0.5 + 1);
    }
    // Credits never exceed the registry's limit: 10 % of verified emissions, floored (P04 would have refused more).
    for (const row of run.registry.firmRows) expect(row.creditsSurrendered).toBeLessThanOrEqual(Math.floor(row.verifiedEmissions / 10));
    const types = new Set(run.registry.transactionLog().entries.map((entry) => entry.type));
    expect([...types].sort()).toEqual(['ALLOCATE', 'AUCTION_DELIVERY', 'ISSUE', 'SURRENDER', 'TRANSFER_EXTERNAL', 'TRANSFER_INTERNAL']);
  });

  it('conserves units exactly (issued = held + surrendered + cancelled) and replays its log', () => {
    checkConservation(run);
    checkReplay(run);
  });
});

describe('mechanisms through the registry', () => {
  // Two firms with MAC 2a, baseline 50 t each, r = 0.1, everything auctioned (as in closedForms.test.ts).
  const pair = [linearFirm('A', 50, 2), linearFirm('B', 50, 2)];
  const twoFirms = (cap: number[], extra: Record<string, unknown> = {}, expectations: object = {}) => scenario({
    periods: { start: 2026, count: cap.length }, discountRate: 0.1, firms: pair,
    schemes: [{ id: 'ets', target: { type: 'absolute', cap }, allocation: [{ method: 'auction' }], ...extra }],
    ...(Object.keys(expectations).length === 0 ? {} : { expectations: expectations as never }),
  });
  const all = (sc: ReturnType<typeof scenario>) => {
    const run = runWithRegistry(sc);
    checkAgainstEngine(run);
    checkConservation(run);
    checkReplay(run);
    return run;
  };

  it('borrowing: advances are next-vintage allowances, surrendered as BORROW within the P10 limit, then repaid', () => {
    // closedForms: caps [40, 100, 100], borrowing ≤ 20 % of the cap ⇒ 8 t borrowed in 2026 (4 t per firm), repaid
    // by 2028.
    const run = all(twoFirms([40, 100, 100], { borrowing: { mode: 'limited', limitShare: 0.2 } }));
    const firms2026 = run.registry.firmRows.filter((row) => row.period === 0);
    expect(firms2026.map((row) => [row.advance, row.borrowing])).toEqual([[4, 4], [4, 4]]);
    const system = run.registry.system;
    // The advances were issued as vintage 2027 and surrendered for 2026: the registry counts them as borrowed.
    const borrowed = ['A', 'B'].map((firm) => system.compliance.get(`${firm}|ets|2026`)!.borrowed);
    expect(borrowed).toEqual([4, 4]);
    const repaid = run.registry.schemeRows.reduce((n, row) => n + row.repaidCancelled, 0);
    expect(repaid).toBe(8);
    expect(run.registry.firmRows.filter((row) => row.period === 2).map((row) => row.debt)).toEqual([0, 0]);
  });

  it('carry-over limit: the surplus above it lapses (cancelled)', () => {
    // mechanisms: caps [120, 60], carry-over 10 % of supply after 2026 ⇒ 12 t kept, 8 t lapse.
    const run = all(twoFirms([120, 60], { carryOver: [{ afterYear: 2026, limitShare: 0.1 }] }, { strategy: 'perfectForesight' }));
    expect(run.registry.schemeRows[0]!.lapsedCancelled).toBe(8);
    expect(run.registry.firmRows.filter((row) => row.period === 0).map((row) => row.holdings)).toEqual([6, 6]);
  });

  it('penalty with make-good: non-compliance and the make-good owed next period, as the engine says', () => {
    // mechanisms: one firm, 10 t short in 2026 ⇒ penalty for 10 t, 13 t owed in 2027 (makeGood 1.3).
    const run = all(scenario({
      periods: { start: 2026, count: 2 }, discountRate: 0.05,
      firms: [{ ...linearFirm('F', 100, 1), mac: { type: 'linear', slope: 1, maxAbatement: 10 } }],
      schemes: [{ id: 'ets', target: { type: 'absolute', cap: [80, 120] }, allocation: [{ method: 'auction' }], banking: { mode: 'none' }, priceControls: { penalty: { price: 50, makeGood: 1.3 } } }],
      expectations: { strategy: 'myopic' },
    }));
    const [first, second] = run.registry.firmRows;
    expect([first!.penaltyTonnes, first!.compliant, first!.complianceBalance, first!.penaltyPaid]).toEqual([10, false, -10, '500']);
    expect(run.registry.schemeRows[0]!.payments.penaltyPaid).toBe('500');
    expect([second!.owed, second!.obligation, second!.surrendered, second!.compliant]).toEqual([13, 113, 113, true]);
  });

  it('the price-ceiling reserve sells through the RESERVE account', () => {
    const run = all(twoFirms([60], { priceControls: { ceiling: { price: 20, reserve: 'unlimited' } } }, { strategy: 'myopic' }));
    const row = run.registry.schemeRows[0]!;
    // MAC 2a per firm: at the ceiling 20 each abates 10 t ⇒ emissions 80, cap 60 ⇒ 20 t from the reserve.
    expect([row.auctionSold, row.reserveSold]).toEqual([60, 20]);
    expect(run.registry.firmRows.map((r) => r.reservePurchase)).toEqual([10, 10]);
  });

  it('several unlinked schemes settle in their own registries; an intensity target too', () => {
    const run = all(scenario({
      periods: { start: 2026, count: 2 }, discountRate: 0.05,
      firms: [linearFirm('FA', 100, 1.3, { scheme: 'A' }), linearFirm('FB', 80, 0.7, { scheme: 'B' }), linearFirm('FB2', 60, 2.1, { scheme: 'B' })],
      schemes: [
        { id: 'A', target: { type: 'absolute', cap: [90.4, 85.2] }, allocation: [{ method: 'grandfathering', baseYears: [2025], reduction: { initial: 0.1 } }] },
        { id: 'B', target: { type: 'intensity', intensity: 0.9 * 80.3 } },
      ],
      expectations: { strategy: 'myopic' },
    }));
    expect(new Set(run.registry.schemeRows.map((row) => row.scheme))).toEqual(new Set(['A', 'B']));
  });
});

describe('registry settlement errors', () => {
  it('a refused transaction throws RegistrySettlementError naming the check code', () => {
    // Suspend firm A's account before the first period: the free allocation to it is refused (A04).
    const inner = new RegistrySettlement();
    const blocking: RunSettlement = {
      begin: (resolved, ledger) => {
        const wrapped = inner.begin(resolved, ledger);
        const result = setAccountStatus(inner.system, { registry: 'ets', account: 'A' }, 'SUSPENDED');
        expect(result.ok).toBe(true);
        return wrapped;
      },
      settlePeriod: (period, outcomes) => inner.settlePeriod(period, outcomes),
    };
    const sc = scenario({
      periods: { start: 2026, count: 1 }, discountRate: 0.05, firms: [linearFirm('A', 50, 2), linearFirm('B', 50, 2)],
      schemes: [{ id: 'ets', target: { type: 'absolute', cap: 80 }, allocation: [{ method: 'grandfathering', baseYears: [2025] }] }],
    });
    let error: unknown;
    try { simulate(sc, { registry: blocking }); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(RegistrySettlementError);
    expect((error as RegistrySettlementError).code).toBe('A04');
    expect((error as Error).message).toMatch(/^ets 2026, free allocation: registry refused it with A04 DST_ACCOUNT_STATUS: .*ets\/A is SUSPENDED/);
  });

  it('linked schemes and credit exchange rates other than 1 are not supported yet, naming the path', () => {
    const firms = [linearFirm('FA', 100, 1, { scheme: 'A' }), linearFirm('FB', 100, 1, { scheme: 'B' })];
    const schemes = [
      { id: 'A', target: { type: 'absolute' as const, cap: 80 }, allocation: [{ method: 'auction' as const }] },
      { id: 'B', target: { type: 'absolute' as const, cap: 80 }, allocation: [{ method: 'auction' as const }] },
    ];
    const linked = scenario({ periods: { start: 2026, count: 1 }, discountRate: 0.05, firms, schemes, links: [{ from: 'B', to: 'A' }], expectations: { strategy: 'myopic' } });
    expect(() => simulate(linked, { registry: new RegistrySettlement() })).toThrow(RegistrySettlementConfigError);
    expect(() => simulate(linked, { registry: new RegistrySettlement() })).toThrow(/^links\[0\]: registry settlement of linked schemes/);
    const halfCredit = scenario({
      periods: { start: 2026, count: 1 }, discountRate: 0.05, firms: [linearFirm('F', 100, 1)], credits: [{ id: 'cr', price: 1 }],
      schemes: [{ id: 'ets', target: { type: 'absolute', cap: 80 }, allocation: [{ method: 'auction' }], credits: [{ type: 'cr', exchangeRate: 0.5 }] }],
    });
    expect(() => simulate(halfCredit, { registry: new RegistrySettlement() })).toThrow(/^schemes\[0\]\.credits\[0\]\.exchangeRate: registry settlement counts one credit as one tonne/);
  });

  it('one settlement per run; the log only when asked for', () => {
    const sc = scenario({ periods: { start: 2026, count: 1 }, discountRate: 0.05, firms: [linearFirm('F', 100, 1)], schemes: [{ id: 'ets', target: { type: 'absolute', cap: 80 }, allocation: [{ method: 'auction' }] }] });
    const registry = new RegistrySettlement();
    simulate(sc, { registry });
    expect(() => registry.transactionLog()).toThrow(/transaction log was not requested/);
    expect(() => simulate(sc, { registry })).toThrow(/already used for a run/);
  });
});

describe('the rounding rule (wholeTonneSettlement) on hand-computed cases', () => {
  const flows = (overrides: Partial<FirmFlows>): FirmFlows => ({
    freeAllocation: 0, emissions: 0, credits: [], penaltyTonnes: 0, compliant: true, borrowed: 0, settledByPenalty: 0, repaid: 0,
    lapsed: 0, interest: 0, afterSurrender: 0, endBalance: 0, startDebt: 0, endDebt: 0, ...overrides,
  });
  const empty = { holdings: 0, debt: 0, owed: 0 };

  it('the scheme aims at its rounded end holdings: free allocation rounds down to keep them', () => {
    // A: free 10.6, emits 4.3, sells 3.1 to B, ends with 3.2; B emits 3.1. Nearest: free 11, emissions 4 + 3 ⇒ 4 t
    // left for 3.2 t of holdings; the rounded total is 3, so A's free allocation is rounded down to 10 (step 4).
    const settled = wholeTonneSettlement(
      [flows({ freeAllocation: 10.6, emissions: 4.3, afterSurrender: 3.2, endBalance: 3.2 }), flows({ emissions: 3.1 })],
      [empty, empty], { auctionOffered: 0, auctionSold: 0, reserveSold: 0, reserveLimit: 0 }, [],
    );
    expect(settled.firms.map((f) => [f.freeAllocation, f.verifiedEmissions, f.holdings, f.netPurchase])).toEqual([[10, 4, 3, -3], [0, 3, 0, 3]]);
    expect(settled.trades).toEqual([{ seller: 0, buyer: 1, quantity: 3 }]);
    expect(settled.adjustments.freeAllocation).toBe(1);
  });

  it('credit limit and a fully sold auction: verified emissions round down to balance', () => {
    // One firm, no banking: emits 100.55, credits 10.055 (limit 10 %), buys the whole auction of 90.495 t.
    // Nearest: emissions 101, credits min(10, ⌊10.1⌋) = 10 ⇒ 91 t to surrender, 90 t sold: 1 t short. The auction
    // cannot sell more (fully sold), so emissions go to their floor, 100 (credits still ≤ ⌊10.0⌋).
    const settled = wholeTonneSettlement(
      [flows({ emissions: 100.55, credits: [10.055] })], [empty],
      { auctionOffered: 90.495, auctionSold: 90.495, reserveSold: 0, reserveLimit: 0 }, [{ share: parseRatio(0.1, 'share'), tonnes: Infinity }],
    );
    const [firm] = settled.firms;
    expect([firm!.verifiedEmissions, firm!.creditsTotal, firm!.allowancesSurrendered, firm!.auctionPurchase, firm!.holdings]).toEqual([100, 10, 90, 90, 0]);
    expect(settled.adjustments.verifiedEmissions).toBe(1);
  });

  it('roundNearest and apportionWhole equal the registry\'s roundConserving and apportion', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), { maxLength: 40 }), (values) => {
      expect(roundNearest(values)).toEqual(roundConserving(values));
    }), { numRuns: 300, seed: 11 });
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e9 }), fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 40 }), (total, weights) => {
      fc.pre(total === 0 || weights.some((w) => w > 0));
      expect(apportionWhole(total, weights)).toEqual(apportion(total, weights));
    }), { numRuns: 300, seed: 12 });
    expect(roundToTotal([1.5, 2.25, 0], 4)).toEqual([2, 2, 0]);
    expect(() => roundToTotal([1.5, 2.25, 0], 6)).toThrow(/outside \[3, 5\]/);
  });
});
