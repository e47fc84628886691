/**
 * Trading sessions on the closed-form market of fixture.ts (p* = 100; MACs before trading 60, 80, 120, 140).
 */
import { describe, expect, it } from 'vitest';
import { FeeSchedule } from '../../model/microstructure/fees.js';
import { MarketGrid } from '../../model/microstructure/marketGrid.js';
import { MarketMaker } from '../../model/microstructure/marketMaker.js';
import { runTradingSession, type TradingSessionOptions, type Venue } from '../../model/microstructure/tradingSession.js';
import { ZeroIntelligenceTrader } from '../../model/microstructure/zeroIntelligence.js';
import { AdaptiveTrader } from '../../model/microstructure/adaptive.js';
import { RunRandom } from '../../model/random/runRandom.js';
import type { TradingStrategy } from '../../model/microstructure/trader.js';
import { openMarket, patternScenario, totalComplianceCost } from './fixture.js';

const grid = new MarketGrid({ tickSize: 1, lotSize: 10 });
const zi = () => new ZeroIntelligenceTrader({ minPrice: 1, maxPrice: 200 });
const base = (venue: Venue, over: Partial<TradingSessionOptions> = {}): TradingSessionOptions => ({ market: 'ets', period: 2026, venue, grid, days: 10, roundsPerDay: 4, ...over });

function run(n: number, seed: number, options: TradingSessionOptions, strategy: () => TradingStrategy = zi) {
  const market = openMarket(patternScenario(n), () => strategy());
  const before = market.traders.map((t) => t.valuation!.complianceCost(market.units.balance(t.account)));
  const result = runTradingSession(market.traders, market.settlement, new RunRandom(seed, 0), options);
  return { market, result, before };
}

describe('runTradingSession: determinism and bookkeeping', () => {
  it('is a pure function of its inputs and the seed', () => {
    const a = run(8, 3, base('continuous')).result;
    const b = run(8, 3, base('continuous')).result;
    const c = run(8, 4, base('continuous')).result;
    expect(b.trades).toEqual(a.trades);
    expect(b.daily).toEqual(a.daily);
    expect(c.trades).not.toEqual(a.trades);
  });

  it('publishes daily indicators consistent with the trades and the period', () => {
    const { result } = run(8, 5, base('continuous'));
    expect(result.trades.length).toBeGreaterThan(0);
    expect(result.daily).toHaveLength(10);
    expect(result.daily.reduce((s, d) => s + d.volume, 0)).toBe(result.period.volume);
    for (const [day, row] of result.daily.entries()) {
      const today = result.trades.filter((t) => t.day === day);
      if (today.length > 0) {
        expect(row.close).toBe(today[today.length - 1]!.price);
        expect(row.open).toBe(today[0]!.price);
        expect(row.high).toBe(Math.max(...today.map((t) => t.price)));
      }
    }
    expect(result.period.close).toBe(result.trades[result.trades.length - 1]!.price);
    expect(result.trades.every((t) => t.aggressor !== null && t.venue === 'continuous')).toBe(true);
  });

  it('books every trade to the traders: purchases, sales and payments add up', () => {
    const { result, market } = run(8, 6, base('continuous'));
    const traded = result.trades.reduce((s, t) => s + t.quantity, 0);
    expect(result.traders.reduce((s, t) => s + t.bought, 0)).toBe(traded);
    expect(result.traders.reduce((s, t) => s + t.sold, 0)).toBe(traded);
    expect(result.traders.reduce((s, t) => s + t.netPayments, 0)).toBeCloseTo(0, 6);
    for (const t of result.traders) expect(t.finalHoldings).toBe(market.units.balance(t.account));
    expect(result.failed).toEqual([]);
  });

  it('leaves no firm worse off than without trading (ZI-C never trades at a loss, fees included)', () => {
    const fees = new FeeSchedule({ rate: 0.01, perTrade: 20 });
    const { result, market, before } = run(8, 7, base('continuous', { fees }));
    market.traders.forEach((trader, k) => {
      const outcome = result.traders[k]!;
      const after = trader.valuation!.complianceCost(outcome.finalHoldings) + outcome.netPayments + outcome.costsPaid;
      expect(after).toBeLessThanOrEqual(before[k]! + 1e-6);
    });
    expect(market.cash.balance(market.venueAccount).toNumber()).toBeCloseTo(result.traders.reduce((s, t) => s + t.costsPaid, 0), 6);
  });
});

describe('runTradingSession: costs make markets thin', () => {
  // Gains from trade at the reference price 100 (lots of 10 t): the 60 and 140 firms gain 1600 each
  // (e.g. selling 80 t: 8000 − (C(200) − C(120)) = 8000 − 6400), the 80 and 120 firms 400 each (4000 − 3600).
  it('a participation cost of 1000 keeps out the firms that would gain only 400', () => {
    const fees = new FeeSchedule({ participationCost: 1000 });
    const { result, market } = run(8, 1, base('continuous', { fees, referencePrice: 100 }));
    expect(result.participants).toBe(4);
    expect(result.traders.filter((t) => t.participated).map((t) => t.id)).toEqual(['F0', 'F3', 'F4', 'F7']);
    expect(market.cash.balance(market.venueAccount).toString()).toBe('4000');
    expect(result.traders.filter((t) => !t.participated).every((t) => t.ordersSubmitted === 0 && t.bought === 0 && t.sold === 0)).toBe(true);
  });

  it('a participation cost above every firm\'s gains leaves no market at all (cf. one allowance trade in FY2008)', () => {
    const fees = new FeeSchedule({ participationCost: 2000 });
    const { result } = run(8, 1, base('continuous', { fees, referencePrice: 100 }));
    expect(result.participants).toBe(0);
    expect(result.trades).toEqual([]);
    expect(result.period.benchmarkSource).toBe('none');
  });

  it('trading fees shrink the traded volume (mean over seeds)', () => {
    const volume = (fees: FeeSchedule) => [1, 2, 3, 4].reduce((s, seed) => s + run(16, seed, base('continuous', { fees })).result.period.volume, 0);
    expect(volume(new FeeSchedule({ perTonne: 15 }))).toBeLessThan(volume(new FeeSchedule()));
  });

  it('requires a reference price when a participation cost is set', () => {
    const market = openMarket(patternScenario(4), zi);
    expect(() => runTradingSession(market.traders, market.settlement, new RunRandom(1, 0), base('continuous', { fees: new FeeSchedule({ participationCost: 1 }) })))
      .toThrow('referencePrice: is required when fees.participationCost > 0 (participants weigh the cost against their gains at that price)');
  });
});

