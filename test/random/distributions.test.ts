/**
 * Distributions sampled by inversion. Expected values are closed forms (stated beside each case) or R's `qnorm`;
 * Φ is computed independently here by Marsaglia's series (J. Stat. Softw. 11(4), 2004):
 * Φ(x) = ½ + φ(x)(x + x³/3 + x⁵/(3·5) + …).
 */
import { describe, expect, it } from 'vitest';
import { Clamped } from '../../model/random/clamped.js';
import { Discrete } from '../../model/random/discrete.js';
import { type Distribution, DistributionError, draw } from '../../model/random/distribution.js';
import { Empirical } from '../../model/random/empirical.js';
import { inverseStandardNormal } from '../../model/random/inverseStandardNormal.js';
import { Lognormal } from '../../model/random/lognormal.js';
import { Normal } from '../../model/random/normal.js';
import { RunRandom } from '../../model/random/runRandom.js';
import { Triangular } from '../../model/random/triangular.js';
import { Uniform } from '../../model/random/uniform.js';

function standardNormalCdf(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 500 && Math.abs(term) > 1e-18 * Math.abs(sum); n++) {
    term *= (x * x) / (2 * n + 1);
    sum += term;
  }
  return 0.5 + (Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI)) * sum;
}

function sampleMoments(distribution: Distribution, n: number, name: string): { mean: number; variance: number } {
  const stream = new RunRandom(2024, 0).stream('test', 0, name);
  let sum = 0;
  let sumSquares = 0;
  const values = new Float64Array(n);
  for (let k = 0; k < n; k++) values[k] = draw(distribution, stream);
  for (const v of values) sum += v;
  const mean = sum / n;
  for (const v of values) sumSquares += (v - mean) ** 2;
  return { mean, variance: sumSquares / (n - 1) };
}

