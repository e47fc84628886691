/**
 * One run of a scenario: `simulate(scenario, { seed })` → `RunResult`. Pure and deterministic.
 *
 * Market mode:
 * - intertemporal: every firm has perfect foresight and no market has a one-way or limited link. Each market group's
 *   price path is the perfect-foresight banking equilibrium (`solveIntertemporal`); the aggregate bank is held by
 *   firms in proportion to their share of the group's baseline emissions (individual banks are indeterminate in
 *   that equilibrium, so a rule is needed; it changes no price or total).
 * - sequential: otherwise. Periods clear one after another; firms bank and borrow on their expectations
 *   (`ExpectationBanking`); perfect-foresight firms expect the intertemporal equilibrium path of the same scenario.
 *
 * Each period then runs through the same explicit phases in `settlePeriod`.
 */
import { ConfigurationError } from './configurationError.js';
import type { Scenario } from '../scenario/schema.js';
import type { FirmPeriodResult, RunResult, SchemePeriodResult } from './runResult.js';
import { resolveScenario, firmBaseline, type ResolvedScenario } from './resolveScenario.js';
import { linkGroups, LinkTopologyError, type MarketGroups } from './linkGroups.js';
import { bankCorridor, endsCompliancePeriod, referenceSupply } from './bankCorridor.js';
import { PeriodMarket, InfeasibleMarketError, type PeriodOutcome } from '../market/periodMarket.js';
import { solveIntertemporal, type IntertemporalSolution } from '../market/intertemporalSolver.js';
import { clearLinkedPair } from '../market/linkedPair.js';
import { ExpectationBanking, expectedPrices, type FirmBankState } from '../agents/expectationBanking.js';
import { SimpleLedger, type UnitLedger } from './unitLedger.js';
import { CapitalStock } from '../agents/capitalStock.js';
import { settlePeriod, type PeriodTotals } from './settlePeriod.js';
import { runMetrics } from '../metrics/runMetrics.js';
import type { RunSettlement } from './runSettlement.js';

export interface SimulateOptions {
  /** Seed of the run; recorded in the result. Deterministic scenarios ignore it. */
  seed?: number;
  /** Ledger to settle through (defaults to a balance-only ledger). Must have firms + 1 accounts. */
  ledger?: UnitLedger;
  /** Return one row per firm and period (default true); batch runs without firm detail skip them. */
  firmRows?: boolean;
  /**
   * Opt-in settlement of every period in whole tonnes through the registry layer: pass a `RegistrySettlement`
   * (registrySettlement.ts) and read its rows afterwards. The run's result is the same with or without it.
   */
  registry?: RunSettlement;
}

export class EngineConfigurationError extends ConfigurationError {
  override readonly name = 'EngineConfigurationError';
}

/** Firm weights within their market group: share of the group's period-0 baseline emissions. */
function groupWeights(scenario: ResolvedScenario, groups: MarketGroups): Float64Array {
  const weights = new Float64Array(scenario.firms.length);
  for (const group of groups.groups) {
    const firms = group.flatMap((s) => scenario.schemes[s]!.firms);
    let total = 0;
    for (const f of firms) total += firmBaseline(scenario.firms[f]!, 0);
    for (const f of firms) weights[f] = total > 0 ? firmBaseline(scenario.firms[f]!, 0) / total : 1 / firms.length;
  }
  return weights;
}

function checkGroupRules(scenario: ResolvedScenario, groups: MarketGroups): void {
  for (const group of groups.groups) {
    const first = scenario.schemes[group[0]!]!;
    for (const s of group.slice(1)) {
      const other = scenario.schemes[s]!;
      if (other.bankingMode !== first.bankingMode || other.borrowingMode !== first.borrowingMode || other.borrowInterest !== first.borrowInterest) {
        throw new EngineConfigurationError(`schemes[${s}]`, `is fully linked with "${first.id}" but has different banking or borrowing rules`);
      }
    }
  }
}

interface EquilibriumPath {
  solution: IntertemporalSolution;
  /** The period markets the path was solved on, reused to realise it. */
  markets: PeriodMarket[];
}

function solveEquilibriumPaths(scenario: ResolvedScenario, groups: MarketGroups): EquilibriumPath[] {
  return groups.groups.map((group) => {
    for (const s of group) {
      const scheme = scenario.schemes[s]!;
      if (scheme.borrowInterest > 0) {
        throw new EngineConfigurationError(`schemes[${s}].borrowing.interestRate`, 'perfect-foresight equilibrium supports interest-free borrowing only; use myopic or adaptive expectations');
      }
      if (scheme.undersubscription === 'carryForward' && scheme.floor !== null) {
        throw new EngineConfigurationError(`schemes[${s}].auction.undersubscription`, 'carryForward with a floor needs sequential markets (myopic or adaptive expectations)');
      }
    }
    const markets = scenario.years.map((_, t) => new PeriodMarket(scenario, group, t, null));
    return { solution: solveIntertemporal(markets, scenario.discountRate, bankCorridor(scenario, group), scenario.maxPrice), markets };
  });
}

