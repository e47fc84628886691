/**
 * Binary search on a monotone predicate: the largest k in 1…n with test(k) true, for a test that is true up to some
 * k and false after it; 0 when test(1) is false. O(log n) calls.
 *
 * @example lastTrue(100, (k) => k * k <= 50) // 7
 */
export function lastTrue(n: number, test: (k: number) => boolean): number {
  if (n < 1 || !test(1)) return 0;
  let lo = 1;
  let hi = n;
  while (lo < hi) {
    const mid = lo + Math.ceil((hi - lo) / 2);
    if (test(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
