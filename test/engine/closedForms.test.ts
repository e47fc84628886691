/**
 * Textbook equilibria with closed forms derived by hand (derivations in each test's comment). Tolerance: relative
 * error ≤ 1e-9 on prices and quantities, the requirement for the clearing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { simulate } from '../../model/engine/simulate.js';
import { linearFirm, relativeError, scenario } from '../support/buildScenario.js';
import type { RunResult } from '../../model/engine/runResult.js';

const TOL = 1e-9;
/** Largest relative error seen per oracle case (describe block), written to test-results/ for the record. */
const worstError = new Map<string, number>();
const close = (actual: number, expected: number): void => {
  const error = relativeError(actual, expected);
  const suite = expect.getState().currentTestName?.split(' > ')[0] ?? '?';
  worstError.set(suite, Math.max(worstError.get(suite) ?? 0, error));
  expect(error, `actual ${actual}, expected ${expected}`).toBeLessThanOrEqual(TOL);
};
afterAll(() => {
  mkdirSync('test-results', { recursive: true });
  const lines = [...worstError].map(([suite, error]) => `${error.toExponential(2)}  ${suite}`);
  writeFileSync('test-results/oracle-errors.txt', `largest relative error per closed-form case (tolerance ${TOL})\n${lines.join('\n')}\n`);
});
const firmRow = (result: RunResult, firm: string, period = 0) => result.firms.find((r) => r.firm === firm && r.period === period)!;
const schemeRow = (result: RunResult, scheme: string, period = 0) => result.schemes.find((r) => r.scheme === scheme && r.period === period)!;

describe('least cost (Montgomery 1972)', () => {
  // Two firms, baseline 100 t each, MAC_A = 10a, MAC_B = 30a, cap 120 t.
  // Abatement 80 = p/10 + p/30 = 4p/30 ⇒ p = 600; a_A = 60, a_B = 20; cost = 10·60²/2 + 30·20²/2 = 24,000.
  const result = simulate(scenario({
    periods: { start: 2026, count: 1 },
    discountRate: 0.05,
    firms: [linearFirm('A', 100, 10), linearFirm('B', 100, 30)],
    schemes: [{ id: 'ets', target: { type: 'absolute', cap: 120 }, allocation: [{ method: 'grandfathering', baseYears: [2025], reduction: { initial: 0.4 } }] }],
  }));

  it('clears at the price where aggregate abatement meets the cap', () => {
    close(schemeRow(result, 'ets').price, 600);
    close(firmRow(result, 'A').abatement, 60);
    close(firmRow(result, 'B').abatement, 20);
  });

  it('equalises marginal abatement costs with the price', () => {
    close(10 * firmRow(result, 'A').abatement, 600);
    close(30 * firmRow(result, 'B').abatement, 600);
  });

  it('reaches the least total cost for the cap (cost-efficiency ratio 1)', () => {
    close(result.metrics.discountedAbatementCost, 24_000);
    close(result.metrics.leastCostAbatementCost, 24_000);
    close(result.metrics.costEfficiencyRatio, 1);
  });

  it('settles trades: A sells its 20 t surplus to B', () => {
    // Both get 60 t; A emits 40 (sells 20), B emits 80 (buys 20).
    close(firmRow(result, 'A').sales, 20);
    close(firmRow(result, 'B').purchases, 20);
    close(schemeRow(result, 'ets').volumeTraded, 20);
  });
});

