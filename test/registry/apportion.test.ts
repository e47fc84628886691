/** Largest-remainder apportionment: whole tonnes that conserve the total, deterministic ties (lower index first). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion, roundConserving } from '../../model/registry/apportion.js';

describe('apportion', () => {
  it('hand-computed cases', () => {
    // Quotas 3⅓ each: floors 3+3+3 = 9, the spare tonne goes to index 0 (equal remainders → lower index).
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    // Quotas 2⅓ and 4⅔: floors 2 + 4 = 6, the spare tonne goes to the larger remainder (index 1).
    expect(apportion(7, [1, 2])).toEqual([2, 5]);
    // Exact shares: 50 % / 30 % / 20 % of 100.
    expect(apportion(100, [0.5, 0.3, 0.2])).toEqual([50, 30, 20]);
    // Intensity × output: 0.8 t/unit × outputs 12.5, 7.5, 5 = 10, 6, 4 of a 20 t total.
    expect(apportion(20, [0.8 * 12.5, 0.8 * 7.5, 0.8 * 5])).toEqual([10, 6, 4]);
    // Zero weights get nothing; zero total gives zeros.
    expect(apportion(5, [0, 1, 0])).toEqual([0, 5, 0]);
    expect(apportion(0, [0, 0])).toEqual([0, 0]);
  });

  it('rejects invalid input, naming it', () => {
    expect(() => apportion(1.5, [1])).toThrow(/total must be a safe integer/);
    expect(() => apportion(10, [1, -1])).toThrow(/weights\[1\]/);
    expect(() => apportion(10, [0, 0])).toThrow(/sum to 0/);
  });

  it('conserves the total, stays within floor/ceil of each quota, and is deterministic (property)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 1e12 }),
      fc.array(fc.oneof(fc.integer({ min: 0, max: 1e6 }), fc.double({ min: 0, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 40 }),
      (total, weights) => {
        fc.pre(weights.some((w) => w > 0));
        const out = apportion(total, weights);
        expect(out.reduce((a, b) => a + b, 0)).toBe(total);
        const sum = weights.reduce((a, b) => a + b, 0);
        for (const [i, w] of weights.entries()) {
          const quota = (total * w) / sum;
          expect(out[i]!).toBeGreaterThanOrEqual(Math.floor(quota - 1e-6 * Math.max(1, quota)) - 1);
          expect(out[i]!).toBeLessThanOrEqual(Math.ceil(quota + 1e-6 * Math.max(1, quota)) + 1);
          if (w === 0) expect(out[i]).toBe(0);
        }
        expect(apportion(total, weights)).toEqual(out);
      }), { numRuns: 300 });
  });

  it('integer weights are exact: each result is ⌊quota⌋ or ⌈quota⌉ (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e9 }), fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 30 }), (total, weights) => {
      fc.pre(weights.some((w) => w > 0));
      const out = apportion(total, weights);
      const sum = BigInt(weights.reduce((a, b) => a + b, 0));
      for (const [i, w] of weights.entries()) {
        const floor = (BigInt(total) * BigInt(w)) / sum;
        expect(BigInt(out[i]!) === floor || BigInt(out[i]!) === floor + 1n).toBe(true);
      }
    }), { numRuns: 300 });
  });
});

describe('roundConserving', () => {
  it('hand-computed cases', () => {
    // Σ = 4: floors 1 + 1 + 1 = 3; the spare tonne to the first .5 (tie → lower index).
    expect(roundConserving([1.5, 1.5, 1])).toEqual([2, 1, 1]);
    // Σ = 1.2 rounds to 1: floors are 0, one tonne to index 0.
    expect(roundConserving([0.4, 0.4, 0.4])).toEqual([1, 0, 0]);
    expect(roundConserving([2, 3])).toEqual([2, 3]);
  });
});
