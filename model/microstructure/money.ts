/**
 * Exact money for the microstructure layer: a decimal.js constructor with 40 significant digits (enough for any
 * realistic balance to well below one yen) and half-even rounding. Ledgers and fees use it; statistics (VWAP,
 * OHLC) use plain floats on integer ticks.
 *
 * @example new Money(1200).times(30).plus('0.5').toString() // '36000.5'
 */
import { Decimal } from 'decimal.js';

export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });

/** A money amount, currency. */
export type MoneyValue = Decimal;

/** Anything `new Money(…)` accepts: a number, a decimal string or another amount. */
export type MoneyInput = Decimal.Value;

export const ZERO: MoneyValue = new Money(0);
