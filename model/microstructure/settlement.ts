/**
 * Settlement of trades by delivery versus payment (DvP): the unit leg (seller → buyer, through the registry's
 * `UnitLedger.transfer`) and the cash leg (buyer → seller, plus each side's fee to the venue) happen both or
 * neither.
 *
 * Order of work: the cash leg is posted first, atomically (`CashAccounts.post` validates every movement before
 * applying any); then the unit leg is asked of the unit ledger, which either moves the units or throws having moved
 * nothing; if it throws, the cash leg is reversed exactly (decimal amounts, no intervening movement), so both ledgers
 * end as they began. The unit ledger is never asked to undo anything, so any `UnitLedger` (balances only, or the
 * full registry with its checks) can stand behind it.
 */
import type { UnitLedger } from '../engine/unitLedger.js';
import type { CashAccounts, CashMovement } from './cashLedger.js';
import { Money, type MoneyValue } from './money.js';

/** The part of the engine's `UnitLedger` settlement needs. */
export type UnitTransfers = Pick<UnitLedger, 'transfer' | 'balance'>;

export interface SettlementInstruction {
  buyer: number;
  seller: number;
  /** Units delivered, t. */
  quantity: number;
  /** Money the buyer pays the seller, currency. */
  amount: MoneyValue;
  /** Fees to the venue's fee account, currency. */
  buyerFee: MoneyValue;
  sellerFee: MoneyValue;
}

export type SettlementOutcome =
  | { ok: true }
  | { ok: false; leg: 'cash' | 'units'; reason: string };

/** What trading needs from settlement: DvP of trades, one-sided charges, and the two balances. */
export interface Settlement {
  settle(instruction: SettlementInstruction): SettlementOutcome;
  /** Cash `account` pays `amount` to the venue (participation costs); nothing moves when it cannot pay. */
  charge(account: number, amount: MoneyValue): SettlementOutcome;
  /** Units held, t. */
  units(account: number): number;
  /** Cash held, currency. */
  cash(account: number): MoneyValue;
}

/** A cash leg was posted but could not be reversed after the unit leg failed (a broken ledger; never expected). */
export class SettlementError extends Error {
  override readonly name = 'SettlementError';
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export class DeliveryVersusPayment implements Settlement {
  /**
   * @param units the unit ledger (the engine's or the registry's)
   * @param cashAccounts cash balances with the same account indices
   * @param feeAccount account that receives fees and participation costs
   */
  constructor(private readonly unitLedger: UnitTransfers, private readonly cashAccounts: CashAccounts, readonly feeAccount: number) {}

  settle(instruction: SettlementInstruction): SettlementOutcome {
    const { buyer, seller, quantity, amount, buyerFee, sellerFee } = instruction;
    if (buyer === seller) return { ok: false, leg: 'units', reason: `buyer and seller are the same account ${buyer}` };
    if (!(quantity > 0) || !Number.isFinite(quantity)) return { ok: false, leg: 'units', reason: `quantity must be a finite number > 0, got ${quantity}` };
    const legs: CashMovement[] = [{ from: buyer, to: seller, amount }];
    if (!buyerFee.isZero()) legs.push({ from: buyer, to: this.feeAccount, amount: buyerFee });
    if (!sellerFee.isZero()) legs.push({ from: seller, to: this.feeAccount, amount: sellerFee });
    try {
      this.cashAccounts.post(legs);
    } catch (error) {
      return { ok: false, leg: 'cash', reason: reason(error) };
    }
    try {
      this.unitLedger.transfer(seller, buyer, quantity);
    } catch (unitError) {
      const reversal = legs.slice().reverse().map((leg) => ({ from: leg.to, to: leg.from, amount: leg.amount }));
      try {
        this.cashAccounts.post(reversal);
      } catch (cashError) {
        throw new SettlementError(`cash leg of a failed delivery ${seller} → ${buyer} (${quantity} t) could not be reversed`, { cause: cashError });
      }
      return { ok: false, leg: 'units', reason: reason(unitError) };
    }
    return { ok: true };
  }

  charge(account: number, amount: MoneyValue): SettlementOutcome {
    if (amount.isZero()) return { ok: true };
    try {
      this.cashAccounts.post([{ from: account, to: this.feeAccount, amount }]);
      return { ok: true };
    } catch (error) {
      return { ok: false, leg: 'cash', reason: reason(error) };
    }
  }

  units(account: number): number {
    return this.unitLedger.balance(account);
  }

  cash(account: number): MoneyValue {
    return this.cashAccounts.balance(account);
  }
}

/** Zero money, for instructions without fees. */
export const NO_FEE: MoneyValue = new Money(0);
