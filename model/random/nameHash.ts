/**
 * A 64-bit hash of a stream name part (an entity id such as `firm:steel-3`, or a purpose such as `output.shocks`),
 * as two 32-bit words: MurmurHash3-style mixing of the UTF-16 code units with two different seeds. 64 bits make a
 * collision between two names of one batch negligible (about n²/2⁶⁵ for n names: < 10⁻¹⁰ for a million firms).
 *
 * Not a cryptographic hash: it only has to spread names evenly and never depends on anything but the name.
 *
 * @example nameHash('economy') // [high word, low word], the same in every process and on every platform
 */
import { absorb32, mix32 } from './mix32.js';

export type NameHash = readonly [number, number];

const SEED_HIGH = 0x2545f491;
const SEED_LOW = 0x6a09e667;

export function nameHash(name: string): NameHash {
  let high = SEED_HIGH ^ name.length;
  let low = SEED_LOW ^ Math.imul(name.length, 0x27d4eb2f);
  for (let k = 0; k < name.length; k++) {
    const unit = name.charCodeAt(k);
    high = absorb32(high, unit);
    low = absorb32(low, unit ^ 0x5bd1e995);
  }
  return [mix32(high), mix32(low ^ high)];
}
