/**
 * Adaptive traders that learn the market price from published prices (after Cliff's ZIP traders, 1997: Widrow–Hoff
 * updates of a price estimate towards observed prices, pushed further when the trader's own orders go unfilled),
 * quoting like Gode and Sunder's ZI-C traders but inside a band around what they have learnt.
 *
 * Each trader holds an estimate π of the price: `initialPrice`, or else the last published trade price, or else its
 * own marginal value of holdings. Each time it acts it first learns:
 * - a trade published since it last looked moves π towards that price by `learningRate`; otherwise, when the book
 *   shows both a best bid and a best ask, π moves towards their midpoint by `learningRate`;
 * - if its previous order went unfilled (its holdings did not move), π moves by the relative `pressure` towards the
 *   other side of the market (up for a buyer, down for a seller);
 * and after each day π moves towards the day's published benchmark by `learningRate`.
 *
 * Then it quotes one limit order of `lotsPerOrder` lots, never at a loss (net of fees, as ZI-C): a bid uniformly in
 * [π(1 − width), π(1 + width)] capped at its value of the lots, or an ask uniformly in that band floored at its cost
 * of them; when both are possible it picks a side with equal probability. As the compliance deadline nears the band
 * stretches towards its own reservation price: a share c = ((day + 1) / days)^concessionExponent of the way, so on
 * the last day a buyer may bid up to its full value and a seller ask down to its cost (more trading near true-up).
 */
import { MicrostructureOptionError } from './marketGrid.js';
import type { PriceIndicators } from './indicators.js';
import { uniformInteger, type UniformSource } from './randomStreams.js';
import { highestBidTicks, lowestAskTicks, type DayFills, type OrderIntent, type QuoteContext, type TradingStrategy } from './trader.js';

export interface AdaptiveTraderOptions {
  /** First estimate of the price, currency/t (> 0; default: the last published price, else the trader's marginal value). */
  initialPrice?: number;
  /** Weight of an observed price in the new estimate, 0…1 (default 0.3). */
  learningRate?: number;
  /** Relative change of the estimate after an unfilled order, 0…1 (default 0.02). */
  pressure?: number;
  /** Relative half-width of the quoting band around the estimate, 0…1 (default 0.1). */
  width?: number;
  /** Lots per order (default 1). */
  lotsPerOrder?: number;
  /** Exponent of the concession towards the reservation price as the deadline nears, > 0 (default 2). */
  concessionExponent?: number;
}

function share(value: number | undefined, fallback: number, option: string): number {
  const v = value ?? fallback;
  if (!(v >= 0 && v <= 1)) throw new MicrostructureOptionError(option, `must be a number from 0 to 1, got ${v}`);
  return v;
}

export class AdaptiveTrader implements TradingStrategy {
  /** The current price estimate π, currency/t (NaN until the first quote when no initial price was given). */
  estimate: number;
  readonly learningRate: number;
  readonly pressure: number;
  readonly width: number;
  readonly lotsPerOrder: number;
  readonly concessionExponent: number;
  /** Side of the trader's last order, while it may still be resting. */
  private lastSide: 'buy' | 'sell' | null = null;
  /** Holdings when the trader last quoted, t. */
  private holdingsAtQuote = Number.NaN;
  /** Last trade price the trader has seen, ticks. */
  private seenLastTicks: number | null = null;

