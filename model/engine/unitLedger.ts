/**
 * The engine's view of unit holdings: a small interface, so the full multi-registry layer (serial blocks, checks,
 * transaction log) can stand behind it without the engine changing. `SimpleLedger` keeps balances only.
 *
 * Accounts: one per firm, plus per scheme an issuance account (allowances not yet distributed) and a surrender sink.
 * A firm's balance may go negative only by the borrowing the scheme allows; the caller passes that allowance.
 */
export interface UnitLedger {
  /** Creates allowances for a scheme and period in its issuance account. */
  issue(scheme: number, quantity: number): void;
  /** Moves allowances from the scheme's issuance account to a firm (free allocation, auction, reserve). */
  distribute(scheme: number, firm: number, quantity: number): void;
  /** Moves allowances between firms (secondary market settlement). */
  transfer(fromFirm: number, toFirm: number, quantity: number): void;
  /** Surrenders allowances from a firm for compliance; `borrowingAllowed` is how far below zero it may go. */
  surrender(firm: number, quantity: number, borrowingAllowed: number): void;
  /** Cancels allowances left unsold in a scheme's issuance account. */
  cancelUnissued(scheme: number, quantity: number): void;
  /** Lapses allowances of a firm (no banking, or over a carry-over limit). */
  lapse(firm: number, quantity: number): void;
  balance(firm: number): number;
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
  private readonly issuance: Float64Array;

  constructor(firmCount: number, schemeCount: number) {
    this.firmBalances = new Float64Array(firmCount);
    this.firmSurrendered = new Float64Array(firmCount);
    this.issuance = new Float64Array(schemeCount);
  }

  private static check(quantity: number, what: string): void {
    if (!(quantity >= 0) || !Number.isFinite(quantity)) throw new LedgerError(`${what}: quantity must be a finite number ≥ 0, got ${quantity}`);
  }

  private static tolerance(quantity: number): number {
    return 1e-6 * Math.max(1, Math.abs(quantity));
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
    this.issuance[scheme]! -= quantity;
    this.firmBalances[firm]! += quantity;
  }

  transfer(fromFirm: number, toFirm: number, quantity: number): void {
    SimpleLedger.check(quantity, 'transfer');
    if (this.firmBalances[fromFirm]! < quantity - SimpleLedger.tolerance(quantity)) {
      throw new LedgerError(`transfer: firm ${fromFirm} holds ${this.firmBalances[fromFirm]} t, cannot transfer ${quantity} t`);
    }
    this.firmBalances[fromFirm]! -= quantity;
    this.firmBalances[toFirm]! += quantity;
  }

  surrender(firm: number, quantity: number, borrowingAllowed: number): void {
    SimpleLedger.check(quantity, 'surrender');
    if (this.firmBalances[firm]! + borrowingAllowed < quantity - SimpleLedger.tolerance(quantity)) {
      throw new LedgerError(`surrender: firm ${firm} holds ${this.firmBalances[firm]} t (+${borrowingAllowed} t borrowing), cannot surrender ${quantity} t`);
    }
    this.firmBalances[firm]! -= quantity;
    this.firmSurrendered[firm]! += quantity;
  }

  cancelUnissued(scheme: number, quantity: number): void {
    SimpleLedger.check(quantity, 'cancelUnissued');
    this.issuance[scheme]! -= Math.min(quantity, this.issuance[scheme]!);
  }

  lapse(firm: number, quantity: number): void {
    SimpleLedger.check(quantity, 'lapse');
    this.firmBalances[firm]! -= quantity;
  }

  balance(firm: number): number {
    return this.firmBalances[firm]!;
  }

  issuanceBalance(scheme: number): number {
    return this.issuance[scheme]!;
  }

  surrendered(firm: number): number {
    return this.firmSurrendered[firm]!;
  }
}
