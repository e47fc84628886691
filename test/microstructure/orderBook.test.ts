/**
 * The continuous order book on hand-built books. Expected fills are worked out by hand from the rules in
 * orderBook.ts: best price first, oldest first within a price, fills at the resting order's price.
 */
import { describe, expect, it } from 'vitest';
import { MarketGrid } from '../../model/microstructure/marketGrid.js';
import { OrderBook } from '../../model/microstructure/orderBook.js';

const grid = new MarketGrid({ tickSize: 1, lotSize: 10, maxPriceTicks: 10_000 });
const limit = (trader: number, side: 'buy' | 'sell', priceTicks: number, lots: number) => ({ trader, side, type: 'limit' as const, priceTicks, lots });

describe('OrderBook: price-time priority', () => {
  // Asks: trader 1 @101 × 2 (first), trader 2 @100 × 3, trader 3 @100 × 4, trader 4 @102 × 5.
  const book = () => {
    const b = new OrderBook(grid);
    b.submit(limit(1, 'sell', 101, 2));
    b.submit(limit(2, 'sell', 100, 3));
    b.submit(limit(3, 'sell', 100, 4));
    b.submit(limit(4, 'sell', 102, 5));
    return b;
  };

  it('rests non-crossing orders, best price first and oldest first within a price', () => {
    const b = book();
    expect(b.queue('sell').map((o) => [o.trader, o.priceTicks, o.remainingLots])).toEqual([[2, 100, 3], [3, 100, 4], [1, 101, 2], [4, 102, 5]]);
    expect(b.levels('sell')).toEqual([{ priceTicks: 100, lots: 7, orders: 2 }, { priceTicks: 101, lots: 2, orders: 1 }, { priceTicks: 102, lots: 5, orders: 1 }]);
    expect(b.bestAsk()).toBe(100);
    expect(b.bestBid()).toBeNull();
  });

  it('sweeps levels in priority order at the resting prices, with a partial fill of the last maker', () => {
    // Buy 8 @101: 3 from trader 2 @100, 4 from trader 3 @100, 1 of trader 1's 2 @101. Nothing rests.
    const b = book();
    const result = b.submit(limit(9, 'buy', 101, 8));
    expect(result.trades.map((t) => [t.seller, t.priceTicks, t.lots])).toEqual([[2, 100, 3], [3, 100, 4], [1, 101, 1]]);
    expect(result.trades.every((t) => t.buyer === 9 && t.aggressor === 'buy')).toBe(true);
    expect(result).toMatchObject({ filledLots: 8, restingLots: 0, cancelledLots: 0 });
    expect(b.queue('sell').map((o) => [o.trader, o.priceTicks, o.remainingLots])).toEqual([[1, 101, 1], [4, 102, 5]]);
  });

  it('rests the unfilled rest of a limit order at its limit, leaving the book uncrossed', () => {
    // Buy 12 @101 takes all 9 lots at 100–101; 3 lots rest as the best bid @101, below the best ask @102.
    const b = book();
    const result = b.submit(limit(9, 'buy', 101, 12));
    expect(result).toMatchObject({ filledLots: 9, restingLots: 3 });
    expect(b.bestBid()).toBe(101);
    expect(b.bestAsk()).toBe(102);
    expect(b.isCrossed()).toBe(false);
    expect(b.order(result.orderId)).toEqual({ id: result.orderId, trader: 9, side: 'buy', priceTicks: 101, remainingLots: 3 });
  });

  it('gives a later order at the same price lower priority (time priority) on the bid side too', () => {
    const b = new OrderBook(grid);
    b.submit(limit(1, 'buy', 99, 2));
    b.submit(limit(2, 'buy', 99, 2));
    b.submit(limit(3, 'buy', 98, 2));
    const result = b.submit(limit(4, 'sell', 98, 3));
    expect(result.trades.map((t) => [t.buyer, t.priceTicks, t.lots])).toEqual([[1, 99, 2], [2, 99, 1]]);
    expect(b.queue('buy').map((o) => [o.trader, o.priceTicks, o.remainingLots])).toEqual([[2, 99, 1], [3, 98, 2]]);
  });

  it('cancels the rest of a market order (immediate or cancel), and a market order on an empty side entirely', () => {
    const b = book();
    const result = b.submit({ trader: 9, side: 'buy', type: 'market', lots: 20 });
    expect(result.trades.map((t) => [t.priceTicks, t.lots])).toEqual([[100, 3], [100, 4], [101, 2], [102, 5]]);
    expect(result).toMatchObject({ filledLots: 14, restingLots: 0, cancelledLots: 6 });
    expect(b.size).toBe(0);
    expect(b.submit({ trader: 9, side: 'sell', type: 'market', lots: 1 })).toMatchObject({ filledLots: 0, cancelledLots: 1, trades: [] });
  });

  it('prevents self-trades by cancelling the trader\'s own resting order and matching on', () => {
    // Trader 2's own ask @100 × 3 is cancelled; it then trades with trader 3 @100.
    const b = book();
    const result = b.submit(limit(2, 'buy', 100, 2));
    expect(result.selfTradeCancelled).toHaveLength(1);
    expect(result.trades.map((t) => [t.seller, t.priceTicks, t.lots])).toEqual([[3, 100, 2]]);
    expect(b.levels('sell', 1)).toEqual([{ priceTicks: 100, lots: 2, orders: 1 }]);
  });

  it('cancels a resting order and drops an emptied level', () => {
    const b = book();
    const id = b.queue('sell').find((o) => o.trader === 1)!.id;
    expect(b.cancel(id)).toBe(2);
    expect(b.cancel(id)).toBe(0);
    expect(b.levels('sell').map((l) => l.priceTicks)).toEqual([100, 102]);
    expect(b.cancelAll()).toBe(3);
    expect(b.bestAsk()).toBeNull();
  });

  it('keeps priority after a cancellation in the middle of a queue', () => {
    const b = new OrderBook(grid);
    const ids = [1, 2, 3].map((trader) => b.submit(limit(trader, 'sell', 100, 1)).orderId);
    b.cancel(ids[1]!);
    const result = b.submit(limit(9, 'buy', 100, 2));
    expect(result.trades.map((t) => t.seller)).toEqual([1, 3]);
  });

  it('numbers trades in the order they happen across submissions', () => {
    const b = book();
    const first = b.submit(limit(8, 'buy', 100, 4)).trades;
    const second = b.submit(limit(9, 'buy', 100, 1)).trades;
    expect([...first, ...second].map((t) => t.sequence)).toEqual([0, 1, 2]);
  });
});

