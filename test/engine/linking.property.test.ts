/**
 * Property-based tests of linked markets: for random pairs of schemes and links, units balance across the pair,
 * the flow respects the link's direction and limit, and prices line up as arbitrage requires (equal while the limit
 * does not bind; the importer's higher when it does).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulate } from '../../model/engine/simulate.js';
import { linearFirm, scenario } from '../support/buildScenario.js';

const linkArbitrary = fc.record({
  capA: fc.integer({ min: 20, max: 100 }),
  capB: fc.integer({ min: 20, max: 100 }),
  slopeA: fc.double({ min: 0.2, max: 5, noNaN: true }),
  slopeB: fc.double({ min: 0.2, max: 5, noNaN: true }),
  direction: fc.constantFrom('oneWay', 'twoWay'),
  limit: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
});

describe('linked markets over random designs', () => {
  it('balance units, respect the link and align prices by arbitrage', () => {
    fc.assert(
      fc.property(linkArbitrary, (d) => {
        const result = simulate(scenario({
          periods: { start: 2026, count: 1 }, discountRate: 0.05,
          firms: [linearFirm('FA', 100, d.slopeA, { scheme: 'A' }), linearFirm('FB', 100, d.slopeB, { scheme: 'B' })],
          schemes: [
            { id: 'A', target: { type: 'absolute', cap: d.capA }, allocation: [{ method: 'auction' }] },
            { id: 'B', target: { type: 'absolute', cap: d.capB }, allocation: [{ method: 'auction' }] },
          ],
          links: [{ from: 'B', to: 'A', direction: d.direction as 'oneWay' | 'twoWay', ...(d.limit === undefined ? {} : { importLimit: d.limit }) }],
          expectations: { strategy: 'myopic' },
        }));
        const a = result.schemes.find((r) => r.scheme === 'A')!;
        const b = result.schemes.find((r) => r.scheme === 'B')!;
        const tol = 1e-6;
        // What A imports, B exports; every firm covers its emissions.
        expect(Math.abs(a.netImports + b.netImports)).toBeLessThanOrEqual(tol * 100);
        expect(Math.abs(a.emissions - a.supply - a.netImports)).toBeLessThanOrEqual(tol * 100);
        expect(Math.abs(b.emissions - b.supply - b.netImports)).toBeLessThanOrEqual(tol * 100);
        const limit = d.limit ?? Number.POSITIVE_INFINITY;
        expect(a.netImports).toBeLessThanOrEqual(limit + tol);
        if (d.direction === 'oneWay') expect(a.netImports).toBeGreaterThanOrEqual(-tol);
        else expect(a.netImports).toBeGreaterThanOrEqual(-limit - tol);
        // Arbitrage: if the flow is strictly inside its bounds, prices are equal; at the import limit A's is higher.
        const lowest = d.direction === 'oneWay' ? 0 : -limit;
        const interior = a.netImports > lowest + 1e-6 && a.netImports < limit - 1e-6;
        // (Unless a market has abated everything it can: its price is then any value above its last MAC, and the
        // clearing reports the lowest.)
        const saturated = a.abatement >= 100 - 1e-6 || b.abatement >= 100 - 1e-6;
        if (interior && !saturated) expect(Math.abs(a.price - b.price)).toBeLessThanOrEqual(1e-6 * Math.max(1, a.price));
        const slack = 1e-9 * Math.max(1, a.price, b.price);
        if (limit > lowest) {
          if (a.netImports >= limit - 1e-6 && Number.isFinite(limit)) expect(a.price).toBeGreaterThanOrEqual(b.price - slack);
          if (a.netImports <= lowest + 1e-6) expect(a.price).toBeLessThanOrEqual(b.price + slack);
        }
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});
