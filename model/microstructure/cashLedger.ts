/**
 * Cash balances of trading accounts, exact (decimal.js), for delivery versus payment. Account indices are those of
 * the unit ledger (firms 0…N−1, then the exchange's accounts), so one index names both legs of a trade.
 *
 * `post` applies a list of movements atomically: every movement is validated against the balances the earlier
 * movements of the same list leave, and only then are all applied; a rejected list changes nothing. Balances never
 * go negative.
 */
import { Money, type MoneyInput, type MoneyValue } from './money.js';

export interface CashMovement {
  from: number;
  to: number;
  /** currency, ≥ 0 */
  amount: MoneyValue;
}

/** The cash side of settlement: balances and atomic lists of movements. */
export interface CashAccounts {
  balance(account: number): MoneyValue;
  /** Applies every movement or none; throws `CashLedgerError` (nothing changed) when one cannot apply. */
  post(movements: readonly CashMovement[]): void;
}

export class CashLedgerError extends Error {
  override readonly name = 'CashLedgerError';
}

export class CashLedger implements CashAccounts {
  private readonly balances: MoneyValue[];

  /** `opening[k]`: opening balance of account k, currency ≥ 0. */
  constructor(opening: readonly MoneyInput[]) {
    this.balances = opening.map((value, k) => {
      const amount = new Money(value);
      if (!amount.isFinite() || amount.isNegative()) throw new CashLedgerError(`opening[${k}]: must be a finite amount ≥ 0, got ${String(value)}`);
      return amount;
    });
  }

  get accountCount(): number {
    return this.balances.length;
  }

  balance(account: number): MoneyValue {
    const value = this.balances[account];
    if (value === undefined) throw new CashLedgerError(`no cash account ${account}`);
    return value;
  }

  /** Sum of all balances, currency (conserved by `post`). */
  total(): MoneyValue {
    return Money.sum(new Money(0), ...this.balances);
  }

  post(movements: readonly CashMovement[]): void {
    const next = new Map<number, MoneyValue>();
    const current = (account: number): MoneyValue => next.get(account) ?? this.balance(account);
    movements.forEach((movement, k) => {
      const { from, to, amount } = movement;
      if (!amount.isFinite() || amount.isNegative()) throw new CashLedgerError(`movements[${k}].amount: must be a finite amount ≥ 0, got ${amount.toString()}`);
      const source = current(from);
      const target = current(to);
      if (source.lessThan(amount)) throw new CashLedgerError(`movements[${k}]: account ${from} holds ${source.toString()}, cannot pay ${amount.toString()}`);
      next.set(from, source.minus(amount));
      next.set(to, (from === to ? source.minus(amount) : target).plus(amount));
    });
    for (const [account, value] of next) this.balances[account] = value;
  }
}
