/**
 * A continuous double auction ("ザラバ"): a limit order book with price-time priority.
 *
 * - Prices are integer ticks and quantities integer lots (`MarketGrid`); no float ever enters the book.
 * - An incoming order trades against the best opposite price level while it crosses (a buy at or above the best
 *   ask, a sell at or below the best bid; a market order crosses any level), oldest resting order first within a
 *   level. Every fill is at the resting order's price. Fills may be partial.
 * - The unfilled rest of a limit order rests in the book; the rest of a market order is cancelled (immediate or
 *   cancel), as is a market order that meets an empty side.
 * - Self-trade prevention: an incoming order never trades with a resting order of the same trader; that resting
 *   order is cancelled and matching continues ("cancel resting"), so priority of everyone else is unchanged.
 *
 * After every `submit` the book is uncrossed: best bid < best ask whenever both exist.
 *
 * @example
 * const book = new OrderBook(new MarketGrid({ tickSize: 1, lotSize: 10 }));
 * book.submit({ trader: 0, side: 'sell', type: 'limit', priceTicks: 1200, lots: 5 });
 * book.submit({ trader: 1, side: 'buy', type: 'limit', priceTicks: 1210, lots: 3 }).trades
 * // [{ priceTicks: 1200, lots: 3, buyer: 1, seller: 0, aggressor: 'buy', … }]
 */
import { MarketGrid, OrderValidationError } from './marketGrid.js';

export type Side = 'buy' | 'sell';

export type OrderRequest =
  | { trader: number; side: Side; type: 'limit'; priceTicks: number; lots: number }
  | { trader: number; side: Side; type: 'market'; lots: number };

/** One fill: the incoming (taker) order against one resting (maker) order. */
export interface BookTrade {
  /** Position of the trade in the book's life, from 0. */
  sequence: number;
  priceTicks: number;
  lots: number;
  buyer: number;
  seller: number;
  buyOrder: number;
  sellOrder: number;
  /** Side of the incoming order. */
  aggressor: Side;
}

export interface SubmitResult {
  orderId: number;
  trades: BookTrade[];
  filledLots: number;
  /** Lots left resting in the book (0 for market orders). */
  restingLots: number;
  /** Lots cancelled: the rest of a market order. */
  cancelledLots: number;
  /** Resting orders of the same trader cancelled by self-trade prevention. */
  selfTradeCancelled: number[];
}

export interface LevelView {
  priceTicks: number;
  lots: number;
  orders: number;
}

export interface RestingOrderView {
  id: number;
  trader: number;
  side: Side;
  priceTicks: number;
  remainingLots: number;
}

interface RestingOrder {
  id: number;
  trader: number;
  side: Side;
  priceTicks: number;
  remaining: number;
  level: PriceLevel;
  /** Index in `level.orders`. */
  slot: number;
}

class PriceLevel {
  readonly orders: (RestingOrder | null)[] = [];
  head = 0;
  lots = 0;
  count = 0;
  constructor(readonly priceTicks: number) {}

  /** Oldest live order, skipping cancelled slots. */
  first(): RestingOrder | null {
    while (this.head < this.orders.length) {
      const order = this.orders[this.head];
      if (order !== null && order !== undefined) return order;
      this.head++;
    }
    return null;
  }

  push(order: RestingOrder): void {
    order.slot = this.orders.length;
    this.orders.push(order);
    this.lots += order.remaining;
    this.count++;
  }

  /** Drops the consumed head of the queue once it is most of the array. */
  compact(): void {
    if (this.head > 32 && this.head * 2 > this.orders.length) {
      this.orders.splice(0, this.head);
      this.head = 0;
      for (let k = 0; k < this.orders.length; k++) {
        const order = this.orders[k];
        if (order !== null && order !== undefined) order.slot = k;
      }
    }
  }
}

/**
 * One side of the book: price levels sorted so that the best is last (bids ascending, asks descending), making the
 * removal of an exhausted best level O(1).
 */
class BookSide {
  readonly levels: PriceLevel[] = [];
  readonly byPrice = new Map<number, PriceLevel>();
  /** +1 for bids (higher is better), −1 for asks. */
  constructor(private readonly direction: 1 | -1) {}

  best(): PriceLevel | null {
    return this.levels[this.levels.length - 1] ?? null;
  }

  levelAt(priceTicks: number): PriceLevel {
    let level = this.byPrice.get(priceTicks);
    if (level !== undefined) return level;
    level = new PriceLevel(priceTicks);
    this.byPrice.set(priceTicks, level);
    // Binary search for the first level that is better than the new one.
    const key = this.direction * priceTicks;
    let lo = 0;
    let hi = this.levels.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.direction * this.levels[mid]!.priceTicks < key) lo = mid + 1;
      else hi = mid;
    }
    this.levels.splice(lo, 0, level);
    return level;
  }

  remove(level: PriceLevel): void {
    this.byPrice.delete(level.priceTicks);
    const last = this.levels.length - 1;
    if (this.levels[last] === level) {
      this.levels.pop();
      return;
    }
    const key = this.direction * level.priceTicks;
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.direction * this.levels[mid]!.priceTicks < key) lo = mid + 1;
      else hi = mid;
    }
    this.levels.splice(lo, 1);
  }
}

export class OrderBook {
  readonly grid: MarketGrid;
  private readonly bids = new BookSide(1);
  private readonly asks = new BookSide(-1);
  private readonly live = new Map<number, RestingOrder>();
  private nextOrderId = 0;
  private nextTradeSequence = 0;

  constructor(grid: MarketGrid = new MarketGrid()) {
    this.grid = grid;
  }

