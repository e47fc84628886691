/**
 * A market with a closed-form equilibrium for microstructure tests.
 *
 * n firms (n a multiple of 4) with the same linear MAC 0.5 a and baselines repeating 600, 800, 1200, 1400 t (mean
 * 1000); grandfathering at 80 % of baseline, cap = 0.8 × Σ baselines. Least cost: every firm abates until
 * MAC = p*, so Σ a_i = n p* / 0.5 = 0.2 × 1000 n ⇒ p* = 0.5 × 200 = 100, whatever n. Before trading the firms' MACs
 * are 0.5 × 0.2 × baseline = 60, 80, 120, 140 (symmetric about p*); at p* each abates 200 t, so per block of four
 * the 600 t and 800 t firms sell 80 t and 40 t and the others buy 40 t and 80 t (120 t). Least total abatement
 * cost: n × 0.25 × 200² = 10,000 n.
 */
import { resolveScenario, type ResolvedFirm, type ResolvedScenario } from '../../model/engine/resolveScenario.js';
import { SimpleLedger } from '../../model/engine/unitLedger.js';
import type { Scenario } from '../../model/scenario/schema.js';
import { CashLedger } from '../../model/microstructure/cashLedger.js';
import { sessionTradersOfScheme } from '../../model/microstructure/firmTraders.js';
import type { FirmValuation } from '../../model/microstructure/firmValuation.js';
import { DeliveryVersusPayment } from '../../model/microstructure/settlement.js';
import type { SessionTrader } from '../../model/microstructure/tradingSession.js';
import type { TradingStrategy } from '../../model/microstructure/trader.js';
import { linearFirm, scenario } from '../support/buildScenario.js';

export const BASELINES = [600, 800, 1200, 1400];
export const SLOPE = 0.5;
export const EQUILIBRIUM_PRICE = 100;

export function patternScenario(n: number): Scenario {
  const firms = Array.from({ length: n }, (_, k) => linearFirm(`F${k}`, BASELINES[k % 4]!, SLOPE));
  const total = firms.reduce((sum, _, k) => sum + BASELINES[k % 4]!, 0);
  return scenario({
    periods: { start: 2026, count: 1 },
    discountRate: 0,
    firms,
    schemes: [{ id: 'ets', target: { type: 'absolute', cap: 0.8 * total }, allocation: [{ method: 'grandfathering', baseYears: [2025], reduction: { initial: 0.2 } }] }],
  });
}

export interface OpenMarket {
  resolved: ResolvedScenario;
  units: SimpleLedger;
  cash: CashLedger;
  settlement: DeliveryVersusPayment;
  /** The venue's account (fees), index = number of firms. */
  venueAccount: number;
  traders: SessionTrader[];
}

/**
 * The scenario's period-0 allocation in a unit ledger (accounts: firms, then the venue, then `extraAccounts` more
 * with `extraUnits` each), `cashPerFirm` in each firm's cash account, and one trader per firm.
 */
export function openMarket(
  input: Scenario, strategyOf: (firm: ResolvedFirm, valuation: FirmValuation) => TradingStrategy,
  options: { cashPerFirm?: number; extraAccounts?: number; extraUnits?: number; extraCash?: number } = {},
): OpenMarket {
  const resolved = resolveScenario(input);
  const n = resolved.firms.length;
  const extra = options.extraAccounts ?? 0;
  const units = new SimpleLedger(n + 1 + extra, 1);
  let issued = 0;
  for (const firm of resolved.firms) issued += firm.fixedAllocation[0]!;
  issued += extra * (options.extraUnits ?? 0);
  units.issue(0, issued);
  for (const firm of resolved.firms) units.distribute(0, firm.index, firm.fixedAllocation[0]!);
  for (let k = 0; k < extra; k++) units.distribute(0, n + 1 + k, options.extraUnits ?? 0);
  const cash = new CashLedger(Array.from({ length: n + 1 + extra }, (_, k) => (k < n ? options.cashPerFirm ?? 1e7 : k === n ? 0 : options.extraCash ?? 0)));
  const settlement = new DeliveryVersusPayment(units, cash, n);
  return { resolved, units, cash, settlement, venueAccount: n, traders: sessionTradersOfScheme(resolved, 0, 0, strategyOf) };
}

/** Σ abatement cost of the firms at their holdings. */
export function totalComplianceCost(market: OpenMarket): number {
  let total = 0;
  for (const trader of market.traders) total += trader.valuation!.complianceCost(market.units.balance(trader.account));
  return total;
}
