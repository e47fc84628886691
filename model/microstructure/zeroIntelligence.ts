/**
 * Zero-intelligence constrained traders (ZI-C; Gode & Sunder 1993, "Allocative efficiency of markets with
 * zero-intelligence traders", J. Political Economy 101(1)): random limit orders, constrained only never to trade
 * at a loss. A buyer bids uniformly between the lowest price and its value of the next lot; a seller asks uniformly
 * between its cost of giving up the next lot and the highest price.
 *
 * Here a firm's value and cost come from its MAC at its current holdings (`FirmValuation`), net of fees, so a firm
 * may be a buyer or a seller; when both are possible it picks a side with equal probability. Each decision is one
 * order of `lotsPerOrder` lots (Gode and Sunder's traders trade one unit at a time).
 *
 * @example
 * new ZeroIntelligenceTrader({ minPrice: 1, maxPrice: 200 })
 */
import { MicrostructureOptionError } from './marketGrid.js';
import type { UniformSource } from './randomStreams.js';
import { uniformInteger } from './randomStreams.js';
import { highestBidTicks, lowestAskTicks, type OrderIntent, type QuoteContext, type TradingStrategy } from './trader.js';

export interface ZeroIntelligenceOptions {
  /** Lowest price a bid may take, currency/t (default: one tick). */
  minPrice?: number;
  /** Highest price an ask may take, currency/t. */
  maxPrice: number;
  /** Lots per order (default 1). */
  lotsPerOrder?: number;
}

export class ZeroIntelligenceTrader implements TradingStrategy {
  readonly minPrice: number | undefined;
  readonly maxPrice: number;
  readonly lotsPerOrder: number;

  constructor(options: ZeroIntelligenceOptions, optionPath = 'zeroIntelligence') {
    if (!(options.maxPrice > 0) || !Number.isFinite(options.maxPrice)) throw new MicrostructureOptionError(`${optionPath}.maxPrice`, `must be a finite number > 0, got ${options.maxPrice}`);
    if (options.minPrice !== undefined && !(options.minPrice >= 0 && options.minPrice < options.maxPrice)) {
      throw new MicrostructureOptionError(`${optionPath}.minPrice`, `must be ≥ 0 and below maxPrice (${options.maxPrice}), got ${options.minPrice}`);
    }
    const lots = options.lotsPerOrder ?? 1;
    if (!Number.isSafeInteger(lots) || lots < 1) throw new MicrostructureOptionError(`${optionPath}.lotsPerOrder`, `must be an integer ≥ 1, got ${lots}`);
    this.minPrice = options.minPrice;
    this.maxPrice = options.maxPrice;
    this.lotsPerOrder = lots;
  }

  quote(context: QuoteContext, random: UniformSource): readonly OrderIntent[] {
    const { valuation, grid, fees, holdings } = context;
    if (valuation === null) return [];
    const lots = Math.max(this.lotsPerOrder, grid.minLots);
    const tonnes = grid.lotsToQuantity(lots);
    const lowTicks = this.minPrice === undefined ? 1 : grid.ticksAtOrAbove(this.minPrice);
    const highTicks = grid.ticksAtOrBelow(this.maxPrice);
    const bidCap = Math.min(highestBidTicks(valuation.buyValue(holdings, tonnes), tonnes, grid, fees), highTicks);
    const askFloor = context.sellableLots >= lots ? Math.max(lowestAskTicks(valuation.sellValue(holdings, tonnes), tonnes, grid, fees), lowTicks) : Number.POSITIVE_INFINITY;
    const canBuy = bidCap >= lowTicks;
    const canSell = askFloor <= highTicks;
    if (!canBuy && !canSell) return [];
    const buy = canBuy && (!canSell || random.next() < 0.5);
    return buy
      ? [{ side: 'buy', type: 'limit', priceTicks: uniformInteger(random, lowTicks, bidCap), lots }]
      : [{ side: 'sell', type: 'limit', priceTicks: uniformInteger(random, askFloor, highTicks), lots }];
  }
}
