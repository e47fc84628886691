/**
 * A second settlement of a run beside the engine's float ledger, period by period (opt-in through
 * `SimulateOptions.registry`; `RegistrySettlement` is the implementation that settles in whole tonnes through the
 * registry layer).
 *
 * The engine keeps deciding with its own ledger, so a run's results are the same with or without a settlement: the
 * settlement watches the ledger's flows (`begin` may wrap the ledger to record them) and, after each period,
 * settles what the markets decided (`settlePeriod`).
 */
import type { PeriodOutcome } from '../market/periodMarket.js';
import type { ResolvedScenario } from './resolveScenario.js';
import type { UnitLedger } from './unitLedger.js';

export interface RunSettlement {
  /**
   * Called once before the first period. Returns the ledger the engine settles through: `ledger` itself, or a
   * wrapper that forwards every call to it unchanged.
   */
  begin(scenario: ResolvedScenario, ledger: UnitLedger): UnitLedger;
  /** Called after the engine settled `period` (and cancelled unsold auction volume), with every market's outcome. */
  settlePeriod(period: number, outcomes: readonly PeriodOutcome[]): void;
}
