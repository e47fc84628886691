/** Random small designs for property tests: one scheme, 1–5 linear-MAC firms, random rules and controls. */
import fc from 'fast-check';
import { scenario } from './buildScenario.js';

const firmArbitrary = fc.record({
  baseline: fc.integer({ min: 10, max: 500 }),
  slope: fc.double({ min: 0.1, max: 50, noNaN: true }),
  maxShare: fc.option(fc.double({ min: 0.05, max: 1, noNaN: true }), { nil: undefined }),
});

export const designArbitrary = fc.record({
  periods: fc.integer({ min: 1, max: 4 }),
  firms: fc.array(firmArbitrary, { minLength: 1, maxLength: 5 }),
  capShare: fc.array(fc.double({ min: 0.3, max: 1.3, noNaN: true }), { minLength: 4, maxLength: 4 }),
  allocation: fc.constantFrom('grandfathering', 'benchmark', 'auction'),
  banking: fc.constantFrom('unlimited', 'limited', 'none'),
  borrowing: fc.constantFrom('none', 'limited', 'withinCompliancePeriod'),
  strategy: fc.constantFrom('perfectForesight', 'myopic', 'adaptive'),
  floor: fc.option(fc.double({ min: 0, max: 30, noNaN: true }), { nil: undefined }),
  ceiling: fc.option(fc.record({ price: fc.double({ min: 5, max: 200, noNaN: true }), reserve: fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }) }), { nil: undefined }),
  penalty: fc.double({ min: 50, max: 1000, noNaN: true }),
  credit: fc.option(fc.record({ price: fc.double({ min: 0, max: 100, noNaN: true }), share: fc.option(fc.double({ min: 0, max: 0.5, noNaN: true }), { nil: undefined }), tonnes: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }) }), { nil: undefined }),
  discountRate: fc.double({ min: 0, max: 0.15, noNaN: true }),
});

export type Design = typeof designArbitrary extends fc.Arbitrary<infer D> ? D : never;

export function buildDesign(design: Design) {
  const total = design.firms.reduce((sum, f) => sum + f.baseline, 0);
  const cap = design.capShare.slice(0, design.periods).map((share) => Math.round(share * total));
  // Strategies other than perfect foresight may not borrow within a compliance period in PF-equilibrium terms; all
  // combinations are allowed here, the engine must keep its invariants for each.
  return scenario({
    periods: { start: 2030, count: design.periods },
    discountRate: design.discountRate,
    firms: design.firms.map((f, k) => ({
      id: `F${k}`, sector: 'industry', output: { base: 1 }, emissions: { perOutput: f.baseline },
      mac: { type: 'linear', slope: f.slope, ...(f.maxShare === undefined ? {} : { maxAbatement: f.maxShare * f.baseline }) },
      history: { emissions: { '2029': f.baseline }, output: { '2029': 1 } },
    })),
    credits: design.credit === undefined ? [] : [{ id: 'cr', price: design.credit.price }],
    schemes: [{
      id: 'ets',
      target: { type: 'absolute', cap },
      allocation: [design.allocation === 'auction' ? { method: 'auction' }
        : design.allocation === 'benchmark' ? { method: 'benchmark', benchmark: 0.8 * total / design.firms.length, activity: 'historical', baseYears: [2029] }
          : { method: 'grandfathering', baseYears: [2029], reduction: { annual: 0.05 } }],
      compliancePeriodLength: 2,
      banking: design.banking === 'limited' ? { mode: 'limited', limitShare: 0.2 } : { mode: design.banking },
      borrowing: design.borrowing === 'limited' ? { mode: 'limited', limitShare: 0.1 } : { mode: design.borrowing },
      ...(design.credit === undefined ? {} : {
        credits: [{ type: 'cr', limit: { ...(design.credit.share === undefined ? {} : { share: design.credit.share }), ...(design.credit.tonnes === undefined ? {} : { tonnes: design.credit.tonnes }) } }],
      }),
      priceControls: {
        penalty: { price: design.penalty },
        ...(design.floor === undefined ? {} : { floor: { price: design.floor } }),
        ...(design.ceiling === undefined ? {} : { ceiling: { price: design.ceiling.price, ...(design.ceiling.reserve === undefined ? {} : { reserve: design.ceiling.reserve }) } }),
      },
    }],
    expectations: { strategy: design.strategy, initialPrice: 20, maxBankYears: 1 },
  });
}

