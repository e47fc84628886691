/**
 * The 32-bit finaliser of MurmurHash3 (Appleby): a bijection on 32-bit words in which every input bit changes
 * each output bit with probability close to 1/2. The building block for deriving stream keys.
 *
 * @example mix32(0) // 0; mix32(1) // 1364076727
 */
export function mix32(word: number): number {
  let h = word | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Folds `word` into the running hash `state` (absorb, then finalise): order-sensitive, returns a 32-bit word. */
export function absorb32(state: number, word: number): number {
  return mix32((Math.imul(state ^ mix32(word), 0x9e3779b1) + 0x7f4a7c15) | 0);
}
