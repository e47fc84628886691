/**
 * The contract between a trading strategy and a trading venue. A strategy sees what a participant would see (its
 * own position and valuation, the venue's grid and fees, the published quotes and last price, the calendar up to
 * the compliance deadline) and answers with orders; the venue enforces holdings and cash, so a strategy cannot
 * sell units it does not hold or bid money it does not have.
 */
import type { FeeSchedule } from './fees.js';
import type { FirmValuation } from './firmValuation.js';
import type { PriceIndicators } from './indicators.js';
import type { MarketGrid } from './marketGrid.js';
import type { Side } from './orderBook.js';
import type { UniformSource } from './randomStreams.js';

export type OrderIntent =
  | { side: Side; type: 'limit'; priceTicks: number; lots: number }
  | { side: Side; type: 'market'; lots: number };

export interface QuoteContext {
  /** The firm's valuation; null for a pure intermediary without a compliance obligation. */
  valuation: FirmValuation | null;
  /** Units held now, t. */
  holdings: number;
  /** Lots the trader may offer (whole lots of its holdings). */
  sellableLots: number;
  /** Cash available, currency (a float view of the exact balance). */
  cash: number;
  grid: MarketGrid;
  fees: FeeSchedule;
  /** Trading day, 0-based; the compliance deadline (true-up) follows the last day. */
  day: number;
  days: number;
  bestBidTicks: number | null;
  bestAskTicks: number | null;
  /** Last trade price of the session so far, ticks. */
  lastPriceTicks: number | null;
}

/** What a trader did on one day, for learning. */
export interface DayFills {
  boughtLots: number;
  soldLots: number;
}

export interface TradingStrategy {
  /** Orders to place now (0, 1 or more); any earlier resting orders of the trader are cancelled first. */
  quote(context: QuoteContext, random: UniformSource): readonly OrderIntent[];
  /** The published indicators of a finished day, and the trader's own fills that day. */
  observeDay?(indicators: PriceIndicators, own: DayFills): void;
}

/** Highest bid (ticks) a buyer worth `value` currency/t can make net of fees on `tonnes` t; 0 if none. */
export function highestBidTicks(value: number, tonnes: number, grid: MarketGrid, fees: FeeSchedule): number {
  if (!(value > 0)) return 0;
  const net = (value - fees.perTonne - fees.perTrade / tonnes) / (1 + fees.rate);
  return grid.ticksAtOrBelow(net);
}

/** Lowest ask (ticks) a seller losing `value` currency/t can make net of fees on `tonnes` t; > maxPriceTicks if none. */
export function lowestAskTicks(value: number, tonnes: number, grid: MarketGrid, fees: FeeSchedule): number {
  if (fees.rate >= 1) return grid.maxPriceTicks + 1;
  const gross = (value + fees.perTonne + fees.perTrade / tonnes) / (1 - fees.rate);
  return grid.ticksAtOrAbove(gross);
}