describe('standard normal quantile (AS 241)', () => {
  it('matches R qnorm at reference points', () => {
    // R 4.x: qnorm(c(0.975, 0.995, 0.999, 0.9, 1e-10)).
    const reference: [number, number][] = [[0.975, 1.959963984540054], [0.995, 2.575829303548901], [0.999, 3.090232306167813],
      [0.9, 1.281551565544601], [1e-10, -6.361340902404056]];
    for (const [p, x] of reference) expect(Math.abs(inverseStandardNormal(p) - x)).toBeLessThan(1e-14 * Math.max(1, Math.abs(x)));
    expect(inverseStandardNormal(0.5)).toBe(0);
    expect(inverseStandardNormal(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(inverseStandardNormal(1)).toBe(Number.POSITIVE_INFINITY);
    expect(inverseStandardNormal(1.5)).toBeNaN();
  });

  it('inverts Φ to within 2·10⁻¹⁵ over (0.02, 0.98)', () => {
    for (let p = 0.02; p < 0.98; p += 0.0137) {
      expect(Math.abs(standardNormalCdf(inverseStandardNormal(p)) - p)).toBeLessThan(2e-15);
    }
  });
});

describe('sample moments match closed forms (n = 200,000; tolerance 5 standard errors)', () => {
  const n = 200_000;
  // Standard error of the mean √(σ²/n); of the variance ≈ σ² √((κ − 1)/n) with κ the kurtosis (bounded here by 3·(1+cv)).
  const cases: { name: string; distribution: Distribution; mean: number; variance: number; kurtosis: number }[] = [
    { name: 'normal(2, 3)', distribution: new Normal(2, 3), mean: 2, variance: 9, kurtosis: 3 },
    // Lognormal(μ, σ): mean e^(μ+σ²/2), variance (e^(σ²) − 1) e^(2μ+σ²).
    { name: 'lognormal(0.1, 0.4)', distribution: new Lognormal(0.1, 0.4), mean: Math.exp(0.1 + 0.08), variance: (Math.exp(0.16) - 1) * Math.exp(0.2 + 0.16), kurtosis: 6 },
    // Uniform(2, 5): mean 3.5, variance 3²/12.
    { name: 'uniform(2, 5)', distribution: new Uniform(2, 5), mean: 3.5, variance: 0.75, kurtosis: 1.8 },
    // Triangular(1, 2, 6): mean (1+2+6)/3 = 3; variance (1+4+36−2−6−12)/18 = 21/18.
    { name: 'triangular(1, 2, 6)', distribution: new Triangular(1, 2, 6), mean: 3, variance: 21 / 18, kurtosis: 2.4 },
    // Discrete {0: ¼, 10: ½, 20: ¼}: mean 10, variance (100 + 100)/4 = 50.
    { name: 'discrete', distribution: new Discrete([0, 10, 20], [1, 2, 1]), mean: 10, variance: 50, kurtosis: 2 },
    // Empirical {1, 2, 3, 4}: mean 2.5, variance (population) 1.25.
    { name: 'empirical', distribution: new Empirical([4, 2, 1, 3]), mean: 2.5, variance: 1.25, kurtosis: 1.64 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { mean, variance } = sampleMoments(c.distribution, n, c.name);
      expect(Math.abs(mean - c.mean)).toBeLessThan(5 * Math.sqrt(c.variance / n));
      expect(Math.abs(variance - c.variance)).toBeLessThan(5 * c.variance * Math.sqrt((c.kurtosis - 1) / n));
    });
  }
});

describe('quantiles in closed form', () => {
  it('normal, lognormal, uniform, triangular', () => {
    expect(new Normal(10, 2).quantile(0.975)).toBeCloseTo(10 + 2 * 1.959963984540054, 13);
    expect(new Normal(3, 0).quantile(0.9)).toBe(3);
    expect(new Lognormal(0, 0.2).quantile(0.5)).toBe(1);
    expect(new Lognormal(1, 0.5).quantile(0.975)).toBeCloseTo(Math.exp(1 + 0.5 * 1.959963984540054), 12);
    expect(new Uniform(2, 4).quantile(0.25)).toBe(2.5);
    // Triangular(0, 1, 2) is symmetric: median 1; F(0.5) = 0.5²/2 = 0.125.
    expect(new Triangular(0, 1, 2).quantile(0.5)).toBe(1);
    expect(new Triangular(0, 1, 2).quantile(0.125)).toBeCloseTo(0.5, 14);
    expect(new Triangular(0, 1, 2).quantile(0.875)).toBeCloseTo(1.5, 14);
    expect(new Triangular(5, 5, 5).quantile(0.3)).toBe(5);
  });

  it('discrete and empirical step at their cumulative probabilities', () => {
    const d = new Discrete([0, 10], [3, 1]);
    expect(d.quantile(0.74)).toBe(0);
    expect(d.quantile(0.76)).toBe(10);
    expect(new Empirical([3, 1, 2]).quantile(0.1)).toBe(1);
    expect(new Empirical([3, 1, 2]).quantile(0.5)).toBe(2);
    expect(new Empirical([3, 1, 2]).quantile(0.9)).toBe(3);
  });

  it('bounds censor the draws', () => {
    const bounded = new Clamped(new Normal(0, 1), -1, 1);
    expect(bounded.quantile(0.999)).toBe(1);
    expect(bounded.quantile(0.001)).toBe(-1);
    expect(bounded.quantile(0.5)).toBe(0);
  });

  it('golden draws from a fixed stream', () => {
    // Recorded from this implementation: one uniform per draw from stream (42, 0, 'golden', 2030, 'distributions').
    const stream = new RunRandom(42, 0).stream('golden', 2030, 'distributions');
    const draws = [new Normal(0, 1), new Lognormal(0, 0.5), new Uniform(0, 10), new Triangular(0, 2, 10), new Discrete([1, 2, 3]), new Empirical([5, 6, 7, 8])]
      .map((d) => Number(draw(d, stream).toPrecision(12)));
    expect(draws).toMatchInlineSnapshot(`
      [
        -1.74281746592,
        2.63736801741,
        9.84665271151,
        2.22210888309,
        3,
        5,
      ]
    `);
  });
});

describe('parameter errors name the parameter', () => {
  it.each([
    [() => new Normal(0, -1), 'normal: sd must be a finite number ≥ 0, got -1'],
    [() => new Lognormal(Number.NaN, 1), 'lognormal: meanlog must be a finite number, got NaN'],
    [() => new Uniform(5, 2), 'uniform: min (5) must be ≤ max (2)'],
    [() => new Triangular(0, 3, 2), 'triangular: needs min ≤ mode ≤ max, got 0, 3, 2'],
    [() => new Discrete([1, 2], [1]), 'discrete: 2 values but 1 weights'],
    [() => new Discrete([1, 2], [0, 0]), 'discrete: the weights must not all be 0'],
    [() => new Empirical([]), 'empirical: needs at least one sample'],
  ])('%#', (make, message) => {
    expect(make).toThrow(new DistributionError(message));
  });
});
