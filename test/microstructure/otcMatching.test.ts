/**
 * Bilateral negotiation on hand-worked cases. Two firms with MAC 0.5 a and baseline 1000 t, lots of 10 t:
 * A holds 760 (a = 240, MAC 120), B holds 840 (a = 160, MAC 80). Lot k is worth 117.5 − 5(k − 1) to A and costs
 * B 82.5 + 5(k − 1); it gains while 35 > 10 (k − 1) ⇔ k ≤ 4, i.e. 40 t, which equalises both MACs at 100.
 * On the 40 t block A's average value V = 0.5 × 220 = 110, B's average cost K = 0.5 × 180 = 90.
 */
import { describe, expect, it } from 'vitest';
import { LinearMac } from '../../model/agents/macCurve.js';
import { FeeSchedule } from '../../model/microstructure/fees.js';
import { FirmValuation } from '../../model/microstructure/firmValuation.js';
import { MarketGrid } from '../../model/microstructure/marketGrid.js';
import { negotiate, randomPairs, type OtcParty } from '../../model/microstructure/otcMatching.js';
import { RunRandom } from '../../model/random/runRandom.js';

const grid = new MarketGrid({ tickSize: 1, lotSize: 10 });
const valuation = new FirmValuation({ baseline: 1000, mac: new LinearMac(0.5, Number.POSITIVE_INFINITY) });
const a: OtcParty = { trader: 0, valuation, holdings: 760, cash: 1e9 };
const b: OtcParty = { trader: 1, valuation, holdings: 840, cash: 1e9 };
const free = new FeeSchedule();

describe('negotiate', () => {
  it('trades every lot that gains, at the Nash split of the block: 90 + 0.5 (110 − 90) = 100', () => {
    expect(negotiate(a, b, grid, free)).toEqual({ buyer: 0, seller: 1, priceTicks: 100, lots: 4 });
    expect(negotiate(b, a, grid, free)).toEqual({ buyer: 0, seller: 1, priceTicks: 100, lots: 4 });
  });

  it('gives the seller its bargaining power: β = 0.25 ⇒ 90 + 5 = 95', () => {
    expect(negotiate(a, b, grid, free, { bargainingPower: 0.25 })).toMatchObject({ priceTicks: 95, lots: 4 });
  });

  it('shrinks the deal to the fees: 10/t each side ⇒ lots while 35 − 10 (k − 1) > 20 ⇔ k ≤ 2; V = 115, K = 85, price 85 + 10 + 0.5 × 10 = 100', () => {
    expect(negotiate(a, b, grid, new FeeSchedule({ perTonne: 10 }))).toEqual({ buyer: 0, seller: 1, priceTicks: 100, lots: 2 });
  });

  it('bounds the deal by the buyer\'s cash: 2000 buys 20 t at 100 (block V = 115, K = 85 ⇒ 100 again)', () => {
    expect(negotiate({ ...a, cash: 2000 }, b, grid, free)).toEqual({ buyer: 0, seller: 1, priceTicks: 100, lots: 2 });
    expect(negotiate({ ...a, cash: 500 }, b, grid, free)).toBeNull();
  });

  it('strikes no deal without gains from trade, and limits lots per deal', () => {
    expect(negotiate(a, { ...b, holdings: 760, trader: 1 }, grid, free)).toBeNull();
    expect(negotiate(a, b, grid, free, { maxLotsPerDeal: 1 })).toMatchObject({ lots: 1 });
  });

  it('validates options', () => {
    expect(() => negotiate(a, b, grid, free, { bargainingPower: 2 })).toThrow('otc.bargainingPower: must be a number from 0 to 1, got 2');
    expect(() => negotiate(a, b, grid, free, { maxLotsPerDeal: 0 })).toThrow('otc.maxLotsPerDeal: must be an integer ≥ 1, got 0');
  });
});

describe('randomPairs', () => {
  it('pairs everyone once (an odd one out waits), reproducibly from the named stream', () => {
    const items = [0, 1, 2, 3, 4, 5, 6];
    const pairs = randomPairs(items, new RunRandom(7, 0).stream('ets', 2030, 'microstructure.day0.otc'));
    expect(pairs).toHaveLength(3);
    expect(new Set(pairs.flat()).size).toBe(6);
    expect(randomPairs(items, new RunRandom(7, 0).stream('ets', 2030, 'microstructure.day0.otc'))).toEqual(pairs);
    expect(items).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
