/**
 * Opt-in settlement of a run's unit movements in whole tonnes through the registry layer (`model/registry/`):
 *
 *   const registry = new RegistrySettlement({ log: true });
 *   const result = simulate(scenario, { registry });   // the same RunResult as without it
 *   registry.firmRows; registry.schemeRows;            // whole-tonne holdings and compliance, read from the registry
 *   registry.transactionLog();                         // the log as plain data (replay reproduces the holdings)
 *
 * The engine decides in floats (market clearing) and settles through its float ledger as always; this adapter
 * records that ledger's flows (`RecordingLedger`), rounds each scheme's period to whole tonnes that conserve units
 * exactly (`wholeTonneSettlement`: the documented rounding rule) and submits them to a registry system configured
 * from the scenario (`registrySystemConfig`). Every transaction must apply: a rejection is an engine or adapter bug
 * and throws `RegistrySettlementError` naming the check code.
 *
 * Per scheme and period, in the engine's phase order:
 *   ISSUE (free allocation + auction offered + reserve sold, vintage = year) → ISSUE of advances (vintage year + 1)
 *   → ALLOCATE free allocation, then advances → AUCTION_DELIVERY to buyers → reserve (TOTAL_QUANTITY → RESERVE →
 *   buyers) → CANCEL unsold auction volume → trades (one aggregated TRANSFER_INTERNAL, sellers to buyers, net
 *   positions) → per credit type: ISSUE in its registry, TRANSFER_EXTERNAL to the scheme's EXCHANGE account,
 *   TRANSFER_INTERNAL to the firms → verified emissions reported → SURRENDER of credits, then of allowances (one
 *   aggregated SURRENDER each; P04 credit limits and P10 borrowing apply) → CANCEL repayments → CANCEL lapses.
 * Banking needs nothing: allowances stay ACTIVE. Unsold volume, repayments and lapses are cancelled into
 * CANCELLATION/MANDATORY.
 *
 * Borrowing. The engine's borrowing is an advance of future allowances, recorded as debt and repaid later by
 * cancelling held allowances. The registry's BORROW is "a surrender may use next-vintage units within a limit" (P10).
 * The mapping: an advance is issued as allowances of the next vintage (year + 1) and allocated to the borrower, who
 * may sell or surrender them like any other; surrendering them for the current year is borrowing in the registry's
 * sense and is checked against the scheme's borrowing limit (P10). The debt itself is this adapter's whole-tonne
 * record (`debt` in the rows; no units are "owed" in a registry); repayment cancels held allowances (CANCEL,
 * MANDATORY), interest adds to the debt, and debt the engine settles by the penalty is part of that period's
 * obligation. In a scheme without borrowing no next-vintage unit exists and P10 (limit 0) would refuse one.
 */
import { allocateFree, deliverAuction, issueCap, reportEmissionsBatch, settleTrades, purchaseCredits, type DistributionResult } from '../registry/api.js';
import { submitAggregate } from '../registry/aggregate.js';
import type { CheckCode } from '../registry/checkCodes.js';
import { parseRatio } from '../registry/rules.js';
import { activeBalance, complianceKey, createRegistrySystem, sinkAccountId, type RegistrySystem } from '../registry/system.js';
import { ledgerView } from '../registry/replay.js';
import { submit, type TxResult } from '../registry/transact.js';
import { UNIT_STATUSES, type UnitStatus } from '../registry/types.js';
import type { FirmOutcome, PeriodOutcome } from '../market/periodMarket.js';
import { Money } from '../microstructure/money.js';
import { RecordingLedger } from './recordingLedger.js';
import { CREDIT_SUPPLY_ACCOUNT, exchangeAccountId, periodId, registrySystemConfig } from './registrySystemConfig.js';
import type { ResolvedScenario } from './resolveScenario.js';
import type { RunSettlement } from './runSettlement.js';
import { writeTransactionLog, type TransactionLogFile } from './transactionLogFile.js';
import type { UnitLedger } from './unitLedger.js';
import { wholeTonneSettlement, type FirmFlows, type FirmStart, type SchemeSettlement, type WholeTonneCreditLimit } from './wholeTonneSettlement.js';

export interface RegistrySettlementOptions {
  /**
   * Allow `transactionLog()` (default false). The registry keeps its log in memory either way (it is part of the
   * registry); this is the opt-in to write it out.
   */
  log?: boolean;
}

