/**
 * The engine's view of unit holdings: a small interface, so the full multi-registry layer (serial blocks, checks,
 * transaction log) can stand behind it without the engine changing. `SimpleLedger` keeps balances only.
 *
 * Accounts: one per firm (plus the exchange's clearing account), and per scheme an issuance account (allowances not
 * yet distributed). Balances never go negative. Borrowing is an advance of future allowances recorded as the firm's
 * debt, so borrowed units can be surrendered or sold now and are repaid (cancelled) from later holdings.
 */
export interface UnitLedger {
  /** Creates allowances for a scheme and period in its issuance account. */
  issue(scheme: number, quantity: number): void;
  /** Moves allowances from the scheme's issuance account to a firm (free allocation, auction, reserve). */
  distribute(scheme: number, firm: number, quantity: number): void;
  /** Moves allowances between firms (secondary market settlement). */
  transfer(fromFirm: number, toFirm: number, quantity: number): void;
  /** Surrenders allowances from a firm for compliance. */
  surrender(firm: number, quantity: number): void;
  /** Advances future allowances of a scheme to a firm, adding to its debt. */
  borrow(scheme: number, firm: number, quantity: number): void;
  /** Repays debt with held allowances (they are cancelled). */
  repay(firm: number, quantity: number): void;
  /** Adds interest to a firm's debt, in allowances. */
  chargeInterest(firm: number, quantity: number): void;
  /** Settles part of a firm's debt by the penalty payment instead of units. */
  settleDebtByPenalty(firm: number, quantity: number): void;
  /** Cancels allowances left unsold in a scheme's issuance account. */
  cancelUnissued(scheme: number, quantity: number): void;
  /** Lapses allowances of a firm (no banking, or over a carry-over limit). */
  lapse(firm: number, quantity: number): void;
  balance(firm: number): number;
  debt(firm: number): number;
  issuanceBalance(scheme: number): number;
  surrendered(firm: number): number;
}

export class LedgerError extends Error {
  override readonly name = 'LedgerError';
}

/** Floating-point balances; tolerates rounding noise of 1e-6 t relative to the quantities moved. */
export class SimpleLedger implements UnitLedger {
  private readonly firmBalances: Float64Array;
  private readonly firmSurrendered: Float64Array;
  private readonly firmDebt: Float64Array;
  private readonly issuance: Float64Array;

  constructor(accountCount: number, schemeCount: number) {
    this.firmBalances = new Float64Array(accountCount);
    this.firmSurrendered = new Float64Array(accountCount);
    this.firmDebt = new Float64Array(accountCount);
    this.issuance = new Float64Array(schemeCount);
  }

  private static check(quantity: number, what: string): void {
    if (!(quantity >= 0) || !Number.isFinite(quantity)) throw new LedgerError(`${what}: quantity must be a finite number ≥ 0, got ${quantity}`);
  }

  private static tolerance(quantity: number): number {
    return 1e-6 * Math.max(1, Math.abs(quantity));
  }

  /** Takes `quantity` from a firm's balance; a rounding shortfall within tolerance is clipped to zero. */
  private debit(firm: number, quantity: number, what: string): void {
    const balance = this.firmBalances[firm]!;
    if (balance < quantity - SimpleLedger.tolerance(quantity)) {
      throw new LedgerError(`${what}: account ${firm} holds ${balance} t, cannot give up ${quantity} t`);
    }
    this.firmBalances[firm] = Math.max(0, balance - quantity);
  }

  issue(scheme: number, quantity: number): void {
    SimpleLedger.check(quantity, 'issue');
    this.issuance[scheme]! += quantity;
  }

  distribute(scheme: number, firm: number, quantity: number): void {
    SimpleLedger.check(quantity, 'distribute');
    if (this.issuance[scheme]! < quantity - SimpleLedger.tolerance(quantity)) {
      throw new LedgerError(`distribute: scheme ${scheme} holds ${this.issuance[scheme]} t, cannot distribute ${quantity} t`);
    }
    this.issuance[scheme] = Math.max(0, this.issuance[scheme]! - quantity);
    this.firmBalances[firm]! += quantity;
  }

  transfer(fromFirm: number, toFirm: number, quantity: number): void {
    SimpleLedger.check(quantity, 'transfer');
    this.debit(fromFirm, quantity, 'transfer');
    this.firmBalances[toFirm]! += quantity;
  }

  surrender(firm: number, quantity: number): void {
    SimpleLedger.check(quantity, 'surrender');
    this.debit(firm, quantity, 'surrender');
    this.firmSurrendered[firm]! += quantity;
  }

  borrow(scheme: number, firm: number, quantity: number): void {
    SimpleLedger.check(quantity, 'borrow');
    void scheme; // the balance-only ledger does not track vintages
    this.firmBalances[firm]! += quantity;
    this.firmDebt[firm]! += quantity;
  }

  repay(firm: number, quantity: number): void {
    SimpleLedger.check(quantity, 'repay');
    if (quantity > this.firmDebt[firm]! + SimpleLedger.tolerance(quantity)) {
      throw new LedgerError(`repay: account ${firm} owes ${this.firmDebt[firm]} t, cannot repay ${quantity} t`);
    }
    this.debit(firm, quantity, 'repay');
    this.firmDebt[firm] = Math.max(0, this.firmDebt[firm]! - quantity);
  }

  chargeInterest(firm: number, quantity: number): void {
    SimpleLedger.check(quantity, 'chargeInterest');
    this.firmDebt[firm]! += quantity;
  }

  settleDebtByPenalty(firm: number, quantity: number): void {
    SimpleLedger.check(quantity, 'settleDebtByPenalty');
    if (quantity > this.firmDebt[firm]! + SimpleLedger.tolerance(quantity)) {
      throw new LedgerError(`settleDebtByPenalty: account ${firm} owes ${this.firmDebt[firm]} t, cannot settle ${quantity} t`);
    }
    this.firmDebt[firm] = Math.max(0, this.firmDebt[firm]! - quantity);
  }

  cancelUnissued(scheme: number, quantity: number): void {
    SimpleLedger.check(quantity, 'cancelUnissued');
    this.issuance[scheme]! -= Math.min(quantity, this.issuance[scheme]!);
  }

  lapse(firm: number, quantity: number): void {
    SimpleLedger.check(quantity, 'lapse');
    this.debit(firm, quantity, 'lapse');
  }

  balance(firm: number): number {
    return this.firmBalances[firm]!;
  }

  debt(firm: number): number {
    return this.firmDebt[firm]!;
  }

  issuanceBalance(scheme: number): number {
    return this.issuance[scheme]!;
  }

  surrendered(firm: number): number {
    return this.firmSurrendered[firm]!;
  }
}
