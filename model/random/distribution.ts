/**
 * A probability distribution of a real number, sampled by inversion: `quantile(u)` with u uniform on (0, 1).
 * Inversion uses exactly one uniform per draw and is monotone in it, so two designs that share a stream (common
 * random numbers) get draws that move together even when their distribution parameters differ.
 */
import type { RandomStream } from './randomStream.js';

export interface Distribution {
  /** Short description for messages, e.g. `normal(0, 0.05)`. */
  readonly label: string;
  /** The value x with P(X ≤ x) = probability, for probability in (0, 1). */
  quantile(probability: number): number;
}

/** One draw of `distribution` from `stream` (one uniform consumed). */
export function draw(distribution: Distribution, stream: RandomStream): number {
  return distribution.quantile(stream.nextOpen());
}

export class DistributionError extends Error {
  override readonly name = 'DistributionError';
}
