/**
 * A periodic call auction (板寄せ, itayose): orders are collected, then executed together at one price.
 *
 * Clearing price, among the distinct limit prices of the orders (integer ticks), in this order of rules (the usual
 * exchange rules, e.g. Xetra and Euronext opening auctions):
 * 1. the most executable volume min(D(p), S(p)), where D(p) is the bid volume at p or higher (market bids count at
 *    every price) and S(p) the ask volume at p or lower;
 * 2. the least surplus |D(p) − S(p)|;
 * 3. market pressure: if every remaining price has surplus on the buy side, the highest; if every one has it on the
 *    sell side, the lowest;
 * 4. the price closest to the reference price (e.g. the last trade), ties to the lower;
 * 5. without a reference price, the lowest remaining price.
 * With market orders only on both sides the auction executes at the reference price, and without one not at all.
 *
 * Allocation: at the clearing price every order that is strictly better than it (and every market order) is served
 * before orders at the price; within those groups price, then time (the order of the input) decides. The side
 * with less volume is filled completely. Trades pair bids and asks in priority order, all at the clearing price.
 *
 * @example
 * clearCallAuction([
 *   { trader: 0, side: 'buy', priceTicks: 101, lots: 4 },
 *   { trader: 1, side: 'sell', priceTicks: 99, lots: 3 },
 * ]) // volume 3 at both 99 and 101, surplus +1 (buy side) at both ⇒ rule 3: clearingPriceTicks 101, volumeLots 3
 */
import type { Side } from './orderBook.js';
import { OrderValidationError } from './marketGrid.js';

export interface AuctionOrder {
  trader: number;
  side: Side;
  /** Limit price, ticks; null for a market order. */
  priceTicks: number | null;
  lots: number;
}

export interface AuctionFill {
  buyer: number;
  seller: number;
  /** Positions of the two orders in the input. */
  buyOrder: number;
  sellOrder: number;
  lots: number;
}

export interface CallAuctionResult {
  /** Clearing price, ticks; null when nothing executes. */
  clearingPriceTicks: number | null;
  volumeLots: number;
  /** D(p) − S(p) at the clearing price, lots (positive: unfilled demand). */
  surplusLots: number;
  fills: AuctionFill[];
  /** Lots executed per input order. */
  executedLots: number[];
}

export interface CallAuctionOptions {
  /** Reference price for rule 4, ticks (e.g. the last trade price). */
  referencePriceTicks?: number;
}

function validate(orders: readonly AuctionOrder[]): void {
  orders.forEach((order, k) => {
    if (order.side !== 'buy' && order.side !== 'sell') throw new OrderValidationError(`orders[${k}].side`, `must be "buy" or "sell", got ${String(order.side)}`);
    if (!Number.isSafeInteger(order.lots) || order.lots < 1) throw new OrderValidationError(`orders[${k}].lots`, `must be an integer ≥ 1, got ${order.lots}`);
    if (order.priceTicks !== null && (!Number.isSafeInteger(order.priceTicks) || order.priceTicks < 1)) {
      throw new OrderValidationError(`orders[${k}].priceTicks`, `must be an integer ≥ 1 or null (market order), got ${order.priceTicks}`);
    }
  });
}

/** Bid volume at `price` or higher and ask volume at `price` or lower, lots. */
function volumesAt(orders: readonly AuctionOrder[], price: number): { demand: number; supply: number } {
  let demand = 0;
  let supply = 0;
  for (const order of orders) {
    if (order.side === 'buy') {
      if (order.priceTicks === null || order.priceTicks >= price) demand += order.lots;
    } else if (order.priceTicks === null || order.priceTicks <= price) supply += order.lots;
  }
  return { demand, supply };
}

