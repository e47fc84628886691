/**
 * Perfect-foresight equilibrium of a market with banking and borrowing (Rubin 1996; Cronshaw & Kruse 1996).
 *
 * It is the least-cost intertemporal solution: with a present-value price π_t = p_t / (1 + r)^t, arbitrage keeps π
 * constant while the bank is strictly inside its bounds; π can fall only where the bank sits at its lower bound
 * (empty, or the borrowing limit: firms would like to borrow more) and rise only where it sits at its upper bound (a
 * banking or carry-over limit). The path is therefore a "taut string" through the bank corridor, found episode by
 * episode: from the current start, for each later period t compute the π that just empties the bank to its lower
 * bound at t and the π that just fills it to its upper bound at t; keep the running maximum of the first and
 * minimum of the second; when they cross, the episode ends at the period that set the binding one. The last period
 * ends with an empty bank (a surplus left at a zero price lapses).
 *
 * Each π is found by `findMonotoneRoot` on the cumulative bank, which is non-decreasing in π, to a relative tolerance
 * of 1e-13 — no fixed iteration counts.
 */
import { findMonotoneRoot, type ValueRange } from './monotoneRoot.js';

/** What the solver needs of each period's market: excess demand at a price (a draw on the bank). */
export interface PeriodExcessDemand {
  excessDemand(price: number, out: ValueRange): void;
  /** The price the period actually has when the path asks for `price` (a ceiling or penalty caps it). */
  effectivePrice(price: number): number;
  breakpoints(): Float64Array;
}

export interface BankCorridor {
  /** Lowest allowed bank at the end of each period (0: no borrowing; negative: borrowing limit). */
  lower: Float64Array;
  /** Highest allowed bank at the end of each period (Infinity: unlimited banking). */
  upper: Float64Array;
}

export interface IntertemporalSolution {
  prices: Float64Array;
  /** Bank at the end of each period (negative: borrowing outstanding). */
  bank: Float64Array;
  /** Draw on the bank in each period (= excess demand realised). */
  draws: Float64Array;
  /** Allowances that lapsed unused at a zero price in each period (surplus above the upper bound or at the end). */
  lapsed: Float64Array;
}

export class InfeasiblePathError extends Error {
  override readonly name = 'InfeasiblePathError';
  constructor(readonly period: number, message: string) {
    super(message);
  }
}

