/**
 * Trading strategies in isolation: ZI-C never quotes at a loss (Gode & Sunder's constraint), adaptive traders learn
 * from published prices and concede near the deadline, the market maker quotes around the last price.
 * Valuation used: MAC 0.5 a, baseline 1000 t, holding 800 t ⇒ a lot of 10 t is worth 97.5 to buy, costs 102.5 to sell.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinearMac } from '../../model/agents/macCurve.js';
import { AdaptiveTrader } from '../../model/microstructure/adaptive.js';
import { FeeSchedule } from '../../model/microstructure/fees.js';
import { FirmValuation } from '../../model/microstructure/firmValuation.js';
import { MarketGrid } from '../../model/microstructure/marketGrid.js';
import { MarketMaker } from '../../model/microstructure/marketMaker.js';
import type { QuoteContext } from '../../model/microstructure/trader.js';
import { ZeroIntelligenceTrader } from '../../model/microstructure/zeroIntelligence.js';
import { RunRandom } from '../../model/random/runRandom.js';

const grid = new MarketGrid({ tickSize: 1, lotSize: 10 });
const valuation = new FirmValuation({ baseline: 1000, mac: new LinearMac(0.5, Number.POSITIVE_INFINITY) });
const context = (over: Partial<QuoteContext> = {}): QuoteContext => ({
  valuation, holdings: 800, sellableLots: 80, cash: 1e9, grid, fees: new FeeSchedule(), day: 0, days: 10,
  bestBidTicks: null, bestAskTicks: null, lastPriceTicks: null, ...over,
});
const fixed = (u: number) => ({ next: () => u });

describe('ZeroIntelligenceTrader (ZI-C)', () => {
  const zi = new ZeroIntelligenceTrader({ minPrice: 1, maxPrice: 200 });

  it('bids uniformly in [minPrice, value] and asks uniformly in [cost, maxPrice]', () => {
    // Draw 0.25 < 0.5 ⇒ buy; price 1 + ⌊0.25 × 97⌋ = 25 (bid range 1…97: 97.5 rounds down).
    expect(zi.quote(context(), fixed(0.25))).toEqual([{ side: 'buy', type: 'limit', priceTicks: 25, lots: 1 }]);
    // Draw 0.75 ⇒ sell; price 103 + ⌊0.75 × 98⌋ = 176 (ask range 103…200: 102.5 rounds up).
    expect(zi.quote(context(), fixed(0.75))).toEqual([{ side: 'sell', type: 'limit', priceTicks: 176, lots: 1 }]);
  });

  it('never quotes at a loss net of fees, whatever the draws and position (property)', () => {
    const fees = new FeeSchedule({ rate: 0.01, perTonne: 1 });
    fc.assert(fc.property(fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 0, max: 2 ** 31 }), (holdings, seed) => {
      const random = new RunRandom(seed, 0).stream('zi', 2030, 'test');
      const ctx = context({ holdings, sellableLots: Math.floor(holdings / 10), fees });
      for (const order of zi.quote(ctx, random)) {
        if (order.type !== 'limit') return false;
        const price = order.priceTicks;
        const perTonne = fees.feePerTonne(price, 10);
        if (order.side === 'buy' && price + perTonne > valuation.buyValue(holdings, 10) + 1e-9) return false;
        if (order.side === 'sell' && (price - perTonne < valuation.sellValue(holdings, 10) - 1e-9 || ctx.sellableLots < 1)) return false;
        if (price < 1 || price > 200) return false;
      }
      return true;
    }), { numRuns: 300 });
  });

  it('does not offer without a whole lot to sell, nor bid when every lot is worth less than the lowest price', () => {
    const satisfied = context({ holdings: 1005, sellableLots: 0 });
    expect(zi.quote(satisfied, fixed(0.9))).toEqual([]);
    expect(zi.quote(context({ valuation: null }), fixed(0.1))).toEqual([]);
  });

  it('validates options', () => {
    expect(() => new ZeroIntelligenceTrader({ maxPrice: 0 })).toThrow('zeroIntelligence.maxPrice: must be a finite number > 0, got 0');
    expect(() => new ZeroIntelligenceTrader({ maxPrice: 10, minPrice: 20 })).toThrow('zeroIntelligence.minPrice: must be ≥ 0 and below maxPrice (10), got 20');
    expect(() => new ZeroIntelligenceTrader({ maxPrice: 10, lotsPerOrder: 0 })).toThrow('zeroIntelligence.lotsPerOrder: must be an integer ≥ 1, got 0');
  });
});

describe('AdaptiveTrader', () => {
  it('moves its estimate towards a newly published trade price by the learning rate', () => {
    const trader = new AdaptiveTrader({ initialPrice: 150, learningRate: 0.5 });
    trader.quote(context({ lastPriceTicks: 100 }), fixed(0.5));
    expect(trader.estimate).toBe(125);
    // The same last price again is no news: only the unfilled-order pressure acts (it had offered: 125 × 0.98).
    trader.quote(context({ lastPriceTicks: 100 }), fixed(0.5));
    expect(trader.estimate).toBeCloseTo(122.5, 12);
  });

  it('raises its estimate after an unfilled bid and learns from the mid-quote without trades', () => {
    const trader = new AdaptiveTrader({ initialPrice: 60, learningRate: 0.5, pressure: 0.1 });
    expect(trader.quote(context(), fixed(0.5))[0]).toMatchObject({ side: 'buy' });
    trader.quote(context(), fixed(0.5));
    expect(trader.estimate).toBeCloseTo(66, 12);
    trader.quote(context({ bestBidTicks: 90, bestAskTicks: 110, holdings: 810 }), fixed(0.5));
    expect(trader.estimate).toBeCloseTo(83, 12);
  });

  it('quotes inside ±width of its estimate early, and up to its full value on the last day', () => {
    // Estimate 90, width 0.1 ⇒ band 81…99; a bid is capped at the lot value 97.5 ⇒ 97.
    const early = new AdaptiveTrader({ initialPrice: 90, width: 0.1, pressure: 0 });
    const bidsEarly = Array.from({ length: 50 }, (_, k) => early.quote(context({ day: 0, days: 10 }), fixed((k + 0.5) / 100))[0]!);
    expect(bidsEarly.every((o) => o.side === 'buy' && o.type === 'limit' && o.priceTicks >= 81 && o.priceTicks <= 97)).toBe(true);
    // Estimate 50 (band 45…55): early bids stay ≤ 55; on the last day the band stretches to the value 97.
    const late = new AdaptiveTrader({ initialPrice: 50, width: 0.1, pressure: 0 });
    const top = (day: number) => late.quote(context({ day, days: 10 }), fixed(0.999))[0]!;
    expect(top(0)).toMatchObject({ side: 'buy', priceTicks: 55 });
    expect(top(9)).toMatchObject({ side: 'buy', priceTicks: 97 });
  });

  it('learns from the daily benchmark', () => {
    const trader = new AdaptiveTrader({ initialPrice: 80, learningRate: 0.25 });
    trader.observeDay({ benchmark: 120 } as never, { boughtLots: 0, soldLots: 0 });
    expect(trader.estimate).toBe(90);
  });

  it('validates options', () => {
    expect(() => new AdaptiveTrader({ learningRate: 1.5 })).toThrow('adaptive.learningRate: must be a number from 0 to 1, got 1.5');
    expect(() => new AdaptiveTrader({ initialPrice: -1 })).toThrow('adaptive.initialPrice: must be a finite number > 0, got -1');
  });
});

describe('MarketMaker', () => {
  it('quotes last price ± half spread, skewed against its inventory', () => {
    const dealer = new MarketMaker({ initialPrice: 100, halfSpread: 2, inventorySkew: 0.5, targetInventory: 100 });
    const ctx = context({ valuation: null, holdings: 100, sellableLots: 10 });
    expect(dealer.quote(ctx, fixed(0))).toEqual([{ side: 'buy', type: 'limit', priceTicks: 98, lots: 1 }, { side: 'sell', type: 'limit', priceTicks: 102, lots: 1 }]);
    // 40 t long = 4 lots over target ⇒ mid 110 − 2 = 108 around the last price 110.
    expect(dealer.quote({ ...ctx, holdings: 140, sellableLots: 14, lastPriceTicks: 110 }, fixed(0))).toEqual([
      { side: 'buy', type: 'limit', priceTicks: 106, lots: 1 }, { side: 'sell', type: 'limit', priceTicks: 110, lots: 1 },
    ]);
    // Nothing to sell: bid only.
    expect(dealer.quote({ ...ctx, holdings: 0, sellableLots: 0 }, fixed(0)).map((o) => o.side)).toEqual(['buy']);
  });

  it('validates options', () => {
    expect(() => new MarketMaker({ initialPrice: 100, halfSpread: -1 })).toThrow('marketMaker.halfSpread: must be a finite number ≥ 0, got -1');
  });
});
