/** Errors of a batch as a whole. Each names what the user needs to act on. */
import type { RunFailure } from '../io/chunkCodec.js';

/**
 * A run threw. Carries the run id and seed, so the run can be reproduced alone
 * (`ets run <scenario> --seed <seed> --run <run>`), and the original error's name, message and stack.
 */
export class RunFailedError extends Error {
  override readonly name = 'RunFailedError';
  readonly run: number;
  readonly seed: number;
  readonly design: string;
  /** Name of the run's own error (`InfeasibleMarketError`, `TypeError`, …). */
  readonly errorName: string;
  readonly runStack: string;

  constructor(failure: RunFailure) {
    super(`run ${failure.run} (seed ${failure.seed}, design "${failure.design}") failed: ${failure.errorName}: ${failure.message}`);
    this.run = failure.run;
    this.seed = failure.seed;
    this.design = failure.design;
    this.errorName = failure.errorName;
    this.runStack = failure.stack;
  }
}

/** A worker died or returned something unexpected (not a run's own error). */
export class BatchWorkerError extends Error {
  override readonly name = 'BatchWorkerError';
}

/** An option of the batch is invalid; the message names the option. */
export class BatchOptionError extends Error {
  override readonly name = 'BatchOptionError';
}
