/**
 * Root of a non-increasing, interval-valued function: the x where lo(x) ≤ 0 ≤ hi(x).
 *
 * Market functions (excess demand in price, shortfall of a bank in present-value price) are continuous except at
 * known breakpoints (a floor, a ceiling, a measure's cost, a credit price) where they jump and take a whole range of
 * values. Bisection alone would only approach such a point, leaving a whole step unbalanced, so the search first
 * locates the root among the sorted breakpoints, tested exactly, and only then bisects the continuous stretch in
 * between. The bisection stops on a relative width, not an iteration count: the returned x is within
 * `relativeTolerance` of the true root (or `absoluteTolerance` near zero).
 */

export interface ValueRange {
  lo: number;
  hi: number;
}

/** Evaluates the function at x into `out` (lo ≤ hi); must be non-increasing in x. */
export type IntervalFunction = (x: number, out: ValueRange) => void;

export interface RootOptions {
  lower: number;
  upper: number;
  /** Points where the function may jump, sorted ascending; points outside [lower, upper] are ignored. */
  breakpoints?: ArrayLike<number>;
  relativeTolerance?: number;
  absoluteTolerance?: number;
}

export interface Root {
  x: number;
  /** The function's range at x (contains 0 unless `status` says otherwise or bisection residual remains). */
  lo: number;
  hi: number;
  /** 'root': found inside the range; 'atLower' and 'aboveUpper': see `findMonotoneRoot`. */
  status: 'root' | 'atLower' | 'aboveUpper';
}

const scratch: ValueRange = { lo: 0, hi: 0 };

/**
 * - `atLower`: the function is already ≤ 0 at `lower` (x = lower, e.g. a zero price with surplus).
 * - `aboveUpper`: the function is still > 0 at `upper` (no root in the range, e.g. an infeasible cap).
 */
export function findMonotoneRoot(fn: IntervalFunction, options: RootOptions): Root {
  const relativeTolerance = options.relativeTolerance ?? 1e-13;
  const absoluteTolerance = options.absoluteTolerance ?? 0;
  let lower = options.lower;
  let upper = options.upper;

  fn(lower, scratch);
  if (scratch.lo <= 0) return { x: lower, lo: scratch.lo, hi: scratch.hi, status: 'atLower' };
  fn(upper, scratch);
  if (scratch.lo > 0) return { x: upper, lo: scratch.lo, hi: scratch.hi, status: 'aboveUpper' };

  // Narrow [lower, upper] to the stretch between two consecutive breakpoints, testing each breakpoint exactly.
  const points = options.breakpoints;
  if (points !== undefined && points.length > 0) {
    let first = lowerBound(points, lower, true);
    let last = lowerBound(points, upper, false) - 1; // last index with point < upper
    // Invariant: lo(lower) > 0 and lo(upper) ≤ 0.
    while (first <= last) {
      const middle = (first + last) >>> 1;
      const point = points[middle]!;
      fn(point, scratch);
      if (scratch.lo > 0) {
        lower = point;
        first = middle + 1;
      } else {
        if (scratch.hi >= 0) return { x: point, lo: scratch.lo, hi: scratch.hi, status: 'root' };
        upper = point;
        last = middle - 1;
      }
    }
  }

  // Check `upper` itself: it may be a breakpoint where the range straddles zero.
  fn(upper, scratch);
  if (scratch.lo <= 0 && scratch.hi >= 0 && upper - lower <= Math.max(absoluteTolerance, relativeTolerance * upper)) {
    return { x: upper, lo: scratch.lo, hi: scratch.hi, status: 'root' };
  }

  // Continuous stretch: Illinois regula falsi (secant steps that keep the bracket, halving the weight of an end that
  // stays put), with a bisection step whenever the bracket fails to halve twice running, so the width shrinks at
  // least as fast as bisection every third step. One-sided limits at the ends are lo(lower) and hi(upper).
  fn(lower, scratch);
  let valueLower = scratch.lo;
  fn(upper, scratch);
  let valueUpper = scratch.hi;
  let side = 0;
  let stalls = 0;
  while (upper - lower > Math.max(absoluteTolerance, relativeTolerance * Math.abs(upper))) {
    const width = upper - lower;
    let x = stalls >= 2 || !(valueLower > 0 && valueUpper < 0)
      ? lower + width / 2
      : (lower * valueUpper - upper * valueLower) / (valueUpper - valueLower);
    if (!(x > lower && x < upper)) x = lower + width / 2;
    if (x <= lower || x >= upper) break;
    fn(x, scratch);
    if (scratch.lo > 0) {
      lower = x;
      valueLower = scratch.lo;
      if (side === 1) valueUpper /= 2;
      side = 1;
    } else if (scratch.hi < 0) {
      upper = x;
      valueUpper = scratch.hi;
      if (side === -1) valueLower /= 2;
      side = -1;
    } else {
      return { x, lo: scratch.lo, hi: scratch.hi, status: 'root' };
    }
    stalls = upper - lower > 0.5 * width ? stalls + 1 : 0;
    if (stalls > 2) stalls = 2;
  }
  fn(upper, scratch);
  const upperLo = scratch.lo;
  const upperHi = scratch.hi;
  fn(lower, scratch);
  // Pick the end whose range is nearer to containing zero.
  const upperGap = upperHi < 0 ? -upperHi : 0;
  const lowerGap = scratch.lo > 0 ? scratch.lo : 0;
  if (lowerGap < upperGap) return { x: lower, lo: scratch.lo, hi: scratch.hi, status: 'root' };
  return { x: upper, lo: upperLo, hi: upperHi, status: 'root' };
}

/** First index whose value is > x (strict) or ≥ x (non-strict). */
function lowerBound(points: ArrayLike<number>, x: number, strict: boolean): number {
  let first = 0;
  let last = points.length;
  while (first < last) {
    const middle = (first + last) >>> 1;
    const value = points[middle]!;
    if (strict ? value <= x : value < x) first = middle + 1;
    else last = middle;
  }
  return first;
}
