/**
 * Largest-remainder rounding for the registry settlement's hot path. `roundNearest` and `apportionWhole` give exactly
 * the results of the registry layer's `roundConserving` and `apportion` (`model/registry/apportion.ts`, tested
 * against them) without their per-call sorting and bigint arithmetic; `roundToTotal` rounds to a prescribed total.
 * Ties go to the lower index throughout.
 */
import { apportion } from '../registry/apportion.js';

/** Adds 1 to the `count` candidates (ascending indices) with the largest remainders; ties: lower index. */
function bumpLargest(out: number[], remainders: readonly number[], candidates: readonly number[], count: number): void {
  if (count <= 0) return;
  if (count >= candidates.length) {
    for (const i of candidates) out[i]! += 1;
    return;
  }
  if (count * candidates.length <= 1024) {
    // Repeated scans: strict > keeps the lower index on ties.
    const taken = new Uint8Array(out.length);
    for (let c = 0; c < count; c++) {
      let best = -1;
      for (const i of candidates) if (taken[i] === 0 && (best < 0 || remainders[i]! > remainders[best]!)) best = i;
      taken[best] = 1;
      out[best]! += 1;
    }
    return;
  }
  const order = candidates.slice().sort((a, b) => remainders[b]! - remainders[a]! || a - b);
  for (let c = 0; c < count; c++) out[order[c]!]! += 1;
}

/**
 * Whole numbers that are the floor or ceiling of each value, summing to the rounded (compensated) total; the spare
 * units go to the largest fractional parts. Same result as `roundConserving`.
 * @param values finite numbers ≥ 0
 * @example roundNearest([1.5, 1.5, 1]) // [2, 1, 1]
 */
export function roundNearest(values: readonly number[]): number[] {
  const n = values.length;
  const out = new Array<number>(n);
  const remainders = new Array<number>(n);
  const candidates = new Array<number>(n);
  let sum = 0, compensation = 0, floors = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!(v >= 0) || v === Number.POSITIVE_INFINITY) throw new RangeError(`roundNearest: values[${i}] must be finite and ≥ 0, got ${v}`);
    const t = sum + v;
    compensation += Math.abs(sum) >= v ? sum - t + v : v - t + sum;
    sum = t;
    const floor = Math.floor(v);
    out[i] = floor;
    remainders[i] = v - floor;
    candidates[i] = i;
    floors += floor;
  }
  bumpLargest(out, remainders, candidates, Math.round(sum + compensation) - floors);
  return out;
}

/**
 * Splits `total` whole units over whole-number `weights` in proportion (largest remainder). Same result as
 * `apportion(total, weights)` for whole-number weights.
 * @example apportionWhole(10, [1, 1, 1]) // [4, 3, 3]
 */
export function apportionWhole(total: number, weights: readonly number[]): number[] {
  const n = weights.length;
  let weightSum = 0, largest = 0;
  for (const w of weights) {
    weightSum += w;
    if (w > largest) largest = w;
  }
  // Exact only while total × weight and Σ weights are safe integers; otherwise the registry's bigint path.
  if (!Number.isSafeInteger(total * largest) || !Number.isSafeInteger(weightSum)) return apportion(total, weights);
  const out = new Array<number>(n).fill(0);
  if (total === 0) return out;
  if (!(weightSum > 0)) throw new RangeError(`apportionWhole: cannot distribute ${total} over weights that sum to 0`);
  const remainders = new Array<number>(n).fill(0);
  const candidates: number[] = [];
  let assigned = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!Number.isSafeInteger(w) || w < 0) throw new RangeError(`apportionWhole: weights[${i}] must be a whole number ≥ 0, got ${w}`);
    if (w === 0) continue;
    const numerator = total * w;
    let quota = Math.floor(numerator / weightSum);
    let remainder = numerator - quota * weightSum;
    if (remainder < 0) { quota -= 1; remainder += weightSum; } else if (remainder >= weightSum) { quota += 1; remainder -= weightSum; }
    out[i] = quota;
    remainders[i] = remainder;
    candidates.push(i);
    assigned += quota;
  }
  bumpLargest(out, remainders, candidates, total - assigned);
  return out;
}

/**
 * Rounds `values` (≥ 0) to whole numbers with sum `total`: floors, then one extra to the largest fractional parts
 * (ties: lower index).
 * @param total whole number in [Σ floor, Σ ceil] of the values
 * @example roundToTotal([1.5, 2.25, 0], 4) // [2, 2, 0]
 */
export function roundToTotal(values: readonly number[], total: number): number[] {
  const n = values.length;
  const out = new Array<number>(n);
  const remainders = new Array<number>(n);
  const fractional: number[] = [];
  let left = total;
  for (let i = 0; i < n; i++) {
    const floor = Math.floor(values[i]!);
    out[i] = floor;
    remainders[i] = values[i]! - floor;
    if (remainders[i]! > 0) fractional.push(i);
    left -= floor;
  }
  if (left < 0 || left > fractional.length) throw new RangeError(`roundToTotal: ${total} is outside [${total - left}, ${total - left + fractional.length}], the sums of floors and ceilings`);
  bumpLargest(out, remainders, fractional, left);
  return out;
}
