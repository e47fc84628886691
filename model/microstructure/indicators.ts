/**
 * Published price indicators (seed 001: 約定価格, 4本値, ベンチマーク, published per trade, daily or weekly): for any
 * bucket of trading days, the open/high/low/close (4本値), volume-weighted average price (VWAP), volume, turnover,
 * last trade price, and a benchmark price.
 *
 * Benchmark of a bucket (a rule of this model; the seed leaves the definition open):
 * 1. its VWAP, when its volume is at least `minBenchmarkVolume` t (default: any trade);
 * 2. else the midpoint of the best bid and best ask at its close, when both exist (continuous venue);
 * 3. else the previous bucket's benchmark carried forward;
 * 4. else NaN. `benchmarkSource` says which rule applied.
 *
 * Prices are computed from integer ticks and lots (sums of ticks × lots are exact below 2⁵³) and returned in
 * currency/t; volume in t; turnover in currency. Buckets without trades have NaN open/high/low/close/VWAP, and
 * `last` keeps the last price of an earlier bucket.
 *
 * @example
 * // lot 10 t, tick 1: 3 lots at 1000, 1 at 1010, 2 at 990 on day 0
 * dailyIndicators([{ day: 0, priceTicks: 1000, lots: 3 }, { day: 0, priceTicks: 1010, lots: 1 }, { day: 0, priceTicks: 990, lots: 2 }], 1, grid)[0]
 * // open 1000, high 1010, low 990, close 990, volume 60, vwap 5990 / 6 = 998.33…
 */
import type { MarketGrid } from './marketGrid.js';
import { MicrostructureOptionError } from './marketGrid.js';

/** What indicators need of a trade, in execution order. */
export interface PricedTrade {
  /** Trading day, 0-based. */
  day: number;
  priceTicks: number;
  lots: number;
}

/** Best bid and best ask at the close of a bucket, ticks (null when that side is empty). */
export interface CloseQuotes {
  bidTicks: number | null;
  askTicks: number | null;
}

export type BenchmarkSource = 'vwap' | 'midQuote' | 'carried' | 'none';

export interface PriceIndicators {
  /** First trading day of the bucket, 0-based. */
  firstDay: number;
  /** Last trading day of the bucket, 0-based. */
  lastDay: number;
  trades: number;
  /** t */
  volume: number;
  /** currency */
  turnover: number;
  /** currency/t; NaN without trades */
  open: number;
  high: number;
  low: number;
  close: number;
  vwap: number;
  /** Last trade price so far in the session, currency/t; NaN before the first trade. */
  last: number;
  benchmark: number;
  benchmarkSource: BenchmarkSource;
  /** Closing best bid and ask, currency/t; NaN when unknown or that side was empty. */
  closeBid: number;
  closeAsk: number;
}

export interface IndicatorOptions {
  /** Least volume for the VWAP to be the benchmark, t (default 0: any trade). */
  minBenchmarkVolume?: number;
  /** Closing quotes per bucket (same length as the buckets). */
  closeQuotes?: readonly (CloseQuotes | null)[];
  /** Benchmark carried into the first bucket, currency/t (e.g. the previous period's); NaN or absent: none. */
  previousBenchmark?: number;
  /** Last trade price before the first bucket, currency/t (NaN or absent: none). */
  previousLast?: number;
  /** Day the first bucket starts on (default 0); trades before it are an error. */
  firstDay?: number;
}

/**
 * Indicators for consecutive buckets of `bucketDays` trading days each (1: daily, 5: weekly) over `days` days
 * starting on `options.firstDay`. Trades must be in execution order.
 */
