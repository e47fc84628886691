/**
 * Property tests of the registry settlement over random designs (test/support/randomDesign.ts: every banking,
 * borrowing, allocation and expectation mode, floors, ceilings with or without a reserve, penalties, credits with share
 * and tonne limits): no registry transaction is refused, the result is the engine's, whole-tonne holdings and
 * compliance follow the engine's within the documented rule, units are conserved exactly and the log replays.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scenarioSchema, type Scenario } from '../../model/scenario/schema.js';
import { buildDesign, designArbitrary } from '../support/randomDesign.js';
import { checkAgainstEngine, checkConservation, checkReplay, runWithRegistry } from './registryChecks.js';

describe('registry settlement over random designs', () => {
  it('never refuses a transaction; bounds, compliance, conservation and replay hold', () => {
    let beyondSlack = 0;
    let uncovered = 0;
    let schemePeriods = 0;
    fc.assert(
      fc.property(designArbitrary, (design) => {
        const run = runWithRegistry(buildDesign(design));
        const largest = checkAgainstEngine(run);
        // Net purchase is the rule's residual: at most the sum of the other differences.
        expect(largest.netPurchase ?? 0).toBeLessThanOrEqual(6);
        checkConservation(run);
        checkReplay(run);
        for (const row of run.registry.schemeRows) {
          schemePeriods += 1;
          if (row.beyondSlack > 0) beyondSlack += 1;
          if (run.registry.firmRows.some((f) => f.period === row.period && f.uncovered > 0)) uncovered += 1;
        }
      }),
      { numRuns: 300, seed: 20261122 },
    );
    // The rule's last resorts are the exception (documented: rare).
    expect(beyondSlack).toBeLessThanOrEqual(0.01 * schemePeriods);
    expect(uncovered).toBeLessThanOrEqual(0.01 * schemePeriods);
  });

  it('also with interest on borrowing and make-good (sequential markets)', () => {
    fc.assert(
      fc.property(designArbitrary, fc.double({ min: 0, max: 0.3, noNaN: true }), fc.double({ min: 0, max: 2, noNaN: true }), (design, interestRate, makeGood) => {
        // Perfect foresight supports interest-free borrowing only: adaptive firms instead.
        const raw = JSON.parse(JSON.stringify(buildDesign({ ...design, strategy: design.strategy === 'perfectForesight' ? 'adaptive' : design.strategy }))) as Scenario;
        const scheme = raw.schemes[0]!;
        if (scheme.borrowing !== undefined && scheme.borrowing.mode !== 'none') scheme.borrowing.interestRate = interestRate;
        scheme.priceControls!.penalty!.makeGood = makeGood;
        const run = runWithRegistry(scenarioSchema.parse(raw));
        checkAgainstEngine(run);
        checkConservation(run);
        checkReplay(run);
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});