export function solveIntertemporal(
  markets: readonly PeriodExcessDemand[],
  discountRate: number,
  corridor: BankCorridor,
  maxPrice: number,
): IntertemporalSolution {
  const T = markets.length;
  const growth = Float64Array.from({ length: T }, (_, t) => (1 + discountRate) ** t);
  const periodBreakpoints = markets.map((m) => m.breakpoints());
  const prices = new Float64Array(T);
  const bank = new Float64Array(T);
  const draws = new Float64Array(T);
  const lapsed = new Float64Array(T);
  const scratch: ValueRange = { lo: 0, hi: 0 };

  /**
   * Period k's price for present-value price pv. Breakpoints were divided by (1 + r)^k to search in pv; multiplying
   * back can miss the breakpoint by a rounding error and so miss the jump, so a price within 1e-12 of one snaps to it.
   */
  const periodPrice = (k: number, pv: number): number => {
    const price = pv * growth[k]!;
    const points = periodBreakpoints[k]!;
    let first = 0;
    let last = points.length;
    while (first < last) {
      const middle = (first + last) >>> 1;
      if (points[middle]! < price) first = middle + 1;
      else last = middle;
    }
    for (const j of [first - 1, first]) {
      const point = points[j];
      if (point !== undefined && Math.abs(point - price) <= 1e-12 * point) return point;
    }
    return price;
  };

  /** Cumulative draw range over [start, end] at present-value price pv. */
  const cumulativeDraw = (start: number, end: number, pv: number, out: ValueRange): void => {
    let lo = 0;
    let hi = 0;
    for (let k = start; k <= end; k++) {
      markets[k]!.excessDemand(periodPrice(k, pv), scratch);
      lo += scratch.lo;
      hi += scratch.hi;
    }
    out.lo = lo;
    out.hi = hi;
  };

  const breakpointsFor = (start: number, end: number): Float64Array => {
    const points: number[] = [];
    for (let k = start; k <= end; k++) for (const p of periodBreakpoints[k]!) points.push(p / growth[k]!);
    const sorted = Float64Array.from(points);
    sorted.sort();
    return sorted;
  };

  /** The present-value price at which the bank at the end of `end`, starting from `startBank`, can equal `target`. */
  const priceForBank = (start: number, end: number, startBank: number, target: number): number => {
    if (target === Number.NEGATIVE_INFINITY) return 0;
    if (target === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
    const draw: ValueRange = { lo: 0, hi: 0 };
    const root = findMonotoneRoot(
      (pv, out) => {
        cumulativeDraw(start, end, pv, draw);
        // target − bank, where bank = startBank − draw: non-increasing in pv.
        out.lo = target - startBank + draw.lo;
        out.hi = target - startBank + draw.hi;
      },
      { lower: 0, upper: maxPrice / growth[start]!, breakpoints: breakpointsFor(start, end) },
    );
    if (root.status === 'aboveUpper') {
      throw new InfeasiblePathError(end, `no price up to market.maxPrice keeps the bank at or above ${target} t at the end of period ${end}`);
    }
    return root.x;
  };

  let start = 0;
  let startBank = 0;
  while (start < T) {
    let lowBound = 0;
    let lowArg = -1;
    let highBound = Number.POSITIVE_INFINITY;
    let highArg = -1;
    let episodeEnd = -1;
    let episodePrice = 0;
    let endBank = 0;
    for (let t = start; t < T; t++) {
      const last = t === T - 1;
      const lowerTarget = last ? 0 : corridor.lower[t]!;
      const upperTarget = last ? 0 : corridor.upper[t]!;
      const needLow = priceForBank(start, t, startBank, lowerTarget);
      const needHigh = last ? needLow : priceForBank(start, t, startBank, upperTarget);
      // A tie ends the episode too (at the earlier binding period): with price caps several periods can bind at
      // one price, and carrying the episode on would need the bank to leave its corridor in between.
      if (highArg >= 0 && needLow >= highBound) {
        episodeEnd = highArg; episodePrice = highBound; endBank = corridor.upper[highArg]!;
        break;
      }
      if (lowArg >= 0 && needHigh <= lowBound) {
        episodeEnd = lowArg; episodePrice = lowBound; endBank = corridor.lower[lowArg]!;
        break;
      }
      // Ties keep the earliest period: where a price cap makes several periods bind at the same price, the episode
      // must end at the first, or the bank would have to go below its bound in between.
      if (needLow > lowBound) { lowBound = needLow; lowArg = t; }
      if (needHigh < highBound) { highBound = needHigh; highArg = t; }
      if (last) {
        episodeEnd = t; episodePrice = needLow; endBank = 0;
      }
    }
    if (episodeEnd < 0) throw new InfeasiblePathError(start, 'bank corridor admits no price path');

    // Within the episode every period trades at pv × growth; split the total draw so the bank lands on endBank.
    // Finite ranges (jumps at a step, a floor) share the draw in equal proportion; what they cannot absorb goes to a
    // period whose range is unbounded: a ceiling reserve or penalty (more supply) or, at a zero price, disposal
    // (the surplus lapses).
    const ranges: ValueRange[] = [];
    let lo = 0;
    let hi = 0;
    for (let k = start; k <= episodeEnd; k++) {
      const range = { lo: 0, hi: 0 };
      markets[k]!.excessDemand(periodPrice(k, episodePrice), range);
      ranges.push(range);
      lo += Number.isFinite(range.lo) ? range.lo : range.hi;
      hi += Number.isFinite(range.hi) ? range.hi : range.lo;
    }
    const required = startBank - endBank;
    const share = hi > lo ? Math.min(1, Math.max(0, (required - lo) / (hi - lo))) : 0;
    // Suffix sums of the ranges, to know what later periods of the episode can still absorb.
    const count = episodeEnd - start + 1;
    const suffixLo = new Float64Array(count + 1);
    const suffixHi = new Float64Array(count + 1);
    for (let j = count - 1; j >= 0; j--) {
      suffixLo[j] = suffixLo[j + 1]! + ranges[j]!.lo;
      suffixHi[j] = suffixHi[j + 1]! + ranges[j]!.hi;
    }
    // Walk forward: each period's bank is the equal-share choice, clamped to what keeps the bank inside its corridor
    // and the episode's end reachable.
    let running = startBank;
    for (let k = start; k <= episodeEnd; k++) {
      const j = k - start;
      const range = ranges[j]!;
      const finiteLo = Number.isFinite(range.lo) ? range.lo : range.hi;
      const finiteHi = Number.isFinite(range.hi) ? range.hi : range.lo;
      // At a price cap (range open below) the cap's own supply covers the period and the bank is left alone.
      const preferredDraw = range.lo === Number.NEGATIVE_INFINITY ? Math.min(0, range.hi) : finiteLo + share * (finiteHi - finiteLo);
      const preferred = running - preferredDraw;
      let low = Math.max(running - range.hi, endBank + suffixLo[j + 1]!);
      let high = Math.min(running - range.lo, endBank + suffixHi[j + 1]!);
      if (k < episodeEnd) {
        low = Math.max(low, corridor.lower[k]!);
        high = Math.min(high, corridor.upper[k]!);
      } else {
        low = endBank;
        high = endBank;
      }
      const bankAfter = low > high ? (k === episodeEnd ? endBank : Math.min(Math.max(preferred, high), low)) : Math.min(Math.max(preferred, low), high);
      let draw = running - bankAfter;
      if (draw > finiteHi && range.hi === Number.POSITIVE_INFINITY && episodePrice === 0 && Number.isFinite(finiteHi)) {
        // At a zero price the part beyond what firms need is disposed of: it lapses.
        lapsed[k] = draw - finiteHi;
        draw = finiteHi;
      }
      draws[k] = draw;
      prices[k] = markets[k]!.effectivePrice(periodPrice(k, episodePrice));
      bank[k] = bankAfter;
      running = bankAfter;
    }
    start = episodeEnd + 1;
    startBank = endBank;
  }
  return { prices, bank, draws, lapsed };
}
