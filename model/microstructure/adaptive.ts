/**
 * Adaptive traders that learn the market price from published prices (in the spirit of Cliff's ZIP traders, 1997,
 * with the learning on daily publications rather than on every shout).
 *
 * Each trader holds an estimate π of the price. When it acts it trades like a price taker at π: it wants to buy the
 * lots worth more than π + fee to it, or sell those worth less than π − fee (`FirmValuation.gainsFromTrade`), and
 * posts one limit order for up to `maxLotsPerOrder` of them. Its limit concedes from π towards its own reservation
 * price as the compliance deadline nears: a share c = ((day + 1) / days)^concessionExponent of the way, so on the
 * last day it is willing to trade at its full value (more trading near true-up).
 *
 * After each day: π moves towards the published benchmark by `learningRate`; then, if the trader wanted to buy
 * (sell) and got fewer lots than it wanted, it raises (lowers) π by the relative `pressure`. The quote draws a
 * small relative jitter on π (`jitter`) from the trader's stream, so traders with equal estimates do not move in
 * lockstep.
 */
import { MicrostructureOptionError } from './marketGrid.js';
import type { PriceIndicators } from './indicators.js';
import type { UniformSource } from './randomStreams.js';
import { highestBidTicks, lowestAskTicks, type DayFills, type OrderIntent, type QuoteContext, type TradingStrategy } from './trader.js';

export interface AdaptiveTraderOptions {
  /** First estimate of the price, currency/t (> 0). */
  initialPrice: number;
  /** Weight of the day's benchmark in the new estimate, 0…1 (default 0.5). */
  learningRate?: number;
  /** Relative change of the estimate after a day of unmet demand or supply, 0…1 (default 0.03). */
  pressure?: number;
  /** Relative half-width of the random jitter on the estimate, 0…1 (default 0.01). */
  jitter?: number;
  /** Most lots in one order (default 5). */
  maxLotsPerOrder?: number;
  /** Exponent of the concession towards the reservation price as the deadline nears, > 0 (default 2). */
  concessionExponent?: number;
}

function share(value: number | undefined, fallback: number, option: string): number {
  const v = value ?? fallback;
  if (!(v >= 0 && v <= 1)) throw new MicrostructureOptionError(option, `must be a number from 0 to 1, got ${v}`);
  return v;
}

export class AdaptiveTrader implements TradingStrategy {
  /** The current price estimate π, currency/t. */
  estimate: number;
  readonly learningRate: number;
  readonly pressure: number;
  readonly jitter: number;
  readonly maxLotsPerOrder: number;
  readonly concessionExponent: number;
  private wanted: { side: 'buy' | 'sell'; lots: number } | null = null;

  constructor(options: AdaptiveTraderOptions, optionPath = 'adaptive') {
    if (!(options.initialPrice > 0) || !Number.isFinite(options.initialPrice)) throw new MicrostructureOptionError(`${optionPath}.initialPrice`, `must be a finite number > 0, got ${options.initialPrice}`);
    this.estimate = options.initialPrice;
    this.learningRate = share(options.learningRate, 0.5, `${optionPath}.learningRate`);
    this.pressure = share(options.pressure, 0.03, `${optionPath}.pressure`);
    this.jitter = share(options.jitter, 0.01, `${optionPath}.jitter`);
    const lots = options.maxLotsPerOrder ?? 5;
    if (!Number.isSafeInteger(lots) || lots < 1) throw new MicrostructureOptionError(`${optionPath}.maxLotsPerOrder`, `must be an integer ≥ 1, got ${lots}`);
    this.maxLotsPerOrder = lots;
    const exponent = options.concessionExponent ?? 2;
    if (!(exponent > 0) || !Number.isFinite(exponent)) throw new MicrostructureOptionError(`${optionPath}.concessionExponent`, `must be a finite number > 0, got ${exponent}`);
    this.concessionExponent = exponent;
  }

  quote(context: QuoteContext, random: UniformSource): readonly OrderIntent[] {
    const { valuation, grid, fees, holdings } = context;
    this.wanted = null;
    if (valuation === null) return [];
    const price = this.estimate * (1 + this.jitter * (2 * random.next() - 1));
    const lotTonnes = grid.lotsToQuantity(grid.minLots);
    const desire = valuation.gainsFromTrade(holdings, price, fees.feePerTonne(price, lotTonnes), lotTonnes);
    if (desire.lots === 0) return [];
    const concession = ((context.day + 1) / context.days) ** this.concessionExponent;
    if (desire.lots > 0) {
      const lots = Math.max(grid.minLots, Math.min(this.maxLotsPerOrder, desire.lots));
      const tonnes = grid.lotsToQuantity(lots);
      const cap = highestBidTicks(valuation.buyValue(holdings, tonnes), tonnes, grid, fees);
      const estimateTicks = Math.min(cap, grid.ticksAtOrBelow(price));
      const priceTicks = Math.round(estimateTicks + concession * (cap - estimateTicks));
      if (priceTicks < 1) return [];
      this.wanted = { side: 'buy', lots: desire.lots };
      return [{ side: 'buy', type: 'limit', priceTicks, lots }];
    }
    const lots = Math.max(grid.minLots, Math.min(this.maxLotsPerOrder, -desire.lots, context.sellableLots));
    if (lots > context.sellableLots) return [];
    const tonnes = grid.lotsToQuantity(lots);
    const floor = lowestAskTicks(valuation.sellValue(holdings, tonnes), tonnes, grid, fees);
    const estimateTicks = Math.max(floor, grid.ticksAtOrAbove(price));
    const priceTicks = Math.round(estimateTicks - concession * (estimateTicks - floor));
    if (priceTicks > grid.maxPriceTicks) return [];
    this.wanted = { side: 'sell', lots: -desire.lots };
    return [{ side: 'sell', type: 'limit', priceTicks, lots }];
  }

  observeDay(indicators: PriceIndicators, own: DayFills): void {
    if (!Number.isNaN(indicators.benchmark)) this.estimate += this.learningRate * (indicators.benchmark - this.estimate);
    if (this.wanted?.side === 'buy' && own.boughtLots < this.wanted.lots) this.estimate *= 1 + this.pressure;
    else if (this.wanted?.side === 'sell' && own.soldLots < this.wanted.lots) this.estimate *= 1 - this.pressure;
    this.wanted = null;
  }
}
