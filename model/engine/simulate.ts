// Placeholder replaced by the engine (in progress in this session): the signature is the contract.
import type { Scenario } from '../scenario/schema.js';
import type { RunResult } from './runResult.js';

export interface SimulateOptions {
  /** Seed of the run; recorded in the result. Deterministic scenarios ignore it. */
  seed?: number;
}

export function simulate(scenario: Scenario, options: SimulateOptions = {}): RunResult {
  void scenario; void options;
  throw new Error('engine not yet implemented');
}
