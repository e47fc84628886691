/**
 * Total abatement of many firms with linear MAC curves at one marginal value, in O(log n).
 *
 * Firm i abates min(m / slope_i, cap_i). Sorting firms by the value at which they reach their cap,
 * m*_i = slope_i × cap_i, the total at m is Σ_{m*_i ≤ m} cap_i + m × Σ_{m*_i > m} 1/slope_i: two prefix sums and a
 * binary search. Markets evaluate excess demand hundreds of times per period; this keeps each evaluation independent
 * of the number of firms.
 */
export class LinearAbatementAggregate {
  /** Saturation values m*_i, ascending. */
  private readonly saturation: Float64Array;
  /** capPrefix[k] = Σ caps of the first k firms in saturation order. */
  private readonly capPrefix: Float64Array;
  /** inverseSuffix[k] = Σ 1/slope of firms k.. in saturation order. */
  private readonly inverseSuffix: Float64Array;
  readonly size: number;

  constructor(slopes: ArrayLike<number>, caps: ArrayLike<number>) {
    const n = slopes.length;
    this.size = n;
    const order = Array.from({ length: n }, (_, i) => i);
    const saturationOf = Float64Array.from({ length: n }, (_, i) => slopes[i]! * caps[i]!);
    order.sort((a, b) => saturationOf[a]! - saturationOf[b]! || a - b);
    this.saturation = new Float64Array(n);
    this.capPrefix = new Float64Array(n + 1);
    this.inverseSuffix = new Float64Array(n + 1);
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      this.saturation[k] = saturationOf[i]!;
      this.capPrefix[k + 1] = this.capPrefix[k]! + caps[i]!;
    }
    for (let k = n - 1; k >= 0; k--) this.inverseSuffix[k] = this.inverseSuffix[k + 1]! + 1 / slopes[order[k]!]!;
  }

  /** Σ_i min(value / slope_i, cap_i), t; 0 for value ≤ 0. */
  total(value: number): number {
    if (value <= 0) return 0;
    // First firm not yet saturated: saturation > value.
    let first = 0;
    let last = this.size;
    while (first < last) {
      const middle = (first + last) >>> 1;
      if (this.saturation[middle]! <= value) first = middle + 1;
      else last = middle;
    }
    return this.capPrefix[first]! + value * this.inverseSuffix[first]!;
  }
}