describe('runTradingSession: venues and deadline', () => {
  it.each(['continuous', 'call', 'otc'] as const)('%s: trades towards least cost and settles every trade', (venue) => {
    const { result, market } = run(16, 2, base(venue));
    const least = 16 * 10_000;
    const initial = 4 * 0.25 * (120 ** 2 + 160 ** 2 + 240 ** 2 + 280 ** 2);
    expect(result.trades.length).toBeGreaterThan(0);
    expect(result.failed).toEqual([]);
    const cost = totalComplianceCost(market);
    expect(cost).toBeLessThan(initial);
    expect(cost).toBeGreaterThanOrEqual(least - 1e-6);
    expect(result.trades.every((t) => t.venue === venue && (venue === 'continuous') === (t.aggressor !== null))).toBe(true);
  });

  it('a call auction executes each batch at one price', () => {
    const { result } = run(16, 3, base('call', { roundsPerDay: 2 }));
    const batches = new Map<string, Set<number>>();
    // Trades of one auction are consecutive and share a day; prices differ only between auctions.
    for (const t of result.trades) {
      const key = `${t.day}`;
      batches.set(key, (batches.get(key) ?? new Set()).add(t.price));
    }
    for (const prices of batches.values()) expect(prices.size).toBeLessThanOrEqual(2);
  });

  it('rising activity towards the deadline moves volume to the last days (more trading near true-up)', () => {
    let early = 0;
    let late = 0;
    for (const seed of [1, 2, 3, 4]) {
      const { result } = run(16, seed, base('continuous', { days: 20, activity: { first: 0.05, exponent: 2 } }));
      for (const [day, row] of result.daily.entries()) {
        if (day < 5) early += row.volume;
        if (day >= 15) late += row.volume;
      }
    }
    expect(late).toBeGreaterThan(early);
  });

  it('adaptive traders reach the least-cost allocation too', () => {
    const { market, result } = run(16, 4, base('continuous', { days: 20 }), () => new AdaptiveTrader());
    expect(result.trades.length).toBeGreaterThan(0);
    expect(totalComplianceCost(market) / (16 * 10_000)).toBeLessThan(1.02);
  });

  it('an intermediary takes part with its own units and cash and never goes short', () => {
    const market = openMarket(patternScenario(8), zi, { extraAccounts: 1, extraUnits: 100, extraCash: 50_000 });
    const dealerAccount = market.venueAccount + 1;
    const traders = [...market.traders, { id: 'dealer', account: dealerAccount, valuation: null, strategy: new MarketMaker({ initialPrice: 100, halfSpread: 3, lotsPerQuote: 2, inventorySkew: 1, targetInventory: 100 }) }];
    const result = runTradingSession(traders, market.settlement, new RunRandom(9, 0), base('continuous'));
    const dealer = result.traders.find((t) => t.id === 'dealer')!;
    expect(dealer.participated).toBe(true);
    expect(dealer.bought + dealer.sold).toBeGreaterThan(0);
    expect(dealer.finalHoldings).toBe(100 + dealer.bought - dealer.sold);
    expect(dealer.finalHoldings).toBeGreaterThanOrEqual(0);
    expect(market.cash.balance(dealerAccount).toNumber()).toBeCloseTo(50_000 - dealer.netPayments, 6);
    expect(dealer.abatementNeeded).toBeNaN();
  });
});

describe('runTradingSession: options', () => {
  const market = openMarket(patternScenario(4), zi);
  const attempt = (over: Partial<TradingSessionOptions>) => () => runTradingSession(market.traders, market.settlement, new RunRandom(1, 0), base('continuous', over));
  it.each([
    [{ days: 0 }, 'days: must be an integer ≥ 1, got 0'],
    [{ roundsPerDay: 1.5 }, 'roundsPerDay: must be an integer ≥ 1, got 1.5'],
    [{ venue: 'dark' as Venue }, 'venue: must be "continuous", "call" or "otc", got dark'],
    [{ activity: { first: 0 } }, 'activity.first: must be a number in (0, 1], got 0'],
    [{ referencePrice: -5 }, 'referencePrice: must be a finite number > 0, got -5'],
    [{ venue: 'otc' as Venue, otc: { bargainingPower: -1 } }, 'otc.bargainingPower: must be a number from 0 to 1, got -1'],
  ])('rejects %j', (over, message) => {
    expect(attempt(over)).toThrow(message);
  });

  it('rejects two traders on one account', () => {
    const twice = [market.traders[0]!, { ...market.traders[1]!, account: market.traders[0]!.account }];
    expect(() => runTradingSession(twice, market.settlement, new RunRandom(1, 0), base('continuous'))).toThrow('traders[1].account: account 0 is used by another trader');
  });
});