/** Chooses the clearing price by rules 1–5 of the file comment; null when no price executes anything. */
export function auctionClearingPrice(orders: readonly AuctionOrder[], referencePriceTicks?: number): number | null {
  const candidates = [...new Set(orders.filter((o) => o.priceTicks !== null).map((o) => o.priceTicks!))].sort((a, b) => a - b);
  if (candidates.length === 0) {
    if (referencePriceTicks === undefined) return null;
    const { demand, supply } = volumesAt(orders, referencePriceTicks);
    return Math.min(demand, supply) > 0 ? referencePriceTicks : null;
  }
  const rows = candidates.map((price) => {
    const { demand, supply } = volumesAt(orders, price);
    return { price, volume: Math.min(demand, supply), surplus: demand - supply };
  });
  const maxVolume = Math.max(...rows.map((r) => r.volume));
  if (maxVolume === 0) return null;
  let tied = rows.filter((r) => r.volume === maxVolume);
  const minSurplus = Math.min(...tied.map((r) => Math.abs(r.surplus)));
  tied = tied.filter((r) => Math.abs(r.surplus) === minSurplus);
  if (tied.length === 1) return tied[0]!.price;
  if (tied.every((r) => r.surplus > 0)) return tied[tied.length - 1]!.price;
  if (tied.every((r) => r.surplus < 0)) return tied[0]!.price;
  if (referencePriceTicks !== undefined) {
    let best = tied[0]!;
    for (const r of tied) if (Math.abs(r.price - referencePriceTicks) < Math.abs(best.price - referencePriceTicks)) best = r;
    return best.price;
  }
  return tied[0]!.price;
}

export function clearCallAuction(orders: readonly AuctionOrder[], options: CallAuctionOptions = {}): CallAuctionResult {
  validate(orders);
  if (options.referencePriceTicks !== undefined && (!Number.isSafeInteger(options.referencePriceTicks) || options.referencePriceTicks < 1)) {
    throw new OrderValidationError('referencePriceTicks', `must be an integer ≥ 1, got ${options.referencePriceTicks}`);
  }
  const executedLots = orders.map(() => 0);
  const price = auctionClearingPrice(orders, options.referencePriceTicks);
  if (price === null) return { clearingPriceTicks: null, volumeLots: 0, surplusLots: 0, fills: [], executedLots };
  const { demand, supply } = volumesAt(orders, price);
  const volume = Math.min(demand, supply);

  // Priority: market orders, then better limit prices, then input order.
  const rank = (side: Side) => orders
    .map((order, k) => ({ order, k }))
    .filter(({ order }) => order.side === side && (order.priceTicks === null || (side === 'buy' ? order.priceTicks >= price : order.priceTicks <= price)))
    .sort((x, y) => {
      const px = x.order.priceTicks;
      const py = y.order.priceTicks;
      if (px === null || py === null) return (px === null ? 0 : 1) - (py === null ? 0 : 1) || x.k - y.k;
      return (side === 'buy' ? py - px : px - py) || x.k - y.k;
    });
  const bids = rank('buy');
  const asks = rank('sell');
  const fills: AuctionFill[] = [];
  let b = 0;
  let a = 0;
  let bidLeft = bids[0]?.order.lots ?? 0;
  let askLeft = asks[0]?.order.lots ?? 0;
  let left = volume;
  while (left > 0 && b < bids.length && a < asks.length) {
    const lots = Math.min(bidLeft, askLeft, left);
    const bid = bids[b]!;
    const ask = asks[a]!;
    fills.push({ buyer: bid.order.trader, seller: ask.order.trader, buyOrder: bid.k, sellOrder: ask.k, lots });
    executedLots[bid.k]! += lots;
    executedLots[ask.k]! += lots;
    left -= lots;
    bidLeft -= lots;
    askLeft -= lots;
    if (bidLeft === 0 && ++b < bids.length) bidLeft = bids[b]!.order.lots;
    if (askLeft === 0 && ++a < asks.length) askLeft = asks[a]!.order.lots;
  }
  return { clearingPriceTicks: price, volumeLots: volume, surplusLots: demand - supply, fills, executedLots };
}