describe('OrderBook: validation', () => {
  const b = new OrderBook(new MarketGrid({ tickSize: 1, lotSize: 10, minLots: 2, maxPriceTicks: 1000 }));
  it.each([
    [{ trader: 0, side: 'buy', type: 'limit', priceTicks: 100.5, lots: 2 }, 'priceTicks: must be an integer number of ticks from 1 to 1000, got 100.5'],
    [{ trader: 0, side: 'buy', type: 'limit', priceTicks: 0, lots: 2 }, 'priceTicks: must be an integer number of ticks from 1 to 1000, got 0'],
    [{ trader: 0, side: 'buy', type: 'limit', priceTicks: 1001, lots: 2 }, 'priceTicks: must be an integer number of ticks from 1 to 1000, got 1001'],
    [{ trader: 0, side: 'sell', type: 'limit', priceTicks: 100, lots: 1 }, 'lots: must be an integer number of lots ≥ minLots (2), got 1'],
    [{ trader: 0, side: 'sell', type: 'market', lots: 2.5 }, 'lots: must be an integer number of lots ≥ minLots (2), got 2.5'],
    [{ trader: -1, side: 'sell', type: 'market', lots: 2 }, 'trader: must be an integer ≥ 0, got -1'],
    [{ trader: 0, side: 'hold', type: 'market', lots: 2 }, 'side: must be "buy" or "sell", got hold'],
    [{ trader: 0, side: 'buy', type: 'stop', lots: 2 }, 'type: must be "limit" or "market", got stop'],
  ])('rejects %j', (request, message) => {
    expect(() => b.submit(request as never)).toThrow(message);
    expect(b.size).toBe(0);
  });
});
