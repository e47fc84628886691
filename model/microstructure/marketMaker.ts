/**
 * An intermediary (dealer) without a compliance obligation: quotes a bid and an ask around a reference price, the
 * last published trade price (or its `initialPrice` before the first trade), skewed against its inventory so that it
 * sells down a long position and buys back a short one. It holds its own units and cash; it never sells more than it
 * holds, and stops bidding once it holds `maxInventory` t.
 *
 * Quotes: mid = reference − inventorySkew × (holdings − targetInventory) / lotSize (currency/t per lot away from
 * target); bid = mid − halfSpread, ask = mid + halfSpread, rounded outwards to ticks.
 */
import { MicrostructureOptionError } from './marketGrid.js';
import type { UniformSource } from './randomStreams.js';
import type { OrderIntent, QuoteContext, TradingStrategy } from './trader.js';

export interface MarketMakerOptions {
  /** Reference price before the first trade, currency/t (> 0). */
  initialPrice: number;
  /** Half the quoted spread, currency/t (≥ 0). */
  halfSpread: number;
  /** Lots on each side (default 1). */
  lotsPerQuote?: number;
  /** Inventory the dealer aims at, t (default 0). */
  targetInventory?: number;
  /** Quote shift per lot of inventory away from target, currency/t (default 0). */
  inventorySkew?: number;
  /** Holdings above which it stops bidding, t (default +∞). */
  maxInventory?: number;
}

export class MarketMaker implements TradingStrategy {
  readonly options: Required<MarketMakerOptions>;

  constructor(options: MarketMakerOptions, optionPath = 'marketMaker') {
    const check = (value: number, option: string, rule: string, ok: boolean): void => {
      if (!ok) throw new MicrostructureOptionError(`${optionPath}.${option}`, `${rule}, got ${value}`);
    };
    check(options.initialPrice, 'initialPrice', 'must be a finite number > 0', options.initialPrice > 0 && Number.isFinite(options.initialPrice));
    check(options.halfSpread, 'halfSpread', 'must be a finite number ≥ 0', options.halfSpread >= 0 && Number.isFinite(options.halfSpread));
    const lots = options.lotsPerQuote ?? 1;
    check(lots, 'lotsPerQuote', 'must be an integer ≥ 1', Number.isSafeInteger(lots) && lots >= 1);
    const skew = options.inventorySkew ?? 0;
    check(skew, 'inventorySkew', 'must be a finite number ≥ 0', skew >= 0 && Number.isFinite(skew));
    const maxInventory = options.maxInventory ?? Number.POSITIVE_INFINITY;
    check(maxInventory, 'maxInventory', 'must be a number ≥ 0', maxInventory >= 0);
    this.options = { initialPrice: options.initialPrice, halfSpread: options.halfSpread, lotsPerQuote: lots, targetInventory: options.targetInventory ?? 0, inventorySkew: skew, maxInventory };
  }

  quote(context: QuoteContext, _random: UniformSource): readonly OrderIntent[] {
    void _random;
    const { grid } = context;
    const o = this.options;
    const reference = context.lastPriceTicks === null ? o.initialPrice : grid.ticksToPrice(context.lastPriceTicks);
    const mid = reference - (o.inventorySkew * (context.holdings - o.targetInventory)) / grid.lotSize;
    const lots = Math.max(o.lotsPerQuote, grid.minLots);
    const out: OrderIntent[] = [];
    const bidTicks = grid.ticksAtOrBelow(mid - o.halfSpread);
    if (bidTicks >= 1 && context.holdings < o.maxInventory) out.push({ side: 'buy', type: 'limit', priceTicks: bidTicks, lots });
    const askTicks = Math.max(grid.ticksAtOrAbove(mid + o.halfSpread), bidTicks + 1);
    if (context.sellableLots >= lots && askTicks <= grid.maxPriceTicks) out.push({ side: 'sell', type: 'limit', priceTicks: askTicks, lots });
    return out;
  }
}