  /** Validates an order (throws `OrderValidationError` naming the field) and matches it. */
  submit(request: OrderRequest): SubmitResult {
    const grid = this.grid;
    if (!Number.isInteger(request.trader) || request.trader < 0) throw new OrderValidationError('trader', `must be an integer ≥ 0, got ${request.trader}`);
    if (request.side !== 'buy' && request.side !== 'sell') throw new OrderValidationError('side', `must be "buy" or "sell", got ${String(request.side)}`);
    if (request.type !== 'limit' && request.type !== 'market') throw new OrderValidationError('type', `must be "limit" or "market", got ${String((request as { type: unknown }).type)}`);
    grid.checkLots(request.lots, 'lots');
    const limit = request.type === 'limit' ? grid.checkTicks(request.priceTicks, 'priceTicks') : null;

    const orderId = this.nextOrderId++;
    const isBuy = request.side === 'buy';
    const opposite = isBuy ? this.asks : this.bids;
    const trades: BookTrade[] = [];
    const selfTradeCancelled: number[] = [];
    let remaining = request.lots;

    while (remaining > 0) {
      const level = opposite.best();
      if (level === null) break;
      if (limit !== null && (isBuy ? level.priceTicks > limit : level.priceTicks < limit)) break;
      const maker = level.first();
      if (maker === null) {
        // Defensive: a level whose slots are all cancelled (cannot happen while `lots` bookkeeping holds).
        opposite.remove(level);
        continue;
      }
      if (maker.trader === request.trader) {
        selfTradeCancelled.push(maker.id);
        this.cancelResting(maker);
        continue;
      }
      const lots = Math.min(remaining, maker.remaining);
      trades.push({
        sequence: this.nextTradeSequence++,
        priceTicks: level.priceTicks,
        lots,
        buyer: isBuy ? request.trader : maker.trader,
        seller: isBuy ? maker.trader : request.trader,
        buyOrder: isBuy ? orderId : maker.id,
        sellOrder: isBuy ? maker.id : orderId,
        aggressor: request.side,
      });
      remaining -= lots;
      maker.remaining -= lots;
      level.lots -= lots;
      if (maker.remaining === 0) {
        level.orders[level.head] = null;
        level.head++;
        level.count--;
        this.live.delete(maker.id);
        if (level.count === 0) opposite.remove(level);
        else level.compact();
      }
    }

    let restingLots = 0;
    let cancelledLots = 0;
    if (remaining > 0) {
      if (limit === null) cancelledLots = remaining;
      else {
        const side = isBuy ? this.bids : this.asks;
        const level = side.levelAt(limit);
        const order: RestingOrder = { id: orderId, trader: request.trader, side: request.side, priceTicks: limit, remaining, level, slot: 0 };
        level.push(order);
        this.live.set(orderId, order);
        restingLots = remaining;
      }
    }
    return { orderId, trades, filledLots: request.lots - remaining, restingLots, cancelledLots, selfTradeCancelled };
  }

  /** Cancels a resting order; returns the lots it still had (0 if it is no longer in the book). */
  cancel(orderId: number): number {
    const order = this.live.get(orderId);
    if (order === undefined) return 0;
    const lots = order.remaining;
    this.cancelResting(order);
    return lots;
  }

  /** Cancels every resting order (end of a trading day for day orders); returns how many were cancelled. */
  cancelAll(): number {
    const count = this.live.size;
    this.live.clear();
    for (const side of [this.bids, this.asks]) {
      side.levels.length = 0;
      side.byPrice.clear();
    }
    return count;
  }

  private cancelResting(order: RestingOrder): void {
    const level = order.level;
    const side = order.side === 'buy' ? this.bids : this.asks;
    level.orders[order.slot] = null;
    level.lots -= order.remaining;
    level.count--;
    order.remaining = 0;
    this.live.delete(order.id);
    if (level.count === 0) side.remove(level);
  }

  bestBid(): number | null {
    return this.bids.best()?.priceTicks ?? null;
  }

  bestAsk(): number | null {
    return this.asks.best()?.priceTicks ?? null;
  }

  /** True when the best bid is at or above the best ask (never after `submit` returns). */
  isCrossed(): boolean {
    const bid = this.bestBid();
    const ask = this.bestAsk();
    return bid !== null && ask !== null && bid >= ask;
  }

  /** Price levels of one side, best first, up to `depth` of them. */
  levels(side: Side, depth = Number.POSITIVE_INFINITY): LevelView[] {
    const levels = (side === 'buy' ? this.bids : this.asks).levels;
    const out: LevelView[] = [];
    for (let k = levels.length - 1; k >= 0 && out.length < depth; k--) {
      const level = levels[k]!;
      out.push({ priceTicks: level.priceTicks, lots: level.lots, orders: level.count });
    }
    return out;
  }

  /** A resting order, or undefined once it is filled or cancelled. */
  order(orderId: number): RestingOrderView | undefined {
    const order = this.live.get(orderId);
    return order === undefined ? undefined : { id: order.id, trader: order.trader, side: order.side, priceTicks: order.priceTicks, remainingLots: order.remaining };
  }

  /** Resting orders of one side in priority order (best price first, then oldest first). */
  queue(side: Side): RestingOrderView[] {
    const levels = (side === 'buy' ? this.bids : this.asks).levels;
    const out: RestingOrderView[] = [];
    for (let k = levels.length - 1; k >= 0; k--) {
      const level = levels[k]!;
      for (let j = level.head; j < level.orders.length; j++) {
        const order = level.orders[j];
        if (order !== null && order !== undefined) out.push({ id: order.id, trader: order.trader, side: order.side, priceTicks: order.priceTicks, remainingLots: order.remaining });
      }
    }
    return out;
  }

  /** Number of resting orders. */
  get size(): number {
    return this.live.size;
  }
}
