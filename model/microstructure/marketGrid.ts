/**
 * The price and quantity grid of a trading venue: prices are whole numbers of ticks, quantities whole numbers of
 * lots. Every order book, call auction and bilateral deal works on these integers; currency and tonnes appear only
 * at the boundary (`priceToTicks`, `quantityToLots`) and in money amounts (`notional`, exact with decimal.js).
 *
 * Units: `tickSize` currency/t, `lotSize` t per lot. A price of k ticks is k × tickSize currency/t; a quantity of
 * n lots is n × lotSize t; the money of a trade is ticks × lots × lotSize × tickSize currency.
 *
 * @example
 * const grid = new MarketGrid({ tickSize: 0.5, lotSize: 10 });
 * grid.priceToTicks(1200.5) // 2401
 * grid.quantityToLots(30) // 3
 * grid.notional(2401, 3).toString() // '36015'
 */
import { Money, type MoneyValue } from './money.js';

export interface MarketGridOptions {
  /** Price increment, currency/t; a finite number > 0 (default 1). */
  tickSize?: number;
  /** Trading unit, t per lot; an integer ≥ 1 (default 1). */
  lotSize?: number;
  /** Smallest order, lots; an integer ≥ 1 (default 1). */
  minLots?: number;
  /** Highest price accepted, ticks; an integer ≥ 1 (default 10⁹). */
  maxPriceTicks?: number;
}

/** An option of a microstructure component is invalid; `option` names it. */
export class MicrostructureOptionError extends Error {
  override readonly name = 'MicrostructureOptionError';
  constructor(readonly option: string, rule: string) {
    super(`${option}: ${rule}`);
  }
}

/** An order (or a price or quantity meant for one) is off the grid; `field` names the offending field. */
export class OrderValidationError extends Error {
  override readonly name = 'OrderValidationError';
  constructor(readonly field: string, rule: string) {
    super(`${field}: ${rule}`);
  }
}

export const DEFAULT_MAX_PRICE_TICKS = 1_000_000_000;

function positiveInteger(value: number, option: string): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new MicrostructureOptionError(option, `must be an integer ≥ 1, got ${value}`);
  return value;
}

export class MarketGrid {
  readonly tickSize: number;
  readonly lotSize: number;
  readonly minLots: number;
  readonly maxPriceTicks: number;
  private readonly tick: MoneyValue;
  /** Whether tickSize is a whole number (then ticks × tickSize is exact in floats below 2⁵³). */
  private readonly integerTick: boolean;

  constructor(options: MarketGridOptions = {}) {
    const tickSize = options.tickSize ?? 1;
    if (!(tickSize > 0) || !Number.isFinite(tickSize)) throw new MicrostructureOptionError('tickSize', `must be a finite number > 0, got ${tickSize}`);
    this.tickSize = tickSize;
    this.tick = new Money(tickSize);
    this.integerTick = Number.isInteger(tickSize);
    this.lotSize = positiveInteger(options.lotSize ?? 1, 'lotSize');
    this.minLots = positiveInteger(options.minLots ?? 1, 'minLots');
    this.maxPriceTicks = positiveInteger(options.maxPriceTicks ?? DEFAULT_MAX_PRICE_TICKS, 'maxPriceTicks');
  }

  /** Price in currency/t → ticks. Throws unless the price is a positive multiple of the tick size within range. */
  priceToTicks(price: number, field = 'price'): number {
    if (!Number.isFinite(price)) throw new OrderValidationError(field, `must be a finite number, got ${price}`);
    const ticks = new Money(price).div(this.tick);
    if (!ticks.isInteger()) throw new OrderValidationError(field, `${price} is not a multiple of tickSize ${this.tickSize}`);
    return this.checkTicks(ticks.toNumber(), field);
  }

  /** Ticks → price in currency/t (the nearest float; exact money uses `notional`). */
  ticksToPrice(ticks: number): number {
    return this.integerTick ? ticks * this.tickSize : this.tick.times(ticks).toNumber();
  }

  /** Quantity in t → lots. Throws unless the quantity is a multiple of the lot size and at least `minLots` lots. */
  quantityToLots(quantity: number, field = 'quantity'): number {
    if (!Number.isFinite(quantity)) throw new OrderValidationError(field, `must be a finite number, got ${quantity}`);
    if (!Number.isSafeInteger(quantity) || quantity % this.lotSize !== 0) {
      throw new OrderValidationError(field, `${quantity} t is not a multiple of lotSize ${this.lotSize} t`);
    }
    return this.checkLots(quantity / this.lotSize, field);
  }

  lotsToQuantity(lots: number): number {
    return lots * this.lotSize;
  }

  /** Throws unless `ticks` is an integer in 1 … maxPriceTicks; returns it. */
  checkTicks(ticks: number, field = 'priceTicks'): number {
    if (!Number.isInteger(ticks) || ticks < 1 || ticks > this.maxPriceTicks) {
      throw new OrderValidationError(field, `must be an integer number of ticks from 1 to ${this.maxPriceTicks}, got ${ticks}`);
    }
    return ticks;
  }

  /** Throws unless `lots` is an integer ≥ minLots whose tonnage is a safe integer; returns it. */
  checkLots(lots: number, field = 'lots'): number {
    if (!Number.isInteger(lots) || !Number.isSafeInteger(lots * this.lotSize) || lots < this.minLots) {
      throw new OrderValidationError(field, `must be an integer number of lots ≥ minLots (${this.minLots}), got ${lots}`);
    }
    return lots;
  }

  /** Money of `lots` lots at `ticks` ticks: ticks × lots × lotSize × tickSize, currency (exact). */
  notional(ticks: number, lots: number): MoneyValue {
    return this.tick.times(ticks).times(lots).times(this.lotSize);
  }

  /** Highest whole number of ticks at or below `price` currency/t (0 when the price is below one tick). */
  ticksAtOrBelow(price: number): number {
    if (!(price > 0)) return 0;
    if (price === Number.POSITIVE_INFINITY) return this.maxPriceTicks;
    return Math.min(this.maxPriceTicks, Math.floor(price / this.tickSize + 1e-9));
  }

  /** Lowest whole number of ticks at or above `price` currency/t (at least 1; maxPriceTicks + 1 when out of range). */
  ticksAtOrAbove(price: number): number {
    if (!(price > 0)) return 1;
    if (price === Number.POSITIVE_INFINITY) return this.maxPriceTicks + 1;
    return Math.min(this.maxPriceTicks + 1, Math.max(1, Math.ceil(price / this.tickSize - 1e-9)));
  }
}
