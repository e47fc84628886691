/**
 * Paired differences between two designs run on the same futures (same seed, same run ids, hence the same draws):
 * for each run r, d_r = design_r − base_r, summarised like any metric (`describeSample`). Pairing removes the
 * variance the designs share, so the confidence interval of the mean difference is far narrower than the difference
 * of two independent means.
 *
 * @example pairedDifferences([1, 2, 3], [2, 4, 6]).mean // 2
 */
import { describeSample, type SampleStatistics } from './describeSample.js';

export class PairingError extends Error {
  override readonly name = 'PairingError';
}

export function pairedDifferences(base: ArrayLike<number>, design: ArrayLike<number>, confidenceLevel = 0.95): SampleStatistics {
  if (base.length !== design.length) throw new PairingError(`paired samples differ in length: ${base.length} and ${design.length} runs`);
  const differences = new Float64Array(base.length);
  for (let k = 0; k < base.length; k++) differences[k] = design[k]! - base[k]!;
  return describeSample(differences, confidenceLevel);
}