/** A flow no link can exceed in period t: everything emitted and issued in both markets, t. */
function flowBound(scenario: ResolvedScenario, period: number): number {
  let total = 0;
  for (const firm of scenario.firms) total += firmBaseline(firm, period);
  for (const scheme of scenario.schemes) total += referenceSupply(scenario, scheme, period);
  return 10 * total + 1;
}

interface PeriodPlan {
  outcome: PeriodOutcome;
  /** Perfect foresight: each firm's share of the aggregate bank change (the market decided no firm banks). */
  extraBankChange: Float64Array | null;
  /** Perfect foresight: each firm's share of the aggregate end-of-period bank (negative: borrowing). */
  targetPosition: Float64Array | null;
}

export function simulate(scenario: Scenario, options: SimulateOptions = {}): RunResult {
  const resolved = resolveScenario(scenario);
  const groups = linkGroups(resolved);
  checkGroupRules(resolved, groups);
  const T = resolved.periodCount;
  const N = resolved.firms.length;
  const allPerfectForesight = resolved.firms.every((f) => f.strategy === 'perfectForesight');
  const marketMode: RunResult['marketMode'] = allPerfectForesight && groups.pairs.length === 0 && !resolved.forceSequential ? 'intertemporal' : 'sequential';
  const needsEquilibrium = resolved.firms.some((f) => f.strategy === 'perfectForesight');
  if (needsEquilibrium && groups.pairs.length > 0) {
    throw new LinkTopologyError(`links[${groups.pairs[0]!.link}]`, 'one-way or limited links need myopic or adaptive expectations (no perfect-foresight equilibrium is computed across a limited link)');
  }
  const equilibrium = needsEquilibrium ? solveEquilibriumPaths(resolved, groups) : null;
  const weights = groupWeights(resolved, groups);

  const floatLedger = options.ledger ?? new SimpleLedger(N + 1, resolved.schemes.length);
  // Registry settlement (opt-in): it watches the float ledger through a wrapper that forwards every call unchanged.
  const ledger = options.registry === undefined ? floatLedger : options.registry.begin(resolved, floatLedger);
  const exchangeAccount = N;
  const state: FirmBankState = { position: new Float64Array(N), owed: new Float64Array(N) };
  const adaptiveExpectation = new Float64Array(groups.groups.length).fill(resolved.adaptiveInitialPrice);
  const carriedAuction = new Float64Array(resolved.schemes.length);
  const capital = new CapitalStock(resolved.firms);
  const firmRows: FirmPeriodResult[] = [];
  const periodTotals: PeriodTotals[] = [];
  const schemeRows: SchemePeriodResult[] = [];

  for (let t = 0; t < T; t++) {
    // Per-firm limits this period from the scheme rules.
    const bankCap = new Float64Array(N);
    const schemeBankCap = new Float64Array(N);
    const borrowFloor = new Float64Array(N);
    for (const scheme of resolved.schemes) {
      const supply = referenceSupply(resolved, scheme, t);
      const carry = scheme.carryOverShare[t]!;
      let schemeWeightTotal = 0;
      for (const f of scheme.firms) schemeWeightTotal += weights[f]!;
      for (const f of scheme.firms) {
        const firm = resolved.firms[f]!;
        const share = schemeWeightTotal > 0 ? weights[f]! / schemeWeightTotal : 0;
        let cap = scheme.bankingMode === 'unlimited' ? Number.POSITIVE_INFINITY : scheme.bankingMode === 'limited' ? scheme.bankLimitShare * supply * share : 0;
        if (!Number.isNaN(carry)) cap = Math.min(cap, carry * supply * share);
        if (t === T - 1) cap = 0;
        schemeBankCap[f] = cap;
        bankCap[f] = Math.min(cap, resolved.maxBankYears * firmBaseline(firm, t));
        let floor = 0;
        if (scheme.borrowingMode === 'limited') floor = -scheme.borrowLimitShare * supply * share;
        else if (scheme.borrowingMode === 'withinCompliancePeriod' && !endsCompliancePeriod(scheme, t, T)) floor = -firmBaseline(firm, t);
        // Nothing can be borrowed in the last period: there is no later allocation to repay it from.
        borrowFloor[f] = t === T - 1 ? 0 : floor;
      }
    }

    const plans: PeriodPlan[] = [];
    if (marketMode === 'intertemporal') {
      groups.groups.forEach((group, g) => {
        const { solution, markets } = equilibrium![g]!;
        const market = markets[t]!;
        const outcome = market.realize(solution.prices[t]!, solution.draws[t]!);
        const previousBank = t === 0 ? 0 : solution.bank[t - 1]!;
        const change = new Float64Array(N);
        const target = new Float64Array(N);
        for (const s of group) {
          for (const f of resolved.schemes[s]!.firms) {
            // Lapsed allowances are held until the end of the period, then lapse.
            change[f] = weights[f]! * (solution.bank[t]! - previousBank + solution.lapsed[t]!);
            target[f] = weights[f]! * solution.bank[t]!;
          }
        }
        plans.push({ outcome, extraBankChange: change, targetPosition: target });
      });
    } else {
      const expected = expectedPrices(resolved, t, groups.groupOfScheme, adaptiveExpectation, equilibrium?.map((path) => path.solution.prices) ?? null);
      // Firms decide with the measures they have already paid for counted at running cost.
      const view = capital.isEmpty ? resolved : { ...resolved, firms: resolved.firms.map((firm) => capital.firmView(firm)) };
      const banking = new ExpectationBanking(view, state, t, expected, bankCap, borrowFloor);
      const paired = new Set<number>();
      for (const pair of groups.pairs) {
        paired.add(pair.importer);
        paired.add(pair.exporter);
        const importer = new PeriodMarket(view, groups.groups[pair.importer]!, t, banking, carriedAuction);
        const exporter = new PeriodMarket(view, groups.groups[pair.exporter]!, t, banking, carriedAuction);
        const { flow, importerPrice, exporterPrice, importerInfeasible, exporterInfeasible } = clearLinkedPair(importer, exporter, pair, flowBound(resolved, t));
        plans.push({ outcome: importer.realize(importerPrice, flow, importerInfeasible), extraBankChange: null, targetPosition: null });
        plans.push({ outcome: exporter.realize(exporterPrice, -flow, exporterInfeasible), extraBankChange: null, targetPosition: null });
      }
      groups.groups.forEach((group, g) => {
        if (paired.has(g)) return;
        const market = new PeriodMarket(view, group, t, banking, carriedAuction);
        const root = market.clear();
        const infeasible = root.status === 'aboveUpper';
        if (infeasible && !group.some((s) => Number.isFinite(resolved.schemes[s]!.penalty[t]!))) {
          throw new InfeasibleMarketError(`period ${resolved.years[t]}: schemes ${group.map((s) => resolved.schemes[s]!.id).join(', ')} cannot meet their cap at any price up to market.maxPrice (${resolved.maxPrice}) and have no penalty`);
        }
        const price = infeasible ? Math.min(...group.map((s) => resolved.schemes[s]!.penalty[t]!)) : root.x;
        plans.push({ outcome: market.realize(price, 0, infeasible), extraBankChange: null, targetPosition: null });
      });
      for (const plan of plans) for (const o of plan.outcome.firms) capital.update(view.firms[o.firm]!, o.abatement);
    }

    // Settle each market's period through the ledger.
    const plannedPosition = new Float64Array(N);
    for (const plan of plans) {
      for (const o of plan.outcome.firms) {
        // The planned position, except that holdings above the scheme's banking or carry-over limit lapse (e.g. a
        // surplus nobody wanted at a zero price).
        plannedPosition[o.firm] = plan.targetPosition?.[o.firm] ?? Math.min(state.position[o.firm]! + o.bankChange, schemeBankCap[o.firm]!);
      }
    }
    const extraBankChange = new Float64Array(N);
    for (const plan of plans) if (plan.extraBankChange !== null) for (let f = 0; f < N; f++) extraBankChange[f]! += plan.extraBankChange[f]!;
    const settled = settlePeriod({
      scenario: resolved, period: t, outcomes: plans.map((plan) => plan.outcome), extraBankChange,
      owed: state.owed, ledger, exchangeAccount, plannedPosition, collectFirmRows: options.firmRows ?? true,
    });
    for (const row of settled.firmRows) firmRows.push(row);
    periodTotals.push(settled.totals);
    schemeRows.push(...settled.schemeRows);
    for (const plan of plans) {
      // Carry state: the position is whatever the ledger says the firm holds (or owes).
      for (const o of plan.outcome.firms) {
        const scheme = resolved.schemes[resolved.firms[o.firm]!.scheme]!;
        state.position[o.firm] = ledger.balance(o.firm) - ledger.debt(o.firm);
        state.owed[o.firm] = settled.penaltyTonnes[o.firm]! * scheme.makeGood;
      }
      for (const schemeOutcome of plan.outcome.schemes) {
        const scheme = resolved.schemes[schemeOutcome.scheme]!;
        const unsold = Math.max(0, schemeOutcome.auctionOffered - schemeOutcome.auctionSold);
        carriedAuction[scheme.index] = scheme.undersubscription === 'carryForward' && marketMode === 'sequential' ? unsold : 0;
        ledger.cancelUnissued(scheme.index, unsold);
      }
    }
    // Registry settlement (opt-in): the period again, in whole tonnes.
    options.registry?.settlePeriod(t, plans.map((plan) => plan.outcome));
    // Adaptive expectations see this period's price.
    for (let g = 0; g < groups.groups.length; g++) {
      const row = schemeRows.find((r) => r.period === t && r.scheme === resolved.schemes[groups.groups[g]![0]!]!.id);
      if (row !== undefined) adaptiveExpectation[g] = resolved.adaptiveSmoothing * row.price + (1 - resolved.adaptiveSmoothing) * adaptiveExpectation[g]!;
    }
  }

  return {
    scenario: resolved.name,
    seed: options.seed ?? 0,
    years: resolved.years,
    marketMode,
    schemes: schemeRows,
    firms: firmRows,
    metrics: runMetrics(resolved, schemeRows, periodTotals),
  };
}