describe('allocation neutrality and output-based allocation', () => {
  // Same two firms, cap 120: grandfathering, ex-ante benchmark and auction must all give p = 600 and the same
  // abatement; only payments differ (auction revenue 120 × 600 = 72,000).
  const base = {
    periods: { start: 2026, count: 1 },
    discountRate: 0.05,
    firms: [linearFirm('A', 100, 10), linearFirm('B', 100, 30)],
  };
  const designs = {
    grandfathering: [{ method: 'grandfathering' as const, baseYears: [2025], reduction: { initial: 0.4 } }],
    benchmark: [{ method: 'benchmark' as const, benchmark: 60, activity: 'historical' as const, baseYears: [2025] }],
    auction: [{ method: 'auction' as const }],
  };
  const results = Object.fromEntries(Object.entries(designs).map(([name, allocation]) => [
    name,
    simulate(scenario({ ...base, schemes: [{ id: 'ets', target: { type: 'absolute', cap: 120 }, allocation }] })),
  ]));

  it.each(Object.keys(designs))('%s: same price and abatement as the least-cost solution', (name) => {
    const result = results[name]!;
    close(schemeRow(result, 'ets').price, 600);
    close(firmRow(result, 'A').abatement, 60);
    close(firmRow(result, 'B').abatement, 20);
  });

  it('differ only in who pays: the auction raises cap × price', () => {
    close(schemeRow(results.auction!, 'ets').auctionRevenue, 72_000);
    expect(schemeRow(results.grandfathering!, 'ets').auctionRevenue).toBe(0);
    expect(schemeRow(results.benchmark!, 'ets').auctionRevenue).toBe(0);
  });

  // Output responds to carbon cost: q = 100 − (p·v − p·b)/k with v = 1 t/unit, k = 20; MAC_A = 10a, MAC_B = 30a.
  // Ex-ante allocation (b = 0): Σe = 200 − 2p/20 − p(1/10 + 1/30) = 120 ⇒ p = 80 / (7/30) = 2400/7.
  // Output-based (b = 0.6): Σe = 200 − 2·0.4p/20 − 4p/30 = 120 ⇒ p = 80 / (0.04 + 4/30) = 6000/13: higher price
  // and higher output for the same cap.
  const responsive = (id: string, slope: number) => ({
    id, sector: 'industry', output: { base: 100, priceResponse: { slope: 20 } }, emissions: { perOutput: 1 },
    mac: { type: 'linear' as const, slope }, history: { emissions: { '2025': 100 }, output: { '2025': 100 } },
  });
  const exAnte = simulate(scenario({
    ...base, firms: [responsive('A', 10), responsive('B', 30)],
    schemes: [{ id: 'ets', target: { type: 'absolute', cap: 120 }, allocation: [{ method: 'benchmark', benchmark: 0.6, activity: 'historical', baseYears: [2025] }] }],
  }));
  const outputBased = simulate(scenario({
    ...base, firms: [responsive('A', 10), responsive('B', 30)],
    schemes: [{ id: 'ets', target: { type: 'absolute', cap: 120 }, allocation: [{ method: 'benchmark', benchmark: 0.6, activity: 'actual' }] }],
  }));

  it('ex-ante benchmark with responsive output: p = 2400/7', () => {
    close(schemeRow(exAnte, 'ets').price, 2400 / 7);
    close(firmRow(exAnte, 'A').output, 100 - 2400 / 7 / 20);
    close(schemeRow(exAnte, 'ets').emissions, 120);
  });

  it('output-based allocation raises output and the price for the same cap: p = 6000/13', () => {
    close(schemeRow(outputBased, 'ets').price, 6000 / 13);
    close(firmRow(outputBased, 'A').output, 100 - (0.4 * 6000) / 13 / 20);
    close(schemeRow(outputBased, 'ets').emissions, 120);
    expect(firmRow(outputBased, 'A').output).toBeGreaterThan(firmRow(exAnte, 'A').output);
  });
});

describe('banking and borrowing (Rubin 1996; Cronshaw & Kruse 1996)', () => {
  // Two firms with MAC 2a each (aggregate MAC = a), baseline 50 t each per period (100 t in all), r = 0.1.
  const firms = [linearFirm('A', 50, 2), linearFirm('B', 50, 2)];
  const run = (cap: number[], extra: Record<string, unknown> = {}) => simulate(scenario({
    periods: { start: 2026, count: cap.length },
    discountRate: 0.1,
    firms,
    schemes: [{ id: 'ets', target: { type: 'absolute', cap }, allocation: [{ method: 'auction' }], ...extra }],
  }));

  it('Hotelling: the price rises at the discount rate while a bank is held', () => {
    // Caps [100, 60, 20]: abatement 120 over three periods, p0 (1 + 1.1 + 1.21) = 120 ⇒ p0 = 120 / 3.31.
    const result = run([100, 60, 20]);
    const p0 = 120 / 3.31;
    close(schemeRow(result, 'ets', 0).price, p0);
    close(schemeRow(result, 'ets', 1).price, p0 * 1.1);
    close(schemeRow(result, 'ets', 2).price, p0 * 1.21);
    // Bank after period 0: 100 − (100 − p0) = p0; it is exhausted exactly at the end.
    close(schemeRow(result, 'ets', 0).bank, p0);
    close(schemeRow(result, 'ets', 2).bank, 0);
    close(result.metrics.costEfficiencyRatio, 1);
  });

  it('bank exhaustion: the price falls after the period where the bank runs out', () => {
    // Caps [100, 40, 110]. Hotelling over all three would need borrowing, so the first episode ends with an empty
    // bank after period 1: p0 (1 + 1.1) = 60 ⇒ p0 = 28.571…, p1 = 31.428…; in period 2 the 10 t surplus makes the
    // price 0 and lapses.
    const result = run([100, 40, 110]);
    close(schemeRow(result, 'ets', 0).price, 60 / 2.1);
    close(schemeRow(result, 'ets', 1).price, (60 / 2.1) * 1.1);
    close(schemeRow(result, 'ets', 1).bank, 0);
    expect(schemeRow(result, 'ets', 2).price).toBe(0);
    close(schemeRow(result, 'ets', 2).forfeited, 10);
  });

  it('a binding borrowing limit bends the path', () => {
    // Caps [40, 100, 100], borrowing up to 20 % of the period's cap (8 t in period 0). Unconstrained, period 0 would
    // borrow 41.9 t, so the limit binds: a0 = 100 − 48 = 52 ⇒ p0 = 52. Then from a debt of 8 t: p1 (1 + 1.1) = 8 ⇒
    // p1 = 8/2.1, p2 = 1.1 p1.
    const result = run([40, 100, 100], { borrowing: { mode: 'limited', limitShare: 0.2 } });
    close(schemeRow(result, 'ets', 0).price, 52);
    close(schemeRow(result, 'ets', 0).borrowing, 8);
    close(schemeRow(result, 'ets', 1).price, 8 / 2.1);
    close(schemeRow(result, 'ets', 2).price, (8 / 2.1) * 1.1);
    close(schemeRow(result, 'ets', 2).borrowing, 0);
  });

  it('no banking: each period clears alone', () => {
    // Caps [100, 60, 20]: p_t = 100 − cap_t.
    const result = run([100, 60, 20], { banking: { mode: 'none' } });
    expect(schemeRow(result, 'ets', 0).price).toBe(0);
    close(schemeRow(result, 'ets', 1).price, 40);
    close(schemeRow(result, 'ets', 2).price, 80);
  });
});

