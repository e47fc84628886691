/**
 * Transaction costs of a venue, charged to each side of every trade and paid to the venue's fee account: a share
 * of the trade's money, an amount per tonne and an amount per trade. Amounts are rounded half-even to
 * `currencyDecimals` decimals (0 for whole yen). Participation costs (a fee per period for taking part at all) are
 * `participationCost`; traders weigh both before they trade (`expectedGainsFromTrade`).
 *
 * @example
 * const fees = new FeeSchedule({ rate: 0.001, perTrade: 100 });
 * fees.fee(new Money(1_200_000), 1000).toString() // '1300' = 0.1 % of 1.2 M + 100
 */
import { MicrostructureOptionError } from './marketGrid.js';
import { Money, type MoneyValue } from './money.js';

export interface FeeScheduleOptions {
  /** Share of the trade's money, per side (0.001 = 0.1 %); default 0. */
  rate?: number;
  /** Currency per tonne, per side; default 0. */
  perTonne?: number;
  /** Currency per trade, per side; default 0. */
  perTrade?: number;
  /** Currency per period for taking part in the market at all (account, membership, staff); default 0. */
  participationCost?: number;
  /** Decimals fees are rounded to; default 0 (whole currency units). */
  currencyDecimals?: number;
}

function nonNegative(value: number | undefined, option: string): number {
  const v = value ?? 0;
  if (!(v >= 0) || !Number.isFinite(v)) throw new MicrostructureOptionError(option, `must be a finite number ≥ 0, got ${v}`);
  return v;
}

export class FeeSchedule {
  readonly rate: number;
  readonly perTonne: number;
  readonly perTrade: number;
  readonly participationCost: number;
  readonly currencyDecimals: number;
  private readonly rateMoney: MoneyValue;
  private readonly perTonneMoney: MoneyValue;
  private readonly perTradeMoney: MoneyValue;

  constructor(options: FeeScheduleOptions = {}, optionPath = 'fees') {
    this.rate = nonNegative(options.rate, `${optionPath}.rate`);
    this.perTonne = nonNegative(options.perTonne, `${optionPath}.perTonne`);
    this.perTrade = nonNegative(options.perTrade, `${optionPath}.perTrade`);
    this.participationCost = nonNegative(options.participationCost, `${optionPath}.participationCost`);
    const decimals = options.currencyDecimals ?? 0;
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > 12) throw new MicrostructureOptionError(`${optionPath}.currencyDecimals`, `must be an integer from 0 to 12, got ${decimals}`);
    this.currencyDecimals = decimals;
    this.rateMoney = new Money(this.rate);
    this.perTonneMoney = new Money(this.perTonne);
    this.perTradeMoney = new Money(this.perTrade);
  }

  /** True when no trade fee is charged. */
  get isFree(): boolean {
    return this.rate === 0 && this.perTonne === 0 && this.perTrade === 0;
  }

  /** Fee one side pays on a trade of `notional` currency and `tonnes` t, currency (rounded). */
  fee(notional: MoneyValue, tonnes: number): MoneyValue {
    if (this.isFree) return new Money(0);
    return notional.times(this.rateMoney).plus(this.perTonneMoney.times(tonnes)).plus(this.perTradeMoney).toDecimalPlaces(this.currencyDecimals);
  }

  /**
   * Fee per tonne one side expects on a trade of `tonnes` t at `price` currency/t (unrounded), for decisions:
   * rate × price + perTonne + perTrade / tonnes.
   */
  feePerTonne(price: number, tonnes: number): number {
    return this.rate * price + this.perTonne + (tonnes > 0 ? this.perTrade / tonnes : 0);
  }
}
