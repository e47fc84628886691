/**
 * One stream of uniform random numbers: the SFC32 generator (Chris Doty-Humphrey's "small fast chaotic" PRNG,
 * from PractRand, which passes its statistical tests) started from a 128-bit key. A stream is cheap to create
 * (a few integer operations plus 12 discarded outputs), so a batch can have one per (run, entity, period, purpose).
 *
 * Keys come from `RunRandom.stream`; never construct streams from ad-hoc numbers in model code.
 */

/** 2⁻³², 2⁻⁵³. */
const TWO_POW_MINUS_32 = 2 ** -32;
const TWO_POW_MINUS_53 = 2 ** -53;
/** Outputs discarded after seeding, so that similar keys have diverged before the first draw. */
const WARM_UP = 12;

export class RandomStream {
  private a: number;
  private b: number;
  private c: number;
  private counter: number;

  /** `key0..key3`: 32-bit words of the stream key. */
  constructor(key0: number, key1: number, key2: number, key3: number) {
    this.a = key0 | 0;
    this.b = key1 | 0;
    this.c = key2 | 0;
    this.counter = key3 | 0;
    for (let k = 0; k < WARM_UP; k++) this.nextUint32();
  }

  /** The next 32-bit unsigned integer, uniform on 0 … 2³² − 1. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.counter) | 0;
    this.counter = (this.counter + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform number in [0, 1) with 53 random bits (the resolution of a double). */
  next(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) * TWO_POW_MINUS_53;
  }

  /**
   * A uniform number strictly inside (0, 1): the midpoint of one of 2⁵³ equal cells. Use it for inverse-CDF
   * sampling, where 0 would map to −∞.
   */
  nextOpen(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low + 0.5) * TWO_POW_MINUS_53;
  }

  /** A uniform number in [0, 1) with 32 random bits (cheaper, coarser). */
  next32(): number {
    return this.nextUint32() * TWO_POW_MINUS_32;
  }
}