export function bucketIndicators(trades: readonly PricedTrade[], days: number, bucketDays: number, grid: MarketGrid, options: IndicatorOptions = {}): PriceIndicators[] {
  if (!Number.isInteger(days) || days < 0) throw new MicrostructureOptionError('days', `must be an integer ≥ 0, got ${days}`);
  if (!Number.isInteger(bucketDays) || bucketDays < 1) throw new MicrostructureOptionError('bucketDays', `must be an integer ≥ 1, got ${bucketDays}`);
  const minVolume = options.minBenchmarkVolume ?? 0;
  if (!(minVolume >= 0)) throw new MicrostructureOptionError('minBenchmarkVolume', `must be a number ≥ 0, got ${minVolume}`);
  const bucketCount = Math.ceil(days / bucketDays);
  if (options.closeQuotes !== undefined && options.closeQuotes.length !== bucketCount) {
    throw new MicrostructureOptionError('closeQuotes', `must have one entry per bucket (${bucketCount}), got ${options.closeQuotes.length}`);
  }
  const start = options.firstDay ?? 0;
  if (!Number.isInteger(start) || start < 0) throw new MicrostructureOptionError('firstDay', `must be an integer ≥ 0, got ${start}`);
  const tick = grid.tickSize;
  const out: PriceIndicators[] = [];
  let last = options.previousLast ?? Number.NaN;
  let benchmark = options.previousBenchmark ?? Number.NaN;
  let next = 0;
  for (let b = 0; b < bucketCount; b++) {
    const firstDay = start + b * bucketDays;
    const lastDay = Math.min(start + days, firstDay + bucketDays) - 1;
    let count = 0;
    let lots = 0;
    let tickLots = 0;
    let open = Number.NaN;
    let high = Number.NaN;
    let low = Number.NaN;
    let close = Number.NaN;
    while (next < trades.length && trades[next]!.day <= lastDay) {
      const trade = trades[next++]!;
      if (trade.day < firstDay) throw new MicrostructureOptionError('trades', `must be in day order; trade on day ${trade.day} after day ${firstDay}`);
      if (count === 0) {
        open = trade.priceTicks;
        high = trade.priceTicks;
        low = trade.priceTicks;
      } else {
        if (trade.priceTicks > high) high = trade.priceTicks;
        if (trade.priceTicks < low) low = trade.priceTicks;
      }
      close = trade.priceTicks;
      count++;
      lots += trade.lots;
      tickLots += trade.priceTicks * trade.lots;
    }
    const volume = lots * grid.lotSize;
    const vwap = lots > 0 ? (tickLots / lots) * tick : Number.NaN;
    if (count > 0) last = close * tick;
    const quotes = options.closeQuotes?.[b] ?? null;
    const closeBid = quotes?.bidTicks == null ? Number.NaN : quotes.bidTicks * tick;
    const closeAsk = quotes?.askTicks == null ? Number.NaN : quotes.askTicks * tick;
    let source: BenchmarkSource;
    if (count > 0 && volume >= minVolume) {
      benchmark = vwap;
      source = 'vwap';
    } else if (!Number.isNaN(closeBid) && !Number.isNaN(closeAsk)) {
      benchmark = (closeBid + closeAsk) / 2;
      source = 'midQuote';
    } else if (!Number.isNaN(benchmark)) source = 'carried';
    else source = 'none';
    out.push({
      firstDay, lastDay, trades: count, volume, turnover: tickLots * tick * grid.lotSize,
      open: open * tick, high: high * tick, low: low * tick, close: close * tick, vwap, last,
      benchmark, benchmarkSource: source, closeBid, closeAsk,
    });
  }
  if (next < trades.length) throw new MicrostructureOptionError('trades', `trade on day ${trades[next]!.day} is outside trading days ${start}…${start + days - 1}`);
  return out;
}

/** One row per trading day. */
export function dailyIndicators(trades: readonly PricedTrade[], days: number, grid: MarketGrid, options: IndicatorOptions = {}): PriceIndicators[] {
  return bucketIndicators(trades, days, 1, grid, options);
}

/** One row for the whole period of `days` trading days (`closeQuotes`: one entry, the close of its last day). */
export function periodIndicators(trades: readonly PricedTrade[], days: number, grid: MarketGrid, options: IndicatorOptions = {}): PriceIndicators {
  if (!Number.isInteger(days) || days < 1) throw new MicrostructureOptionError('days', `must be an integer ≥ 1, got ${days}`);
  return bucketIndicators(trades, days, days, grid, options)[0]!;
}