  constructor(options: AdaptiveTraderOptions = {}, optionPath = 'adaptive') {
    if (options.initialPrice !== undefined && !(options.initialPrice > 0 && Number.isFinite(options.initialPrice))) {
      throw new MicrostructureOptionError(`${optionPath}.initialPrice`, `must be a finite number > 0, got ${options.initialPrice}`);
    }
    this.estimate = options.initialPrice ?? Number.NaN;
    this.learningRate = share(options.learningRate, 0.3, `${optionPath}.learningRate`);
    this.pressure = share(options.pressure, 0.02, `${optionPath}.pressure`);
    this.width = share(options.width, 0.1, `${optionPath}.width`);
    const lots = options.lotsPerOrder ?? 1;
    if (!Number.isSafeInteger(lots) || lots < 1) throw new MicrostructureOptionError(`${optionPath}.lotsPerOrder`, `must be an integer ≥ 1, got ${lots}`);
    this.lotsPerOrder = lots;
    const exponent = options.concessionExponent ?? 2;
    if (!(exponent > 0) || !Number.isFinite(exponent)) throw new MicrostructureOptionError(`${optionPath}.concessionExponent`, `must be a finite number > 0, got ${exponent}`);
    this.concessionExponent = exponent;
  }

  quote(context: QuoteContext, random: UniformSource): readonly OrderIntent[] {
    const { valuation, grid, fees, holdings } = context;
    if (valuation === null) return [];
    this.learn(context);
    const lots = Math.max(this.lotsPerOrder, grid.minLots);
    const tonnes = grid.lotsToQuantity(lots);
    const bandLow = grid.ticksAtOrAbove(this.estimate * (1 - this.width));
    const bandHigh = Math.max(bandLow, grid.ticksAtOrBelow(this.estimate * (1 + this.width)));
    const concession = ((context.day + 1) / context.days) ** this.concessionExponent;
    const cap = highestBidTicks(valuation.buyValue(holdings, tonnes), tonnes, grid, fees);
    const floor = context.sellableLots >= lots ? lowestAskTicks(valuation.sellValue(holdings, tonnes), tonnes, grid, fees) : grid.maxPriceTicks + 1;
    const canBuy = cap >= bandLow;
    const canSell = floor <= bandHigh && floor <= grid.maxPriceTicks;
    if (!canBuy && !canSell) return [];
    const buy = canBuy && (!canSell || random.next() < 0.5);
    this.lastSide = buy ? 'buy' : 'sell';
    if (buy) {
      const high = Math.min(cap, Math.round(bandHigh + concession * Math.max(0, cap - bandHigh)));
      return [{ side: 'buy', type: 'limit', priceTicks: uniformInteger(random, Math.min(bandLow, high), high), lots }];
    }
    const low = Math.max(floor, Math.round(bandLow - concession * Math.max(0, bandLow - floor)));
    return [{ side: 'sell', type: 'limit', priceTicks: uniformInteger(random, low, Math.max(low, bandHigh)), lots }];
  }

  /** Updates π from what the trader sees now: a newly published trade or the quotes, and whether its last order filled. */
  private learn(context: QuoteContext): void {
    const { grid } = context;
    if (Number.isNaN(this.estimate)) {
      const own = context.lastPriceTicks === null ? context.valuation!.marginalValue(context.holdings) : grid.ticksToPrice(context.lastPriceTicks);
      this.estimate = Math.min(Math.max(own, grid.tickSize), grid.ticksToPrice(grid.maxPriceTicks));
    }
    if (context.lastPriceTicks !== null && context.lastPriceTicks !== this.seenLastTicks) {
      this.seenLastTicks = context.lastPriceTicks;
      this.estimate += this.learningRate * (grid.ticksToPrice(context.lastPriceTicks) - this.estimate);
    } else if (context.bestBidTicks !== null && context.bestAskTicks !== null) {
      this.estimate += this.learningRate * (grid.ticksToPrice(context.bestBidTicks + context.bestAskTicks) / 2 - this.estimate);
    }
    if (this.lastSide !== null && context.holdings === this.holdingsAtQuote) {
      this.estimate *= this.lastSide === 'buy' ? 1 + this.pressure : 1 - this.pressure;
    }
    this.lastSide = null;
    this.holdingsAtQuote = context.holdings;
  }

  observeDay(indicators: PriceIndicators, own: DayFills): void {
    void own;
    if (!Number.isNaN(indicators.benchmark) && !Number.isNaN(this.estimate)) this.estimate += this.learningRate * (indicators.benchmark - this.estimate);
  }
}
