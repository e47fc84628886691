/**
 * A run whose drawn inputs leave the range the scenario allows (e.g. an output shock ≤ −1, which would make output
 * non-positive). It names the uncertainty path, the entity, the year, the run and the seed, so that the run can be
 * reproduced alone; the fix is usually a bound (`min`/`max`) on the distribution.
 */
export class UncertaintyRealizationError extends Error {
  override readonly name = 'UncertaintyRealizationError';

  constructor(
    /** Path of the uncertainty target, e.g. `uncertainty.output.shocks`. */
    readonly path: string,
    readonly seed: number,
    readonly run: number,
    rule: string,
  ) {
    super(`${path}: ${rule} (run ${run}, seed ${seed})`);
  }
}
