/**
 * Properties (fast-check):
 * - the order book equals a naive reference implementation of price-time priority (a list scanned for the best
 *   price, then the earliest order), never stays crossed, and conserves lots;
 * - a trading session on a random small market conserves units and cash exactly, never leaves a negative balance,
 *   never lets a firm sell more than its allocation plus its purchases, and settles every trade.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinearMac } from '../../model/agents/macCurve.js';
import { SimpleLedger } from '../../model/engine/unitLedger.js';
import { AdaptiveTrader } from '../../model/microstructure/adaptive.js';
import { CashLedger } from '../../model/microstructure/cashLedger.js';
import { FeeSchedule } from '../../model/microstructure/fees.js';
import { FirmValuation } from '../../model/microstructure/firmValuation.js';
import { MarketGrid } from '../../model/microstructure/marketGrid.js';
import { OrderBook, type BookTrade, type OrderRequest } from '../../model/microstructure/orderBook.js';
import { DeliveryVersusPayment } from '../../model/microstructure/settlement.js';
import { runTradingSession, type SessionTrader } from '../../model/microstructure/tradingSession.js';
import { ZeroIntelligenceTrader } from '../../model/microstructure/zeroIntelligence.js';
import { RunRandom } from '../../model/random/runRandom.js';

interface NaiveOrder { id: number; trader: number; side: 'buy' | 'sell'; price: number; remaining: number }

/** Price-time priority the obvious way: O(n) scans of a plain list. */
function naiveSubmit(list: NaiveOrder[], id: number, request: OrderRequest): { trades: [number, number, number, number][]; selfTradeLots: number } {
  const trades: [number, number, number, number][] = [];
  let selfTradeLots = 0;
  let remaining = request.lots;
  const limit = request.type === 'limit' ? request.priceTicks : null;
  while (remaining > 0) {
    let best: NaiveOrder | null = null;
    for (const o of list) {
      if (o.side === request.side) continue;
      const better = best === null || (request.side === 'buy' ? o.price < best.price : o.price > best.price) || (o.price === best.price && o.id < best.id);
      if (better) best = o;
    }
    if (best === null) break;
    if (limit !== null && (request.side === 'buy' ? best.price > limit : best.price < limit)) break;
    if (best.trader === request.trader) {
      selfTradeLots += best.remaining;
      list.splice(list.indexOf(best), 1);
      continue;
    }
    const lots = Math.min(remaining, best.remaining);
    trades.push([best.id, best.trader, best.price, lots]);
    remaining -= lots;
    best.remaining -= lots;
    if (best.remaining === 0) list.splice(list.indexOf(best), 1);
  }
  if (remaining > 0 && limit !== null) list.push({ id, trader: request.trader, side: request.side, price: limit, remaining });
  return { trades, selfTradeLots };
}

const requestArbitrary: fc.Arbitrary<OrderRequest | { cancel: number }> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ trader: fc.integer({ min: 0, max: 4 }), side: fc.constantFrom('buy' as const, 'sell' as const), type: fc.constant('limit' as const), priceTicks: fc.integer({ min: 95, max: 105 }), lots: fc.integer({ min: 1, max: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ trader: fc.integer({ min: 0, max: 4 }), side: fc.constantFrom('buy' as const, 'sell' as const), type: fc.constant('market' as const), lots: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 2, arbitrary: fc.record({ cancel: fc.integer({ min: 0, max: 60 }) }) },
);

