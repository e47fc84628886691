/**
 * The random numbers of one run of a batch: a root key derived with seedrandom from `${seed}/${run}`, and from it
 * one independent, named stream per (entity, period, purpose).
 *
 * Derivation (stable: changing it changes every batch result; the golden test in test/random pins it):
 * 1. root key: `seedrandom(`${seed}/${run}`)` (ARC4, no entropy) → four `int32()` words k0..k3;
 * 2. two 32-bit lanes, `high` from k0 and `low` from k1, each folded (`step`: multiply, add, MurmurHash3
 *    finaliser) over its word of `nameHash(entity)`, the mixed period, and its word of `nameHash(purpose)`;
 * 3. the stream is SFC32 seeded with (high, low, k2 ^ step(high, low), k3 ^ low) (`RandomStream`, which discards
 *    its first 12 outputs).
 *
 * Why not one seedrandom generator per stream: creating one costs 3–12 µs (measured on this machine: ARC4 ≈ 12 µs,
 * alea ≈ 5.6 µs, xor128 ≈ 2.6 µs per stream), and a run of a 10,000-firm, 10-period scenario needs 10⁵ streams.
 * Deriving stream keys costs well under 0.1 µs, and streams stay independent of the order in which they are asked
 * for: a stream depends only on its name, never on which other streams a design happens to use.
 *
 * `period` is a calendar year for draws made each period, and `RUN_WIDE` (0) for draws made once per run.
 *
 * @example
 * const random = new RunRandom(42, 7);
 * random.stream('firm:steel-3', 2030, 'output.shocks').nextOpen() // the same number in every process
 */
import seedrandom from 'seedrandom';
import { mix32 } from './mix32.js';
import { nameHash, type NameHash } from './nameHash.js';
import { RandomStream } from './randomStream.js';

/** The `period` of draws made once per run (no scenario year is 0). */
export const RUN_WIDE = 0;

/** Largest seed accepted: seeds are recorded as unsigned 32-bit integers in the output. */
export const MAX_SEED = 0xffffffff;

export class RandomSeedError extends Error {
  override readonly name = 'RandomSeedError';
}

/** Throws unless `seed` is an integer in 0 … 2³² − 1 and `run` an integer ≥ 0. */
export function checkSeedAndRun(seed: number, run: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) throw new RandomSeedError(`seed must be an integer from 0 to ${MAX_SEED}, got ${seed}`);
  if (!Number.isInteger(run) || run < 0 || run > Number.MAX_SAFE_INTEGER) throw new RandomSeedError(`run must be an integer ≥ 0, got ${run}`);
}

export class RunRandom {
  readonly seed: number;
  readonly run: number;
  private readonly root: Int32Array;
  private readonly hashes: Map<string, NameHash>;

  /**
   * @param hashes a cache of name hashes to share between the runs of a batch (names are hashed once, not once per
   *   run); a new one by default.
   */
  constructor(seed: number, run: number, hashes: Map<string, NameHash> = new Map()) {
    checkSeedAndRun(seed, run);
    this.seed = seed;
    this.run = run;
    this.hashes = hashes;
    const generator = seedrandom(`${seed}/${run}`);
    this.root = Int32Array.of(generator.int32(), generator.int32(), generator.int32(), generator.int32());
  }

  /** The hash of a name part, from the shared cache. */
  hash(name: string): NameHash {
    let hash = this.hashes.get(name);
    if (hash === undefined) {
      hash = nameHash(name);
      this.hashes.set(name, hash);
    }
    return hash;
  }

  /** The stream named (entity, period, purpose) of this run. Asking twice gives two streams with equal draws. */
  stream(entity: string, period: number, purpose: string): RandomStream {
    return streamFromKey(this.root, this.hash(entity), period, this.hash(purpose));
  }

  /** `stream` with the names already hashed (`hash`), for inner loops over many entities. */
  streamHashed(entity: NameHash, period: number, purpose: NameHash): RandomStream {
    return streamFromKey(this.root, entity, period, purpose);
  }
}

/** One step of the key chain: fold a well-mixed word into a lane. */
function step(lane: number, word: number): number {
  return mix32((Math.imul(lane ^ word, 0x9e3779b1) + 0x7f4a7c15) | 0);
}

/** Stream key derivation, step 2 of the class comment. */
export function streamFromKey(root: Int32Array, entity: NameHash, period: number, purpose: NameHash): RandomStream {
  const periodWord = mix32(period ^ 0x68e31da4);
  let high = root[0]!;
  let low = root[1]!;
  high = step(high, entity[0]);
  low = step(low, entity[1]);
  high = step(high, periodWord);
  low = step(low, periodWord ^ 0x5bd1e995);
  high = step(high, purpose[0]);
  low = step(low, purpose[1]);
  return new RandomStream(high, low, root[2]! ^ step(high, low), root[3]! ^ low);
}
