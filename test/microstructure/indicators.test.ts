/** OHLC (4本値), VWAP, volume and benchmark on a hand-computed trade list. */
import { describe, expect, it } from 'vitest';
import { bucketIndicators, dailyIndicators, periodIndicators, type PricedTrade } from '../../model/microstructure/indicators.js';
import { MarketGrid } from '../../model/microstructure/marketGrid.js';

const grid = new MarketGrid({ tickSize: 1, lotSize: 10 });
// Day 0: 3 lots @1000, 1 @1010, 2 @990. Day 1: none. Day 2: 4 lots @1005.
const trades: PricedTrade[] = [
  { day: 0, priceTicks: 1000, lots: 3 }, { day: 0, priceTicks: 1010, lots: 1 }, { day: 0, priceTicks: 990, lots: 2 },
  { day: 2, priceTicks: 1005, lots: 4 },
];

describe('daily indicators', () => {
  const days = dailyIndicators(trades, 3, grid, { closeQuotes: [null, { bidTicks: 995, askTicks: 1003 }, null] });

  it('day 0: open 1000, high 1010, low 990, close 990; 60 t; VWAP (3000 + 1010 + 1980) / 6 = 998.33', () => {
    expect(days[0]).toMatchObject({ trades: 3, volume: 60, turnover: 59_900, open: 1000, high: 1010, low: 990, close: 990, last: 990, benchmarkSource: 'vwap' });
    expect(days[0]!.vwap).toBeCloseTo(5990 / 6, 12);
    expect(days[0]!.benchmark).toBeCloseTo(5990 / 6, 12);
  });

  it('day 1 without trades: NaN prices, last carried, benchmark = closing mid-quote (995 + 1003) / 2 = 999', () => {
    expect(days[1]).toMatchObject({ trades: 0, volume: 0, turnover: 0, last: 990, benchmark: 999, benchmarkSource: 'midQuote', closeBid: 995, closeAsk: 1003 });
    for (const field of ['open', 'high', 'low', 'close', 'vwap'] as const) expect(days[1]![field]).toBeNaN();
  });

  it('day 2: one price 1005 for all four; 40 t', () => {
    expect(days[2]).toMatchObject({ trades: 1, volume: 40, open: 1005, high: 1005, low: 1005, close: 1005, vwap: 1005, last: 1005, benchmark: 1005 });
  });

  it('needs minBenchmarkVolume for the VWAP to be the benchmark; otherwise carries the previous one', () => {
    const thin = dailyIndicators(trades, 3, grid, { minBenchmarkVolume: 50, closeQuotes: [null, { bidTicks: 995, askTicks: 1003 }, null] });
    expect(thin.map((d) => [d.benchmark, d.benchmarkSource])).toEqual([[5990 / 6, 'vwap'], [999, 'midQuote'], [999, 'carried']]);
  });

  it('without any price information the benchmark is NaN ("none"), then a previous benchmark carries', () => {
    expect(dailyIndicators([], 1, grid)[0]).toMatchObject({ benchmarkSource: 'none' });
    expect(dailyIndicators([], 1, grid, { previousBenchmark: 950 })[0]).toMatchObject({ benchmark: 950, benchmarkSource: 'carried' });
  });
});

describe('period and weekly indicators', () => {
  it('period: open 1000, high 1010, low 990, close 1005; 100 t; VWAP (5990 + 4020) / 10 = 1001', () => {
    expect(periodIndicators(trades, 3, grid)).toMatchObject({ firstDay: 0, lastDay: 2, trades: 4, volume: 100, turnover: 100_100, open: 1000, high: 1010, low: 990, close: 1005, vwap: 1001 });
  });

  it('buckets of two days: days 0–1 and day 2', () => {
    const weeks = bucketIndicators(trades, 3, 2, grid);
    expect(weeks.map((w) => [w.firstDay, w.lastDay, w.trades, w.close])).toEqual([[0, 1, 3, 990], [2, 2, 1, 1005]]);
  });

  it('rejects trades out of order or outside the days', () => {
    expect(() => dailyIndicators([{ day: 1, priceTicks: 1, lots: 1 }, { day: 0, priceTicks: 1, lots: 1 }], 2, grid)).toThrow('trades: must be in day order; trade on day 0 after day 1');
    expect(() => dailyIndicators([{ day: 3, priceTicks: 1, lots: 1 }], 2, grid)).toThrow('trades: trade on day 3 is outside trading days 0…1');
    expect(() => dailyIndicators([], 2, grid, { closeQuotes: [null] })).toThrow('closeQuotes: must have one entry per bucket (2), got 1');
    expect(() => bucketIndicators([], 2, 0, grid)).toThrow('bucketDays: must be an integer ≥ 1, got 0');
  });
});
