/**
 * Settlement of one period through the unit ledger, in explicit phases:
 *   allocate (issue supply, distribute free allowances) → auction and reserve delivery → secondary trades →
 *   surrender (allowances; credits are counted against the obligation) → bank/borrow (what is left, interest,
 *   lapses) → collect (result rows).
 * The market decided quantities; this phase moves units and records the outcome. The firm's end balance in the
 * ledger is then its bank (≥ 0) or its borrowing (< 0), independently of the decision code, which lets tests check
 * that the two agree.
 */
import type { FirmPeriodResult, SchemePeriodResult } from './runResult.js';
import type { ResolvedScenario } from './resolveScenario.js';
import type { PeriodOutcome } from '../market/periodMarket.js';
import type { UnitLedger } from './unitLedger.js';
import { uniformPriceAuction } from '../market/uniformPriceAuction.js';

export interface SettlementInput {
  scenario: ResolvedScenario;
  period: number;
  /** Every market's outcome this period (linked markets settle together: imports need the exporters' sales). */
  outcomes: readonly PeriodOutcome[];
  /** Bank change per firm to add to the outcomes' (perfect-foresight: the firm's share of the aggregate change). */
  extraBankChange: Float64Array;
  /** Make-good owed by each firm this period, t. */
  owed: Float64Array;
  /** Interest-bearing debt carried in, per firm (positive number of allowances owed beyond the balance). */
  ledger: UnitLedger;
  /** Ledger account index of the exchange (clearing) account. */
  exchangeAccount: number;
  /** Each firm's planned end-of-period position: bank (≥ 0) or borrowing (< 0), t. Holdings above a planned
   * bank lapse (banking and carry-over limits, unwanted surplus at a zero price). */
  plannedPosition: Float64Array;
  /** Whether to return one row per firm (batch runs ask for firm detail only when wanted). */
  collectFirmRows: boolean;
}

/** Run-metric sums over the firms of one period (undiscounted). */
export interface PeriodTotals {
  abatementCost: number;
  /** Abatement cost + credit purchases + penalties. */
  complianceCost: number;
  emissions: number;
  abatement: number;
  compliantFirms: number;
  firms: number;
  /** Baseline emissions per firm index at the realised output. */
  baselines: Float64Array;
}

export interface SettlementOutput {
  firmRows: FirmPeriodResult[];
  schemeRows: SchemePeriodResult[];
  totals: PeriodTotals;
  /** Penalty tonnes per firm (for make-good next period). */
  penaltyTonnes: Float64Array;
  lapsedByScheme: Float64Array;
}

