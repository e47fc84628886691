/**
 * The bridge from the engine's resolved scenario to trading sessions: one `FirmValuation` per covered firm of a
 * scheme and period, and the session traders built on them.
 *
 * A firm's valuation uses its baseline at reference output (`firmBaseline`), its MAC curve (with its own maximum
 * abatement, at most the baseline), the scheme's penalty as the shortfall price (the market's maxPrice when the
 * scheme has none) and a bank value the caller gives (0 by default: no value beyond this period, as in the last
 * period or without banking). Output responding to the carbon price and credits are not part of the valuation: a
 * session trades allowances only, at the firms' reference output.
 */
import { firmBaseline, type ResolvedFirm, type ResolvedScenario } from '../engine/resolveScenario.js';
import { FirmValuation } from './firmValuation.js';
import { MicrostructureOptionError } from './marketGrid.js';
import type { SessionTrader } from './tradingSession.js';
import type { TradingStrategy } from './trader.js';

export interface FirmValuationChoices {
  /** Value of a tonne kept beyond the need, currency/t (default 0). */
  bankValue?: number;
}

/** The valuation of firm `firm` in period index `period` (0-based). */
export function valuationOfFirm(scenario: ResolvedScenario, firm: ResolvedFirm, period: number, choices: FirmValuationChoices = {}): FirmValuation {
  if (!Number.isInteger(period) || period < 0 || period >= scenario.periodCount) {
    throw new MicrostructureOptionError('period', `must be a period index from 0 to ${scenario.periodCount - 1}, got ${period}`);
  }
  const scheme = scenario.schemes[firm.scheme]!;
  const schemePenalty = scheme.penalty[period]!;
  const penalty = Number.isFinite(schemePenalty) ? schemePenalty : scenario.maxPrice;
  const bankValue = Math.min(choices.bankValue ?? 0, penalty);
  return new FirmValuation({ baseline: firmBaseline(firm, period), mac: firm.mac, shortfallPrice: penalty, bankValue }, `firms[${firm.id}]`);
}

/**
 * One session trader per firm of scheme `scheme`, trading from its own account (the firm's index, as in the
 * engine's ledger), with the strategy `strategyOf` gives it.
 */
export function sessionTradersOfScheme(
  scenario: ResolvedScenario, scheme: number, period: number,
  strategyOf: (firm: ResolvedFirm, valuation: FirmValuation) => TradingStrategy, choices: (firm: ResolvedFirm) => FirmValuationChoices = () => ({}),
): SessionTrader[] {
  const spec = scenario.schemes[scheme];
  if (spec === undefined) throw new MicrostructureOptionError('scheme', `must be a scheme index from 0 to ${scenario.schemes.length - 1}, got ${scheme}`);
  return spec.firms.map((f) => {
    const firm = scenario.firms[f]!;
    const valuation = valuationOfFirm(scenario, firm, period, choices(firm));
    return { id: firm.id, account: firm.index, valuation, strategy: strategyOf(firm, valuation) };
  });
}