/**
 * A registry transaction the settlement needed was refused (`code`: its check code, REGISTRY.md §5.5), or the
 * rounding rule could not balance a scheme (`code` 'RULE'). Either is an engine or adapter bug, never a user mistake.
 */
export class RegistrySettlementError extends Error {
  override readonly name = 'RegistrySettlementError';
  constructor(readonly code: CheckCode | 'RULE', message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** One firm in one period, whole tonnes; holdings and compliance are read back from the registry. */
export interface RegistryFirmPeriod {
  firm: string;
  scheme: string;
  period: number;
  year: number;
  /** ACTIVE allowances in the firm's account at the end of the period (the registry's balance). */
  holdings: number;
  /** Advances outstanding (this adapter's record). */
  debt: number;
  /** max(0, holdings − debt) and max(0, debt − holdings): comparable to the engine's `bank` and `borrowing`. */
  bank: number;
  borrowing: number;
  freeAllocation: number;
  advance: number;
  auctionPurchase: number;
  reservePurchase: number;
  /** Allowances bought (> 0) or sold (< 0) in the period, government sales included. */
  netPurchase: number;
  verifiedEmissions: number;
  creditsSurrendered: number;
  allowancesSurrendered: number;
  penaltyTonnes: number;
  /** Penalty tonnes charged because whole-tonne credit limits left the scheme without the allowances (see
   * `wholeTonneSettlement`, step 4): the only case where `compliant` can differ from the engine's. */
  uncovered: number;
  /** Make-good owed from the previous period's penalty. */
  owed: number;
  /** Advances settled by the penalty instead of repaid (borrowing due and not repaid). */
  debtSettledByPenalty: number;
  repaid: number;
  lapsed: number;
  interest: number;
  /** Penalty paid for `penaltyTonnes` at the period's penalty price, exact decimal string (currency). */
  penaltyPaid: string;
  /** The registry's compliance record for (firm, scheme, year). */
  obligation: number;
  surrendered: number;
  /** surrendered − obligation; ≥ 0 is compliant. */
  complianceBalance: number;
  compliant: boolean;
}

/** One scheme in one period, whole tonnes. */
export interface RegistrySchemePeriod {
  scheme: string;
  period: number;
  year: number;
  /** Allowances of the year's vintage issued: free allocation + auction offered + reserve sold. */
  issued: number;
  /** Advances issued (next vintage). */
  advanced: number;
  auctionOffered: number;
  auctionSold: number;
  reserveSold: number;
  unsoldCancelled: number;
  repaidCancelled: number;
  lapsedCancelled: number;
  /** Credits bought and surrendered, by credit type id. */
  credits: Record<string, number>;
  /**
   * Money for the whole tonnes, exact decimal strings (decimal.js, `Money`): auction and reserve revenue at the
   * clearing price, credit purchases at each credit's price, penalties at the penalty price. Currency.
   */
  payments: { auctionRevenue: string; reserveRevenue: string; creditCost: Record<string, string>; penaltyPaid: string };
  /** Tonnes the rounding rule moved to balance the scheme's units (see `wholeTonneSettlement`). */
  adjustments: SchemeSettlement['adjustments'];
  beyondSlack: number;
  /** Registry transactions applied for this scheme and period. */
  transactions: number;
}

/** Units of a registry by status, plus what its origin ever issued (§5.6 inv. 1). */
export interface RegistryUnitTotals {
  issued: number;
  byStatus: Record<UnitStatus, number>;
}

interface SchemeContext {
  index: number;
  id: string;
  firms: number[];
  limits: WholeTonneCreditLimit[];
  creditIds: string[];
  maxVintageAhead: number;
  surrenderAccount: string;
  totalQuantityAccount: string;
  reserveAccount: string;
}

const CANCELLED = sinkAccountId('CANCELLATION', 'MANDATORY');

export class RegistrySettlement implements RunSettlement {
  readonly firmRows: RegistryFirmPeriod[] = [];
  readonly schemeRows: RegistrySchemePeriod[] = [];
  private registrySystem: RegistrySystem | null = null;
  private scenario: ResolvedScenario | null = null;
  private recorder: RecordingLedger | null = null;
  private schemes: SchemeContext[] = [];
  /** Whole-tonne state per firm index. */
  private holdings = new Float64Array(0);
  private debt = new Float64Array(0);
  private owed = new Float64Array(0);
  /** The engine's float state per firm index, carried between periods. */
  private engineDebt = new Float64Array(0);
  private engineOwed = new Float64Array(0);
  private transactions = 0;
  /** This period's outcome per firm index (reused). */
  private firmOutcome: (FirmOutcome | undefined)[] = [];

  constructor(private readonly options: RegistrySettlementOptions = {}) {}

  /** The registry system (after `begin`). */
  get system(): RegistrySystem {
    if (this.registrySystem === null) throw new Error('RegistrySettlement: no run yet (pass it to simulate as options.registry)');
    return this.registrySystem;
  }

  begin(scenario: ResolvedScenario, ledger: UnitLedger): UnitLedger {
    if (this.registrySystem !== null) throw new Error('RegistrySettlement: already used for a run; create one per run');
    this.registrySystem = createRegistrySystem(registrySystemConfig(scenario));
    this.scenario = scenario;
    const N = scenario.firms.length;
    this.holdings = new Float64Array(N);
    this.debt = new Float64Array(N);
    this.owed = new Float64Array(N);
    this.engineDebt = new Float64Array(N);
    this.engineOwed = new Float64Array(N);
    this.firmOutcome = new Array<FirmOutcome | undefined>(N);
    this.schemes = scenario.schemes.map((scheme) => {
      const accounts = this.registrySystem!.config.schemeAccounts.get(scheme.id)!;
      return {
        index: scheme.index, id: scheme.id, firms: scheme.firms,
        limits: scheme.credits.map((rule, k) => ({
          share: parseRatio(rule.share, `schemes[${scheme.index}].credits[${k}].limit.share`),
          tonnes: Number.isFinite(rule.tonnes) ? Math.floor(rule.tonnes) : Number.POSITIVE_INFINITY,
        })),
        creditIds: scheme.credits.map((rule) => scenario.creditTypes[rule.creditType]!.id),
        maxVintageAhead: scheme.borrowingMode === 'none' ? 0 : 1,
        surrenderAccount: accounts.surrender, totalQuantityAccount: accounts.totalQuantity, reserveAccount: accounts.reserve,
      };
    });
    this.recorder = new RecordingLedger(ledger, N + 1);
    return this.recorder;
  }

  settlePeriod(period: number, outcomes: readonly PeriodOutcome[]): void {
    const scenario = this.scenario!;
    const recorder = this.recorder!;
    const year = scenario.years[period]!;
    const firmOutcome = this.firmOutcome;
    for (const outcome of outcomes) for (const o of outcome.firms) firmOutcome[o.firm] = o;
    for (const outcome of outcomes) {
      for (const schemeOutcome of outcome.schemes) {
        const context = this.schemes[schemeOutcome.scheme]!;
        const scheme = scenario.schemes[context.index]!;
        const flows: FirmFlows[] = [];
        const start: FirmStart[] = [];
        for (const f of context.firms) {
          const o = firmOutcome[f]!;
          let credits = 0;
          for (const c of o.credits) credits += c;
          const owedFloat = this.engineOwed[f]!;
          const obligation = o.emissions + owedFloat;
          const surrendered = recorder.surrenderedNow[f]!;
          // The engine's verdict, as settlePeriod computes it.
          const compliant = o.penaltyTonnes <= 1e-9 * Math.max(1, obligation) && surrendered + credits + o.penaltyTonnes - obligation >= -1e-9 * Math.max(1, obligation);
          const endBalance = recorder.inner.balance(f);
          flows.push({
            freeAllocation: o.freeAllocation, emissions: o.emissions, credits: o.credits, penaltyTonnes: o.penaltyTonnes, compliant,
            borrowed: recorder.borrowed[f]!, settledByPenalty: recorder.settledByPenalty[f]!, repaid: recorder.repaid[f]!,
            lapsed: recorder.lapsed[f]!, interest: recorder.interest[f]!,
            afterSurrender: endBalance + recorder.lapsed[f]! + recorder.repaid[f]!, endBalance,
            startDebt: this.engineDebt[f]!, endDebt: recorder.inner.debt(f),
          });
          start.push({ holdings: this.holdings[f]!, debt: this.debt[f]!, owed: this.owed[f]! });
        }
        let settled: SchemeSettlement;
        try {
          settled = wholeTonneSettlement(flows, start, {
            auctionOffered: schemeOutcome.auctionOffered, auctionSold: schemeOutcome.auctionSold, reserveSold: schemeOutcome.reserveSold,
            reserveLimit: scheme.ceilingReserve,
          }, context.limits);
        } catch (error) {
          throw new RegistrySettlementError('RULE', `${context.id} ${year}: ${(error as Error).message}`, { cause: error });
        }
        this.settleScheme(context, period, year, settled, outcome);
        context.firms.forEach((f, i) => {
          this.engineDebt[f] = recorder.inner.debt(f);
          this.engineOwed[f] = flows[i]!.penaltyTonnes * scheme.makeGood;
          // Make-good follows the engine's penalty: tonnes left `uncovered` by whole-tonne limits owe none.
          this.owed[f] = Math.round((settled.firms[i]!.penaltyTonnes - settled.firms[i]!.uncovered) * scheme.makeGood);
        });
      }
    }
    recorder.reset();
  }

  /** Submits one scheme's whole-tonne settlement and records the rows. */
  private settleScheme(context: SchemeContext, period: number, year: number, settled: SchemeSettlement, outcome: PeriodOutcome): void {
    const system = this.registrySystem!;
    const scenario = this.scenario!;
    const registry = context.id;
    const at = Date.UTC(year, 5, 30);
    const where = `${registry} ${year}`;
    const transactionsBefore = this.transactions;
    const firmIds = context.firms.map((f) => scenario.firms[f]!.id);
    const firms = settled.firms;
    const allowances = { unitType: 'ALLOWANCE' as const, scheme: registry };
    const legsOf = (quantity: (i: number) => number): { account: string; quantity: number }[] => {
      const legs: { account: string; quantity: number }[] = [];
      for (let i = 0; i < firms.length; i++) if (quantity(i) > 0) legs.push({ account: firmIds[i]!, quantity: quantity(i) });
      return legs;
    };
    let freeTotal = 0, advanceTotal = 0;
    for (const firm of firms) { freeTotal += firm.freeAllocation; advanceTotal += firm.advance; }

    // Issue the year's allowances (free + auction offered + reserve sold) and the advances (next vintage).
    const issued = freeTotal + settled.auctionOffered + settled.reserveSold;
    if (issued > 0) this.check(issueCap(system, { scheme: registry, vintage: year, quantity: issued, at }), where, 'issue');
    if (advanceTotal > 0) this.check(issueCap(system, { scheme: registry, vintage: year + 1, quantity: advanceTotal, at }), where, 'issue of advances');
    // Allocate: free allocation, then advances.
    this.checkDistribution(allocateFree(system, { scheme: registry, vintage: year, at, legs: legsOf((i) => firms[i]!.freeAllocation) }), where, 'free allocation');
    if (advanceTotal > 0) this.checkDistribution(allocateFree(system, { scheme: registry, vintage: year + 1, at, legs: legsOf((i) => firms[i]!.advance) }), where, 'advances');
    // Government sales: auction, then the reserve; unsold auction volume is cancelled.
    this.checkDistribution(deliverAuction(system, { scheme: registry, vintage: year, at, legs: legsOf((i) => firms[i]!.auctionPurchase) }), where, 'auction delivery');
    if (settled.reserveSold > 0) {
      const year_ = { ...allowances, vintage: year };
      this.check(submit(system, { type: 'TRANSFER_INTERNAL', at, from: { registry, account: context.totalQuantityAccount }, to: { registry, account: context.reserveAccount }, quantity: settled.reserveSold, unit: year_ }), where, 'reserve release');
      this.check(submitAggregate(system, {
        type: 'TRANSFER_INTERNAL', registry, at, unit: year_,
        legs: legsOf((i) => firms[i]!.reservePurchase).map((leg) => ({ from: context.reserveAccount, to: leg.account, quantity: leg.quantity })),
      }), where, 'reserve sales');
    }
    const unsold = settled.auctionOffered - settled.auctionSold;
    if (unsold > 0) {
      this.check(submit(system, { type: 'CANCEL', at, from: { registry, account: context.totalQuantityAccount }, to: { registry, account: CANCELLED }, reason: 'MANDATORY', quantity: unsold, unit: { ...allowances, vintage: year } }), where, 'cancellation of unsold auction volume');
    }
    // Secondary market: net positions, sellers to buyers.
    if (settled.trades.length > 0) {
      this.check(settleTrades(system, { registry, at, unit: allowances, trades: settled.trades.map((t) => ({ from: firmIds[t.seller]!, to: firmIds[t.buyer]!, quantity: t.quantity })) }), where, 'trades');
    }
    // Credits: bought from each credit type's registry, passed on to the firms.
    const creditTotals: Record<string, number> = {};
    context.creditIds.forEach((creditId, k) => {
      let total = 0;
      for (const firm of firms) total += firm.credits[k]!;
      creditTotals[creditId] = total;
      if (total === 0) return;
      const supply = { registry: creditId, account: CREDIT_SUPPLY_ACCOUNT };
      const exchange = exchangeAccountId(registry);
      const unit = { unitType: 'CREDIT' as const, scheme: creditId };
      this.check(submit(system, { type: 'ISSUE', at, to: supply, scheme: creditId, quantity: total, vintage: year }), where, `issue of ${creditId} credits`);
      this.check(purchaseCredits(system, { from: supply, to: { registry, account: exchange }, quantity: total, unit, at }), where, `purchase of ${creditId} credits`);
      this.check(submitAggregate(system, { type: 'TRANSFER_INTERNAL', registry, at, unit, legs: legsOf((i) => firms[i]!.credits[k]!).map((leg) => ({ from: exchange, to: leg.account, quantity: leg.quantity })) }), where, `delivery of ${creditId} credits`);
    });
    // Compliance: verified emissions and obligations, then credits and allowances surrendered.
    const period_ = periodId(year);
    const problems = reportEmissionsBatch(system, firms.map((firm, i) => ({ entity: firmIds[i]!, scheme: registry, period: period_, verifiedEmissions: firm.verifiedEmissions, obligation: firm.obligation })));
    if (problems.length > 0) throw new RegistrySettlementError('RULE', `${where}: emissions report refused: ${problems[0]}`);
    const compliance = { scheme: registry, period: period_ };
    context.creditIds.forEach((creditId, k) => {
      const legs = legsOf((i) => firms[i]!.credits[k]!).map((leg) => ({ from: leg.account, to: context.surrenderAccount, quantity: leg.quantity }));
      if (legs.length > 0) this.check(submitAggregate(system, { type: 'SURRENDER', registry, at, unit: { unitType: 'CREDIT', scheme: creditId }, compliance, legs }), where, `surrender of ${creditId} credits`);
    });
    const surrenderLegs = legsOf((i) => firms[i]!.allowancesSurrendered).map((leg) => ({ from: leg.account, to: context.surrenderAccount, quantity: leg.quantity }));
    if (surrenderLegs.length > 0) {
      this.check(submitAggregate(system, { type: 'SURRENDER', registry, at, unit: { ...allowances, maxVintage: year + context.maxVintageAhead }, compliance, legs: surrenderLegs }), where, 'surrender of allowances');
    }
    // Repayment of advances and lapses: cancelled.
    let repaidTotal = 0, lapsedTotal = 0;
    for (let i = 0; i < firms.length; i++) {
      if (firms[i]!.repaid > 0) this.cancel(registry, firmIds[i]!, firms[i]!.repaid, at, where, `repayment of ${firmIds[i]}`);
      if (firms[i]!.lapsed > 0) this.cancel(registry, firmIds[i]!, firms[i]!.lapsed, at, where, `lapse of ${firmIds[i]}`);
      repaidTotal += firms[i]!.repaid;
      lapsedTotal += firms[i]!.lapsed;
    }

    // Money for the whole tonnes (exact decimals; the engine's prices are floats).
    const schemeRules = scenario.schemes[context.index]!;
    const penaltyPrice = Number.isFinite(schemeRules.penalty[period]!) ? new Money(schemeRules.penalty[period]!) : new Money(0);
    let penaltyPaid = new Money(0);
    const creditCost: Record<string, string> = {};
    schemeRules.credits.forEach((rule, k) => {
      const quantity = creditTotals[context.creditIds[k]!]!;
      creditCost[context.creditIds[k]!] = quantity === 0 ? '0' : new Money(outcome.creditPrices[rule.creditType]!).times(quantity).toFixed();
    });

    // Read back: holdings and compliance from the registry.
    for (let i = 0; i < firms.length; i++) {
      const f = context.firms[i]!;
      const firm = firms[i]!;
      // Firms hold only allowances at the end of a period (credits are surrendered when bought).
      const holdings = activeBalance(system, { registry, account: firmIds[i]! });
      if (holdings !== firm.holdings) throw new RegistrySettlementError('RULE', `${where}: ${firmIds[i]} holds ${holdings} t in the registry, the settlement expected ${firm.holdings} t`);
      const record = system.compliance.get(complianceKey(firmIds[i]!, registry, period_));
      const status = { allowances: record?.allowances ?? 0, credits: record?.credits ?? 0, surrendered: (record?.allowances ?? 0) + (record?.credits ?? 0) };
      const obligation = record?.obligation ?? 0;
      let paid = '0';
      if (firm.penaltyTonnes > 0) {
        const amount = penaltyPrice.times(firm.penaltyTonnes);
        penaltyPaid = penaltyPaid.plus(amount);
        paid = amount.toFixed();
      }
      this.holdings[f] = holdings;
      this.debt[f] = firm.debt;
      this.firmRows.push({
        firm: firmIds[i]!, scheme: registry, period, year, holdings, debt: firm.debt,
        bank: Math.max(0, holdings - firm.debt), borrowing: Math.max(0, firm.debt - holdings),
        freeAllocation: firm.freeAllocation, advance: firm.advance, auctionPurchase: firm.auctionPurchase, reservePurchase: firm.reservePurchase,
        netPurchase: firm.netPurchase, verifiedEmissions: firm.verifiedEmissions, creditsSurrendered: status.credits,
        allowancesSurrendered: status.allowances, penaltyTonnes: firm.penaltyTonnes, uncovered: firm.uncovered, owed: firm.owed, penaltyPaid: paid,
        debtSettledByPenalty: firm.debtSettledByPenalty, repaid: firm.repaid, lapsed: firm.lapsed, interest: firm.interest,
        obligation, surrendered: status.surrendered, complianceBalance: status.surrendered - obligation, compliant: status.surrendered >= obligation,
      });
    }
    this.schemeRows.push({
      scheme: registry, period, year, issued, advanced: advanceTotal, auctionOffered: settled.auctionOffered, auctionSold: settled.auctionSold,
      reserveSold: settled.reserveSold, unsoldCancelled: unsold, repaidCancelled: repaidTotal, lapsedCancelled: lapsedTotal, credits: creditTotals,
      payments: {
        auctionRevenue: new Money(outcome.price).times(settled.auctionSold).toFixed(), reserveRevenue: new Money(outcome.price).times(settled.reserveSold).toFixed(),
        creditCost, penaltyPaid: penaltyPaid.toFixed(),
      },
      adjustments: settled.adjustments, beyondSlack: settled.beyondSlack, transactions: this.transactions - transactionsBefore,
    });
  }

  /** Cancels a firm's allowances (oldest vintage first) into CANCELLATION/MANDATORY. */
  private cancel(registry: string, account: string, quantity: number, at: number, where: string, what: string): void {
    this.check(submit(this.registrySystem!, {
      type: 'CANCEL', at, from: { registry, account }, to: { registry, account: CANCELLED }, reason: 'MANDATORY', quantity,
      unit: { unitType: 'ALLOWANCE', scheme: registry },
    }), where, what);
  }

  private check(result: TxResult | null, where: string, what: string): void {
    if (result === null) return;
    if (!result.ok) throw new RegistrySettlementError(result.code, `${where}, ${what}: registry refused it with ${result.code} ${result.name}: ${result.message}`);
    this.transactions += 1;
  }

  private checkDistribution(result: DistributionResult, where: string, what: string): void {
    this.check(result.topUp, where, `${what} (top-up of the pool)`);
    this.check(result.distribution, where, what);
  }

  /** The registry's transaction log as plain data (needs `log: true`). */
  transactionLog(): TransactionLogFile {
    if (this.options.log !== true) throw new Error('RegistrySettlement: the transaction log was not requested (new RegistrySettlement({ log: true }))');
    return writeTransactionLog(this.system.log);
  }

  /**
   * Units by origin registry (the issuing registry: a scheme, or a credit type) and status, wherever they are held,
   * and what each origin ever issued (§5.6 inv. 1: issued = Σ over statuses). From the registry's blocks; not fast.
   */
  unitTotals(): Record<string, RegistryUnitTotals> {
    const system = this.system;
    const out: Record<string, RegistryUnitTotals> = {};
    const totalsOf = (origin: string): RegistryUnitTotals => {
      let totals = out[origin];
      if (totals === undefined) {
        totals = { issued: system.origins.get(origin)?.issued.total ?? 0, byStatus: Object.fromEntries(UNIT_STATUSES.map((status) => [status, 0])) as Record<UnitStatus, number> };
        out[origin] = totals;
      }
      return totals;
    };
    for (const origin of system.origins.keys()) totalsOf(origin);
    for (const segment of ledgerView(system)) totalsOf(segment.origin).byStatus[segment.status] += segment.end - segment.start + 1;
    return out;
  }
}
