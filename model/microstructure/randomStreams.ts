/**
 * The random numbers trading may use: named streams from the run's seeded source, never the ambient global generator. The
 * engine's `RunRandom` (model/random/runRandom.ts: seedrandom root key per (seed, run), one SFC32 stream per
 * (entity, period, purpose)) satisfies `RandomStreams` as it is.
 *
 * Names used by the microstructure layer (period = the calendar year):
 * - entity `${market}` purpose `microstructure.day${d}.sequence`: who acts when on day d;
 * - entity `${market}/${trader}` purpose `microstructure.day${d}.quotes`: that trader's quotes on day d;
 * - entity `${market}` purpose `microstructure.day${d}.otc`: bilateral meetings on day d.
 * A stream depends only on its name, so adding a trader changes no other trader's draws.
 */

/** Uniform numbers in [0, 1). */
export interface UniformSource {
  next(): number;
}

export interface RandomStreams {
  stream(entity: string, period: number, purpose: string): UniformSource;
}

/** A uniform integer in lo … hi (inclusive). */
export function uniformInteger(random: UniformSource, lo: number, hi: number): number {
  return lo + Math.min(hi - lo, Math.floor(random.next() * (hi - lo + 1)));
}

/** Shuffles `items` in place (Fisher–Yates) and returns them. */
export function shuffleInPlace<T>(items: T[], random: UniformSource): T[] {
  for (let k = items.length - 1; k > 0; k--) {
    const j = uniformInteger(random, 0, k);
    const swap = items[k]!;
    items[k] = items[j]!;
    items[j] = swap;
  }
  return items;
}
