/**
 * A `UnitLedger` that forwards every call unchanged to the ledger it wraps and adds up, per account, the flows of
 * the current period that the period's outcome does not show: advances (borrowing), surrender, repayment, lapse,
 * interest and debt settled by the penalty. `RegistrySettlement` reads them after each period, then calls `reset`.
 * Quantities are the engine's floats, t.
 */
import type { UnitLedger } from './unitLedger.js';

export class RecordingLedger implements UnitLedger {
  readonly borrowed: Float64Array;
  readonly surrenderedNow: Float64Array;
  readonly repaid: Float64Array;
  readonly lapsed: Float64Array;
  readonly interest: Float64Array;
  readonly settledByPenalty: Float64Array;

  /** @param accountCount accounts of the wrapped ledger (firms + the exchange) */
  constructor(readonly inner: UnitLedger, accountCount: number) {
    this.borrowed = new Float64Array(accountCount);
    this.surrenderedNow = new Float64Array(accountCount);
    this.repaid = new Float64Array(accountCount);
    this.lapsed = new Float64Array(accountCount);
    this.interest = new Float64Array(accountCount);
    this.settledByPenalty = new Float64Array(accountCount);
  }

  /** Clears the period's flows. */
  reset(): void {
    this.borrowed.fill(0);
    this.surrenderedNow.fill(0);
    this.repaid.fill(0);
    this.lapsed.fill(0);
    this.interest.fill(0);
    this.settledByPenalty.fill(0);
  }

  issue(scheme: number, quantity: number): void { this.inner.issue(scheme, quantity); }
  distribute(scheme: number, firm: number, quantity: number): void { this.inner.distribute(scheme, firm, quantity); }
  transfer(fromFirm: number, toFirm: number, quantity: number): void { this.inner.transfer(fromFirm, toFirm, quantity); }
  cancelUnissued(scheme: number, quantity: number): void { this.inner.cancelUnissued(scheme, quantity); }

  surrender(firm: number, quantity: number): void {
    this.inner.surrender(firm, quantity);
    this.surrenderedNow[firm]! += quantity;
  }

  borrow(scheme: number, firm: number, quantity: number): void {
    this.inner.borrow(scheme, firm, quantity);
    this.borrowed[firm]! += quantity;
  }

  repay(firm: number, quantity: number): void {
    this.inner.repay(firm, quantity);
    this.repaid[firm]! += quantity;
  }

  chargeInterest(firm: number, quantity: number): void {
    this.inner.chargeInterest(firm, quantity);
    this.interest[firm]! += quantity;
  }

  settleDebtByPenalty(firm: number, quantity: number): void {
    this.inner.settleDebtByPenalty(firm, quantity);
    this.settledByPenalty[firm]! += quantity;
  }

  lapse(firm: number, quantity: number): void {
    this.inner.lapse(firm, quantity);
    this.lapsed[firm]! += quantity;
  }

  balance(firm: number): number { return this.inner.balance(firm); }
  debt(firm: number): number { return this.inner.debt(firm); }
  issuanceBalance(scheme: number): number { return this.inner.issuanceBalance(scheme); }
  surrendered(firm: number): number { return this.inner.surrendered(firm); }
}
