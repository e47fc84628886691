/**
 * The microstructure output contract: long-format rows keyed by run identity, and their columns for Arrow tables
 * (the Arrow encoding itself lives outside model/, in io/).
 *
 * Table `trades` — one row per settled trade:
 *   scenario (utf8), seed (uint32), run (int32), scheme (utf8), year (int32), venue (utf8: continuous|call|otc),
 *   day (int32, 0-based trading day), sequence (int32, order within the session), price (float64, currency/t),
 *   quantity (float64, t), buyer (utf8, firm id), seller (utf8, firm id), aggressor (utf8: buy|sell|'' for call/otc),
 *   notional (float64, currency), buyerFee (float64, currency), sellerFee (float64, currency).
 * Table `dailyIndicators` — one row per trading day (and `day` = −1 for the whole period):
 *   scenario, seed, run, scheme, year, venue as above; day (int32); trades (int32); volume (float64, t);
 *   turnover (float64, currency); open, high, low, close, vwap, last, benchmark, closeBid, closeAsk (float64,
 *   currency/t; NaN when undefined); benchmarkSource (utf8: vwap|midQuote|carried|none).
 */
import type { PriceIndicators } from './indicators.js';
import type { SessionResult, Venue } from './tradingSession.js';

export interface RunKey {
  scenario: string;
  seed: number;
  run: number;
  scheme: string;
  year: number;
  venue: Venue;
}

export interface TradeRow extends RunKey {
  day: number;
  sequence: number;
  price: number;
  quantity: number;
  buyer: string;
  seller: string;
  aggressor: string;
  notional: number;
  buyerFee: number;
  sellerFee: number;
}

export interface IndicatorRow extends RunKey {
  day: number;
  trades: number;
  volume: number;
  turnover: number;
  open: number;
  high: number;
  low: number;
  close: number;
  vwap: number;
  last: number;
  benchmark: number;
  benchmarkSource: string;
  closeBid: number;
  closeAsk: number;
}

/** Day value of the period row in `dailyIndicators`. */
export const PERIOD_ROW_DAY = -1;

export function tradeRows(key: Omit<RunKey, 'venue'>, result: SessionResult, idOfAccount: (account: number) => string): TradeRow[] {
  return result.trades.map((t) => ({
    ...key, venue: result.venue, day: t.day, sequence: t.sequence, price: t.price, quantity: t.quantity,
    buyer: idOfAccount(t.buyer), seller: idOfAccount(t.seller), aggressor: t.aggressor ?? '',
    notional: t.notional, buyerFee: t.buyerFee, sellerFee: t.sellerFee,
  }));
}

function indicatorRow(key: RunKey, day: number, p: PriceIndicators): IndicatorRow {
  return {
    ...key, day, trades: p.trades, volume: p.volume, turnover: p.turnover, open: p.open, high: p.high, low: p.low, close: p.close,
    vwap: p.vwap, last: p.last, benchmark: p.benchmark, benchmarkSource: p.benchmarkSource, closeBid: p.closeBid, closeAsk: p.closeAsk,
  };
}

/** Daily rows, then the period row (day = PERIOD_ROW_DAY). */
export function indicatorRows(key: Omit<RunKey, 'venue'>, result: SessionResult): IndicatorRow[] {
  const full = { ...key, venue: result.venue };
  return [...result.daily.map((p, day) => indicatorRow(full, day, p)), indicatorRow(full, PERIOD_ROW_DAY, result.period)];
}

export type Column = Float64Array | Int32Array | string[];

/**
 * Column arrays for `rows` (numbers → Float64Array, or Int32Array for the names in `integerColumns`; strings →
 * string[]), in the order of `names`; what `tableFromArrays` of apache-arrow takes.
 */
export function toColumns<Row extends object>(rows: readonly Row[], names: readonly (keyof Row & string)[], integerColumns: ReadonlySet<string> = INTEGER_COLUMNS): Record<string, Column> {
  const out: Record<string, Column> = {};
  for (const name of names) {
    const first = rows[0]?.[name];
    if (typeof first === 'string') out[name] = rows.map((r) => r[name] as string);
    else if (integerColumns.has(name)) out[name] = Int32Array.from(rows, (r) => r[name] as number);
    else out[name] = Float64Array.from(rows, (r) => r[name] as number);
  }
  return out;
}

export const INTEGER_COLUMNS: ReadonlySet<string> = new Set(['run', 'year', 'day', 'sequence', 'trades']);

export const TRADE_COLUMNS: readonly (keyof TradeRow & string)[] = [
  'scenario', 'seed', 'run', 'scheme', 'year', 'venue', 'day', 'sequence', 'price', 'quantity', 'buyer', 'seller', 'aggressor', 'notional', 'buyerFee', 'sellerFee',
];

export const INDICATOR_COLUMNS: readonly (keyof IndicatorRow & string)[] = [
  'scenario', 'seed', 'run', 'scheme', 'year', 'venue', 'day', 'trades', 'volume', 'turnover', 'open', 'high', 'low', 'close', 'vwap', 'last', 'benchmark', 'benchmarkSource', 'closeBid', 'closeAsk',
];