export function settlePeriod(input: SettlementInput): SettlementOutput {
  const { scenario, period, ledger, exchangeAccount } = input;
  const firmOutcomes = input.outcomes.flatMap((o) => o.firms);
  const schemeOutcomes = input.outcomes.flatMap((o) => o.schemes);
  const outcomeOfScheme = new Map<number, PeriodOutcome>();
  for (const o of input.outcomes) for (const so of o.schemes) outcomeOfScheme.set(so.scheme, o);
  const year = scenario.years[period]!;
  const firmCount = scenario.firms.length;
  const penaltyTonnes = new Float64Array(firmCount);
  const lapsedByScheme = new Float64Array(scenario.schemes.length);
  // Phase: allocate. Issue what each scheme distributes this period and hand out free allocation.
  const freeByScheme = new Float64Array(scenario.schemes.length);
  for (const o of firmOutcomes) freeByScheme[scenario.firms[o.firm]!.scheme]! += o.freeAllocation;
  for (const schemeOutcome of schemeOutcomes) {
    const s = schemeOutcome.scheme;
    ledger.issue(s, freeByScheme[s]! + schemeOutcome.auctionOffered + schemeOutcome.reserveSold);
  }
  for (const o of firmOutcomes) if (o.freeAllocation > 0) ledger.distribute(scenario.firms[o.firm]!.scheme, o.firm, o.freeAllocation);

  // Phase: borrow. Firms planning more debt than they carry take the advance before trading, so borrowed units can
  // be sold or surrendered like any other.
  for (const o of firmOutcomes) {
    const plannedDebt = Math.max(0, -input.plannedPosition[o.firm]!);
    const extra = plannedDebt - ledger.debt(o.firm);
    if (extra > 0) ledger.borrow(scenario.firms[o.firm]!.scheme, o.firm, extra);
  }

  // Phase: trade. Net purchases per firm including the bank change decided elsewhere.
  const netPurchase = new Float64Array(firmCount);
  for (const o of firmOutcomes) netPurchase[o.firm] = o.netPurchase + input.extraBankChange[o.firm]!;

  // Auction and reserve sales: a uniform-price sealed-bid auction in which each firm of the scheme that needs
  // allowances bids its need at the market price (with a liquid secondary market no firm bids above it, and none
  // gets them cheaper); oversubscription is shared pro rata. What firms of a linked scheme buy goes to the exchange.
  const auctionPurchases = new Float64Array(firmCount);
  for (const schemeOutcome of schemeOutcomes) {
    const s = schemeOutcome.scheme;
    const scheme = scenario.schemes[s]!;
    const fromGovernment = schemeOutcome.auctionSold + schemeOutcome.reserveSold;
    if (fromGovernment <= 0) continue;
    const price = outcomeOfScheme.get(s)!.price;
    const bidders = scheme.firms.filter((f) => netPurchase[f]! > 0);
    const auction = uniformPriceAuction(fromGovernment, Math.min(price, scheme.floor?.[period] ?? 0), bidders.map((f) => ({ bidder: f, price, quantity: netPurchase[f]! })));
    bidders.forEach((f, k) => {
      const quantity = auction.awarded[k]!;
      if (quantity > 0) ledger.distribute(s, f, quantity);
      auctionPurchases[f] = quantity;
    });
    if (auction.unsold > 0) ledger.distribute(s, exchangeAccount, auction.unsold);
  }
  // Secondary market through the exchange account: sellers deliver first, buyers receive.
  const sales = new Float64Array(firmCount);
  const purchases = new Float64Array(firmCount);
  for (let f = 0; f < firmCount; f++) {
    const remaining = netPurchase[f]! - auctionPurchases[f]!;
    if (remaining < 0) {
      const quantity = Math.min(-remaining, Math.max(0, ledger.balance(f)));
      if (quantity > 0) ledger.transfer(f, exchangeAccount, quantity);
      sales[f] = quantity;
    }
  }
  for (let f = 0; f < firmCount; f++) {
    const remaining = netPurchase[f]! - auctionPurchases[f]!;
    if (remaining > 0) {
      const quantity = Math.min(remaining, Math.max(0, ledger.balance(exchangeAccount)));
      if (quantity > 0) ledger.transfer(exchangeAccount, f, quantity);
      purchases[f] = quantity;
    }
  }

  // Phase: surrender, then bank/borrow; sums for the scheme rows and run metrics are gathered on the way.
  const firmRows: FirmPeriodResult[] = [];
  const schemeCount = scenario.schemes.length;
  const sums = {
    emissions: new Float64Array(schemeCount), baseline: new Float64Array(schemeCount), abatement: new Float64Array(schemeCount),
    bought: new Float64Array(schemeCount), sales: new Float64Array(schemeCount), bank: new Float64Array(schemeCount),
    borrowing: new Float64Array(schemeCount), abatementCost: new Float64Array(schemeCount),
  };
  const creditsByScheme = new Map<number, Float64Array>();
  const totals: PeriodTotals = {
    abatementCost: 0, complianceCost: 0, emissions: 0, abatement: 0, compliantFirms: 0, firms: 0,
    baselines: new Float64Array(firmCount),
  };
  for (const o of firmOutcomes) {
    const firm = scenario.firms[o.firm]!;
    const scheme = scenario.schemes[firm.scheme]!;
    const outcome = outcomeOfScheme.get(firm.scheme)!;
    let creditsUsed = 0;
    let creditCost = 0;
    for (let k = 0; k < o.credits.length; k++) {
      const rule = scheme.credits[k]!;
      creditsUsed += o.credits[k]!;
      creditCost += (o.credits[k]! / rule.exchangeRate) * outcome.creditPrices[rule.creditType]!;
    }
    penaltyTonnes[o.firm] = o.penaltyTonnes;
    const obligation = o.emissions + input.owed[o.firm]!;
    const toSurrender = Math.max(0, obligation - creditsUsed - o.penaltyTonnes);
    const surrenderedBefore = ledger.surrendered(o.firm);
    ledger.surrender(o.firm, toSurrender);
    // Penalty tonnes beyond this period's obligation settle borrowing that fell due and could not be repaid.
    const debtSettled = Math.min(ledger.debt(o.firm), Math.max(0, o.penaltyTonnes - (obligation - creditsUsed)));
    if (debtSettled > 0) ledger.settleDebtByPenalty(o.firm, debtSettled);
    // Repay what the plan no longer borrows, then lapse holdings above the planned bank.
    const plannedDebt = Math.max(0, -input.plannedPosition[o.firm]!);
    const repayment = Math.min(ledger.balance(o.firm), Math.max(0, ledger.debt(o.firm) - plannedDebt));
    if (repayment > 0) ledger.repay(o.firm, repayment);
    const keep = ledger.debt(o.firm) > 0 ? 0 : Math.max(0, input.plannedPosition[o.firm]!);
    if (ledger.balance(o.firm) > keep) {
      const lapse = ledger.balance(o.firm) - keep;
      ledger.lapse(o.firm, lapse);
      lapsedByScheme[firm.scheme]! += lapse;
    }
    if (ledger.debt(o.firm) > 0 && scheme.borrowInterest > 0) ledger.chargeInterest(o.firm, ledger.debt(o.firm) * scheme.borrowInterest);
    const balance = ledger.balance(o.firm) - ledger.debt(o.firm);
    // Compliance from the ledger: what was surrendered, plus credits and penalty tonnes, against the obligation.
    const complianceBalance = ledger.surrendered(o.firm) - surrenderedBefore + creditsUsed + o.penaltyTonnes - obligation;
    const abatementCost = firm.mac.cost(o.abatement);
    const penaltyPaid = o.penaltyTonnes * (Number.isFinite(scheme.penalty[period]!) ? scheme.penalty[period]! : 0);
    const compliant = o.penaltyTonnes <= 1e-9 * Math.max(1, obligation) && complianceBalance >= -1e-9 * Math.max(1, obligation);
    const bought = purchases[o.firm]! + auctionPurchases[o.firm]!;
    const s = firm.scheme;
    sums.emissions[s]! += o.emissions;
    sums.baseline[s]! += o.baseline;
    sums.abatement[s]! += o.abatement;
    sums.bought[s]! += bought - sales[o.firm]!;
    sums.sales[s]! += sales[o.firm]!;
    sums.bank[s]! += Math.max(0, balance);
    sums.borrowing[s]! += Math.max(0, -balance);
    sums.abatementCost[s]! += abatementCost;
    if (o.credits.length > 0) {
      let byRule = creditsByScheme.get(s);
      if (byRule === undefined) creditsByScheme.set(s, byRule = new Float64Array(o.credits.length));
      for (let k = 0; k < o.credits.length; k++) byRule[k]! += o.credits[k]!;
    }
    totals.abatementCost += abatementCost;
    totals.complianceCost += abatementCost + creditCost + penaltyPaid;
    totals.emissions += o.emissions;
    totals.abatement += o.abatement;
    totals.firms += 1;
    if (compliant) totals.compliantFirms += 1;
    totals.baselines[o.firm] = o.baseline;
    if (!input.collectFirmRows) continue;
    firmRows.push({
      firm: firm.id,
      sector: firm.sector,
      scheme: scheme.id,
      period,
      year,
      output: o.output,
      baselineEmissions: o.baseline,
      emissions: o.emissions,
      abatement: o.abatement,
      abatementCost,
      freeAllocation: o.freeAllocation,
      auctionPurchases: auctionPurchases[o.firm]!,
      purchases: bought,
      sales: sales[o.firm]!,
      creditsUsed,
      creditCost,
      bank: Math.max(0, balance),
      borrowing: Math.max(0, -balance),
      penaltyTonnes: o.penaltyTonnes,
      penaltyPaid,
      complianceBalance,
      compliant,
    });
  }

  // Phase: collect scheme rows from the sums gathered above.
  const schemeRows: SchemePeriodResult[] = schemeOutcomes.map((schemeOutcome) => {
    const s = schemeOutcome.scheme;
    const scheme = scenario.schemes[s]!;
    const outcome = outcomeOfScheme.get(s)!;
    const creditsUsed: Record<string, number> = {};
    const creditPrices: Record<string, number> = {};
    scheme.credits.forEach((rule, k) => {
      const id = scenario.creditTypes[rule.creditType]!.id;
      creditPrices[id] = outcome.creditPrices[rule.creditType]!;
      creditsUsed[id] = (creditsUsed[id] ?? 0) + (creditsByScheme.get(s)?.[k] ?? 0);
    });
    const price = outcome.price;
    return {
      scheme: scheme.id,
      period,
      year,
      price,
      supply: schemeOutcome.supply,
      emissions: sums.emissions[s]!,
      baselineEmissions: sums.baseline[s]!,
      abatement: sums.abatement[s]!,
      freeAllocationGrandfathering: schemeOutcome.freeGrandfathering,
      freeAllocationBenchmark: schemeOutcome.freeBenchmark,
      auctionOffered: schemeOutcome.auctionOffered,
      auctionSold: schemeOutcome.auctionSold,
      auctionRevenue: schemeOutcome.auctionSold * price,
      reserveSold: schemeOutcome.reserveSold,
      reserveRevenue: schemeOutcome.reserveSold * price,
      volumeTraded: sums.sales[s]!,
      creditsUsed,
      creditPrices,
      bank: sums.bank[s]!,
      borrowing: sums.borrowing[s]!,
      forfeited: lapsedByScheme[s]!,
      penaltyTonnes: schemeOutcome.penaltyTonnes,
      penaltyPaid: schemeOutcome.penaltyTonnes * (Number.isFinite(scheme.penalty[period]!) ? scheme.penalty[period]! : 0),
      netImports: sums.bought[s]! - schemeOutcome.auctionSold - schemeOutcome.reserveSold,
      abatementCost: sums.abatementCost[s]!,
    };
  });
  return { firmRows, schemeRows, totals, penaltyTonnes, lapsedByScheme };
}