describe('absolute (総量) vs intensity (原単位) target under an output shock', () => {
  // One firm, emissions = output (v = 1), MAC = a, reference output 100. Absolute cap 90 t; intensity 0.9 t/unit.
  const run = (shock: number, target: object) => simulate(scenario({
    periods: { start: 2026, count: 1 },
    discountRate: 0.05,
    firms: [{ id: 'F', sector: 'industry', output: { base: 100, shocks: [shock] }, emissions: { perOutput: 1 }, mac: { type: 'linear', slope: 1 } }],
    schemes: [{ id: 'ets', target: target as never, ...((target as { type: string }).type === 'absolute' ? { allocation: [{ method: 'auction' as const }] } : {}) }],
  }));
  const absolute = { type: 'absolute', cap: 90 };
  const intensity = { type: 'intensity', intensity: 0.9 };

  it('without a shock both give p = 10 and emissions 90', () => {
    close(schemeRow(run(0, absolute), 'ets').price, 10);
    close(schemeRow(run(0, intensity), 'ets').price, 10);
    close(schemeRow(run(0, intensity), 'ets').emissions, 90);
  });

  it('output −20 %: the absolute price collapses to 0, the intensity price stays at (1 − 0.9) × 80 = 8', () => {
    expect(schemeRow(run(-0.2, absolute), 'ets').price).toBe(0);
    close(schemeRow(run(-0.2, absolute), 'ets').emissions, 80);
    close(schemeRow(run(-0.2, intensity), 'ets').price, 8);
    close(schemeRow(run(-0.2, intensity), 'ets').emissions, 72);
  });

  it('output +20 %: absolute p = 30, emissions stay 90; intensity p = 12, emissions rise to 108', () => {
    close(schemeRow(run(0.2, absolute), 'ets').price, 30);
    close(schemeRow(run(0.2, absolute), 'ets').emissions, 90);
    close(schemeRow(run(0.2, intensity), 'ets').price, 12);
    close(schemeRow(run(0.2, intensity), 'ets').emissions, 108);
  });
});

describe('price floor, ceiling and penalty', () => {
  // One firm, baseline 100 t, MAC = a, cap 80 t all auctioned: p = 20 without controls.
  const run = (priceControls: object) => simulate(scenario({
    periods: { start: 2026, count: 1 },
    discountRate: 0.05,
    firms: [linearFirm('F', 100, 1)],
    schemes: [{ id: 'ets', target: { type: 'absolute', cap: 80 }, allocation: [{ method: 'auction' }], priceControls }],
  }));

  it('no control: p = 20', () => close(schemeRow(run({}), 'ets').price, 20));

  it('floor 30 (auction reserve price): p = 30, 10 t of the auction withheld', () => {
    const row = schemeRow(run({ floor: { price: 30 } }), 'ets');
    expect(row.price).toBe(30);
    close(row.abatement, 30);
    close(row.auctionSold, 70);
  });

  it('ceiling 15 with an unlimited reserve: p = 15, 5 t sold from the reserve', () => {
    const row = schemeRow(run({ ceiling: { price: 15 } }), 'ets');
    expect(row.price).toBe(15);
    close(row.reserveSold, 5);
  });

  it('ceiling 15 with a 3 t reserve: the reserve runs out and p = 17', () => {
    // 100 − p = 80 + 3 ⇒ p = 17.
    const row = schemeRow(run({ ceiling: { price: 15, reserve: 3 } }), 'ets');
    close(row.price, 17);
    close(row.reserveSold, 3);
  });

  it('penalty 12 without make-good caps the price: 8 t paid for instead of surrendered', () => {
    const result = run({ penalty: { price: 12 } });
    const row = schemeRow(result, 'ets');
    expect(row.price).toBe(12);
    close(row.penaltyTonnes, 8);
    close(row.penaltyPaid, 96);
    expect(firmRow(result, 'F').compliant).toBe(false);
  });

  it('penalty with make-good does not cap the price', () => {
    close(schemeRow(run({ penalty: { price: 12, makeGood: 1.3 } }), 'ets').price, 20);
  });
});

