/**
 * Largest-remainder (Hamilton) apportionment: turns fractional results (intensity × output, shares of a cap) into
 * whole tonnes that add up exactly to the total.
 *
 * Each share first gets the floor of its quota total × wᵢ / Σw; the tonnes left over go one each to the largest
 * remainders, ties broken by the lower index. With integer weights the quotas are computed exactly in bigint; with
 * fractional weights in floating point (deterministic for the same inputs).
 */

/**
 * Splits `total` whole tonnes over `weights` in proportion.
 * @param total whole tonnes to distribute, a safe integer ≥ 0
 * @param weights non-negative finite weights (any unit); at least one positive unless `total` is 0
 * @returns whole tonnes per weight, summing to `total`
 * @example apportion(10, [1, 1, 1]) // [4, 3, 3]: quotas 3⅓ each, the one spare tonne goes to index 0 (tie → lower index)
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`apportion: total must be a safe integer ≥ 0, got ${total}`);
  let weightSum = 0;
  let allIntegers = true;
  for (const [i, w] of weights.entries()) {
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`apportion: weights[${i}] must be finite and ≥ 0, got ${w}`);
    weightSum += w;
    if (!Number.isSafeInteger(w)) allIntegers = false;
  }
  const out = new Array<number>(weights.length).fill(0);
  if (total === 0) return out;
  if (!(weightSum > 0)) throw new RangeError(`apportion: cannot distribute ${total} t over weights that sum to 0`);

  const remainders = new Array<number>(weights.length).fill(0);
  let assigned = 0;
  if (allIntegers) {
    let exactSum = 0n;
    for (const w of weights) exactSum += BigInt(w);
    const bigTotal = BigInt(total);
    for (const [i, w] of weights.entries()) {
      const numerator = bigTotal * BigInt(w);
      const floor = numerator / exactSum;
      out[i] = Number(floor);
      // Remainder as a fraction of exactSum; comparing numerators is exact because the denominator is shared.
      remainders[i] = Number(numerator - floor * exactSum);
      assigned += out[i]!;
    }
  } else {
    // Compensated (Neumaier) sum of the weights for the shared denominator.
    let sum = 0, compensation = 0;
    for (const w of weights) {
      const t = sum + w;
      compensation += Math.abs(sum) >= Math.abs(w) ? sum - t + w : w - t + sum;
      sum = t;
    }
    const denominator = sum + compensation;
    for (const [i, w] of weights.entries()) {
      const quota = (total * w) / denominator;
      const floor = Math.floor(quota);
      out[i] = floor;
      remainders[i] = quota - floor;
      assigned += floor;
    }
    // Floating error can push Σ floors above total by a tonne on pathological inputs: take back from smallest remainders.
    while (assigned > total) {
      let victim = -1;
      for (let i = 0; i < out.length; i++) if (out[i]! > 0 && (victim < 0 || remainders[i]! < remainders[victim]!)) victim = i;
      out[victim] = out[victim]! - 1;
      remainders[victim] = 1;
      assigned -= 1;
    }
  }
  let left = total - assigned;
  if (left === 0) return out;
  const order = weights.map((_, i) => i).filter((i) => weights[i]! > 0);
  order.sort((a, b) => remainders[b]! - remainders[a]! || a - b);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k]!] = out[order[k]!]! + 1;
  return out;
}

/**
 * Rounds fractional tonnes to whole tonnes conserving the (rounded) total: Σ result = round(Σ values), each result
 * is floor or ceil of its value, extra tonnes to the largest fractional parts (ties: lower index).
 * @example roundConserving([1.5, 1.5, 1]) // [2, 1, 1]: Σ = 4, floors sum to 3, the spare tonne goes to the first .5 (tie → lower index)
 */
export function roundConserving(values: readonly number[]): number[] {
  let sum = 0, compensation = 0;
  for (const [i, v] of values.entries()) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`roundConserving: values[${i}] must be finite and ≥ 0, got ${v}`);
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  const target = Math.round(sum + compensation);
  const out = values.map((v) => Math.floor(v));
  let left = target - out.reduce((a, b) => a + b, 0);
  const order = values.map((_, i) => i);
  order.sort((a, b) => (values[b]! - out[b]!) - (values[a]! - out[a]!) || a - b);
  for (let k = 0; left > 0; k++, left--) out[order[k % order.length]!] = out[order[k % order.length]!]! + 1;
  return out;
}
