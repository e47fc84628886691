/**
 * A unit ledger that records every operation the engine makes while settling a run, for the transactions table.
 * It keeps the balances in a `SimpleLedger` (the engine's default) and logs each call with its accounts.
 *
 * Periods: the engine settles each period by first issuing every scheme's allowances; an `issue` that follows any
 * other operation therefore starts the next period. A test checks the recorded flows against the firm rows.
 */
import { SimpleLedger, type UnitLedger } from '../model/engine/unitLedger.js';
import { ColumnBuffer } from './columnBuffer.js';
import { TRANSACTION_KINDS, type TransactionKind } from './outputCatalog.js';

const KIND_INDEX = new Map<TransactionKind, number>(TRANSACTION_KINDS.map((kind, k) => [kind, k]));
const NONE = -1;

export class TransactionRecorder implements UnitLedger {
  private readonly inner: SimpleLedger;
  private lastWasIssue = false;
  period = -1;
  readonly periods = new ColumnBuffer('uint16');
  readonly kinds = new ColumnBuffer('dictionary');
  readonly schemes = new ColumnBuffer('dictionary');
  readonly from = new ColumnBuffer('dictionary');
  readonly to = new ColumnBuffer('dictionary');
  readonly quantities = new ColumnBuffer('float64');

  /**
   * @param firmCount firms in the run (ledger accounts 0 … firmCount − 1; account firmCount is the exchange)
   * @param schemeCount schemes (issuance account of scheme s: firmCount + 1 + s)
   */
  constructor(private readonly firmCount: number, schemeCount: number) {
    this.inner = new SimpleLedger(firmCount + 1, schemeCount);
  }

  get length(): number {
    return this.quantities.length;
  }

  private issuance(scheme: number): number {
    return this.firmCount + 1 + scheme;
  }

  private record(kind: TransactionKind, scheme: number, from: number, to: number, quantity: number): void {
    if (kind === 'issue' && !this.lastWasIssue) this.period += 1;
    this.lastWasIssue = kind === 'issue';
    this.periods.push(this.period);
    this.kinds.push(KIND_INDEX.get(kind)!);
    this.schemes.push(scheme);
    this.from.push(from);
    this.to.push(to);
    this.quantities.push(quantity);
  }

  issue(scheme: number, quantity: number): void {
    this.inner.issue(scheme, quantity);
    this.record('issue', scheme, NONE, this.issuance(scheme), quantity);
  }
  distribute(scheme: number, firm: number, quantity: number): void {
    this.inner.distribute(scheme, firm, quantity);
    this.record('distribute', scheme, this.issuance(scheme), firm, quantity);
  }
  transfer(fromFirm: number, toFirm: number, quantity: number): void {
    this.inner.transfer(fromFirm, toFirm, quantity);
    this.record('transfer', NONE, fromFirm, toFirm, quantity);
  }
  surrender(firm: number, quantity: number): void {
    this.inner.surrender(firm, quantity);
    this.record('surrender', NONE, firm, NONE, quantity);
  }
  borrow(scheme: number, firm: number, quantity: number): void {
    this.inner.borrow(scheme, firm, quantity);
    this.record('borrow', scheme, NONE, firm, quantity);
  }
  repay(firm: number, quantity: number): void {
    this.inner.repay(firm, quantity);
    this.record('repay', NONE, firm, NONE, quantity);
  }
  chargeInterest(firm: number, quantity: number): void {
    this.inner.chargeInterest(firm, quantity);
    this.record('chargeInterest', NONE, NONE, firm, quantity);
  }
  settleDebtByPenalty(firm: number, quantity: number): void {
    this.inner.settleDebtByPenalty(firm, quantity);
    this.record('settleDebtByPenalty', NONE, firm, NONE, quantity);
  }
  cancelUnissued(scheme: number, quantity: number): void {
    this.inner.cancelUnissued(scheme, quantity);
    this.record('cancelUnissued', scheme, this.issuance(scheme), NONE, quantity);
  }
  lapse(firm: number, quantity: number): void {
    this.inner.lapse(firm, quantity);
    this.record('lapse', NONE, firm, NONE, quantity);
  }
  balance(firm: number): number {
    return this.inner.balance(firm);
  }
  debt(firm: number): number {
    return this.inner.debt(firm);
  }
  issuanceBalance(scheme: number): number {
    return this.inner.issuanceBalance(scheme);
  }
  surrendered(firm: number): number {
    return this.inner.surrendered(firm);
  }
}