describe('credits with quantitative limits', () => {
  // One firm, baseline 100 t, MAC = a, cap 60 t: p = 40 without credits. Credits cost 10 per t.
  const run = (limit: object | undefined, credit: object = { id: 'jc', price: 10 }) => simulate(scenario({
    periods: { start: 2026, count: 1 },
    discountRate: 0.05,
    firms: [linearFirm('F', 100, 1)],
    credits: [credit as never],
    schemes: [{ id: 'ets', target: { type: 'absolute', cap: 60 }, allocation: [{ method: 'auction' }], credits: [{ type: 'jc', ...(limit === undefined ? {} : { limit }) }] }],
  }));

  it('a binding tonnage limit (5 t) separates the prices: allowances 35, credits 10', () => {
    // e − 5 = 60 ⇒ e = 65, a = 35 = p.
    const row = schemeRow(run({ tonnes: 5 }), 'ets');
    close(row.price, 35);
    close(row.creditsUsed.jc!, 5);
  });

  it('a binding 10 % share limit: MAC = p − 0.1 (p − 10), 0.9 e = 60', () => {
    // e = 66.67, a = 33.33 = 0.9 p + 1 ⇒ p = (100/3 − 1) / 0.9.
    const result = run({ share: 0.1 });
    close(schemeRow(result, 'ets').price, (100 / 3 - 1) / 0.9);
    close(schemeRow(result, 'ets').creditsUsed.jc!, 20 / 3);
    close(firmRow(result, 'F').abatement, 100 / 3);
  });

  it('unlimited credits at 10 cap the allowance price at 10', () => {
    expect(schemeRow(run(undefined), 'ets').price).toBe(10);
  });

  it('credits from a supply curve (2 credits per unit of price) clear with allowances: p = 40/3', () => {
    // 100 − p − 2p = 60 ⇒ p = 40/3; credits 80/3.
    const row = schemeRow(run(undefined, { id: 'jc', supply: { type: 'linear', minPrice: 0, slope: 2 } }), 'ets');
    close(row.price, 40 / 3);
    close(row.creditsUsed.jc!, 80 / 3);
    close(row.creditPrices.jc!, 40 / 3);
  });
});

describe('linked schemes', () => {
  // A: baseline 100 t, MAC = a, cap 60 (autarky p = 40). B: same firm, cap 90 (autarky p = 10).
  const run = (link: object, strategy: 'perfectForesight' | 'myopic' = 'perfectForesight') => simulate(scenario({
    periods: { start: 2026, count: 1 },
    discountRate: 0.05,
    firms: [linearFirm('FA', 100, 1, { scheme: 'A' }), linearFirm('FB', 100, 1, { scheme: 'B' })],
    schemes: [
      { id: 'A', target: { type: 'absolute', cap: 60 }, allocation: [{ method: 'auction' }] },
      { id: 'B', target: { type: 'absolute', cap: 90 }, allocation: [{ method: 'auction' }] },
    ],
    links: [link as never],
    expectations: { strategy },
  }));

  it('a full two-way link equalises prices: p = (200 − 150)/2 = 25, 15 t flow from B to A', () => {
    const result = run({ from: 'B', to: 'A' });
    close(schemeRow(result, 'A').price, 25);
    close(schemeRow(result, 'B').price, 25);
    close(schemeRow(result, 'A').netImports, 15);
    close(schemeRow(result, 'B').netImports, -15);
  });

  it('an import limit of 5 t keeps them apart: pA = 35, pB = 15', () => {
    const result = run({ from: 'B', to: 'A', direction: 'oneWay', importLimit: 5 }, 'myopic');
    close(schemeRow(result, 'A').price, 35);
    close(schemeRow(result, 'B').price, 15);
    close(schemeRow(result, 'A').netImports, 5);
  });

  it('a one-way link the wrong way round carries nothing', () => {
    const result = run({ from: 'A', to: 'B', direction: 'oneWay' }, 'myopic');
    close(schemeRow(result, 'A').price, 40);
    close(schemeRow(result, 'B').price, 10);
  });
});