describe('OrderBook properties', () => {
  it('matches a naive price-time priority reference, never stays crossed and conserves lots', () => {
    fc.assert(fc.property(fc.array(requestArbitrary, { maxLength: 60 }), (requests) => {
      const book = new OrderBook(new MarketGrid({ maxPriceTicks: 1000 }));
      const reference: NaiveOrder[] = [];
      let submitted = 0;
      let traded = 0;
      let cancelled = 0;
      for (const request of requests) {
        if ('cancel' in request) {
          const lots = book.cancel(request.cancel);
          const at = reference.findIndex((o) => o.id === request.cancel);
          expect(lots).toBe(at >= 0 ? reference[at]!.remaining : 0);
          if (at >= 0) reference.splice(at, 1);
          cancelled += lots;
          continue;
        }
        const result = book.submit(request);
        const expected = naiveSubmit(reference, result.orderId, request);
        const actual = result.trades.map((t: BookTrade) => [request.side === 'buy' ? t.sellOrder : t.buyOrder, request.side === 'buy' ? t.seller : t.buyer, t.priceTicks, t.lots]);
        expect(actual).toEqual(expected.trades);
        expect(book.isCrossed()).toBe(false);
        expect(result.filledLots + result.restingLots + result.cancelledLots).toBe(request.lots);
        expect(result.selfTradeCancelled.length > 0).toBe(expected.selfTradeLots > 0);
        submitted += request.lots;
        traded += result.filledLots;
        cancelled += result.cancelledLots + expected.selfTradeLots;
      }
      // Every resting order in the book is in the reference with the same remaining lots, in the same priority.
      const queue = [...book.queue('buy'), ...book.queue('sell')].map((o) => [o.id, o.remainingLots]).sort((a, b) => a[0]! - b[0]!);
      expect(queue).toEqual(reference.map((o) => [o.id, o.remaining]).sort((a, b) => a[0]! - b[0]!));
      // Lots: every submitted lot was traded (once on each side), cancelled, or is resting.
      const resting = reference.reduce((s, o) => s + o.remaining, 0);
      expect(2 * traded + cancelled + resting).toBe(submitted);
    }), { numRuns: 300 });
  });
});

const firmArbitrary = fc.record({
  baseline: fc.integer({ min: 50, max: 800 }),
  slope: fc.double({ min: 0.1, max: 3, noNaN: true }),
  allocationShare: fc.double({ min: 0, max: 1.3, noNaN: true }),
  cash: fc.integer({ min: 0, max: 200_000 }),
});

const sessionArbitrary = fc.record({
  firms: fc.array(firmArbitrary, { minLength: 2, maxLength: 7 }),
  venue: fc.constantFrom('continuous' as const, 'call' as const, 'otc' as const),
  strategy: fc.constantFrom('zi', 'adaptive'),
  lotSize: fc.constantFrom(1, 5, 10),
  tickSize: fc.constantFrom(0.5, 1, 10),
  rate: fc.constantFrom(0, 0.002, 0.02),
  perTrade: fc.constantFrom(0, 30),
  participationCost: fc.constantFrom(0, 200),
  seed: fc.integer({ min: 0, max: 2 ** 31 }),
});

describe('trading session properties', () => {
  it('conserves units and cash exactly, keeps balances ≥ 0 and sales within allocation + purchases', () => {
    fc.assert(fc.property(sessionArbitrary, (design) => {
      const n = design.firms.length;
      const units = new SimpleLedger(n + 1, 1);
      const allocation = design.firms.map((f) => Math.round(f.baseline * f.allocationShare));
      units.issue(0, allocation.reduce((s, a) => s + a, 0));
      allocation.forEach((a, k) => units.distribute(0, k, a));
      const cash = new CashLedger([...design.firms.map((f) => f.cash), 0]);
      const totalCash = cash.total().toString();
      const traders: SessionTrader[] = design.firms.map((f, k) => ({
        id: `F${k}`, account: k,
        valuation: new FirmValuation({ baseline: f.baseline, mac: new LinearMac(f.slope, Number.POSITIVE_INFINITY), shortfallPrice: 5000 }),
        strategy: design.strategy === 'zi' ? new ZeroIntelligenceTrader({ maxPrice: 3000 }) : new AdaptiveTrader(),
      }));
      const result = runTradingSession(traders, new DeliveryVersusPayment(units, cash, n), new RunRandom(design.seed, 0), {
        market: 'ets', period: 2030, venue: design.venue, grid: new MarketGrid({ lotSize: design.lotSize, tickSize: design.tickSize }),
        fees: new FeeSchedule({ rate: design.rate, perTrade: design.perTrade, participationCost: design.participationCost }),
        referencePrice: 300, days: 3, roundsPerDay: 3,
      });
      let held = 0;
      for (let k = 0; k <= n; k++) {
        expect(units.balance(k)).toBeGreaterThanOrEqual(0);
        expect(cash.balance(k).isNegative()).toBe(false);
        held += units.balance(k);
      }
      expect(held).toBe(allocation.reduce((s, a) => s + a, 0));
      expect(cash.total().toString()).toBe(totalCash);
      result.traders.forEach((t, k) => {
        expect(t.sold).toBeLessThanOrEqual(allocation[k]! + t.bought);
        expect(units.balance(k)).toBe(allocation[k]! + t.bought - t.sold);
      });
      expect(result.failed).toEqual([]);
      expect(result.daily.reduce((s, d) => s + d.volume, 0)).toBe(result.period.volume);
    }), { numRuns: 40 });
  });
});
