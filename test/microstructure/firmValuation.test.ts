/** Reservation prices from MAC curves; expected values are integrals of the curves worked out by hand. */
import { describe, expect, it } from 'vitest';
import { LinearMac, StepMac } from '../../model/agents/macCurve.js';
import { FirmValuation } from '../../model/microstructure/firmValuation.js';

describe('FirmValuation with a linear MAC (0.5 a), baseline 1000 t', () => {
  const v = new FirmValuation({ baseline: 1000, mac: new LinearMac(0.5, Number.POSITIVE_INFINITY) });

  it('values the next tonne at MAC(baseline − holdings): holding 800 ⇒ a = 200 ⇒ 100', () => {
    expect(v.abatementNeeded(800)).toBe(200);
    expect(v.marginalValue(800)).toBe(100);
    expect(v.marginalValue(1200)).toBe(0);
  });

  it('prices a block by the average MAC over it: buy 10 ⇒ (C(200) − C(190)) / 10 = 97.5; sell 10 ⇒ 102.5', () => {
    expect(v.buyValue(800, 10)).toBeCloseTo(97.5, 12);
    expect(v.sellValue(800, 10)).toBeCloseTo(102.5, 12);
  });

  it('compliance cost is the abatement cost: 0.25 × 200² = 10,000', () => {
    expect(v.complianceCost(800)).toBeCloseTo(10_000, 9);
  });

  it('finds the best whole-lot trade at a price (worked in the comment)', () => {
    // Buy at 90, lots of 10: lot k is worth 0.5 (200 − 10(k − 1) − 5) > 90 ⇔ k ≤ 2; gain = C(200) − C(180) − 20 × 90 = 1900 − 1800.
    const buy = v.gainsFromTrade(800, 90, 0, 10);
    expect(buy.lots).toBe(2);
    expect(buy.gain).toBeCloseTo(100, 9);
    // Sell at 110: lot k costs 0.5 (200 + 10(k − 1) + 5) < 110 ⇔ k ≤ 2; gain = 20 × 110 − (C(220) − C(200)) = 2200 − 2100.
    const sell = v.gainsFromTrade(800, 110, 0, 10);
    expect(sell.lots).toBe(-2);
    expect(sell.gain).toBeCloseTo(100, 9);
    // A fee of 5/t on each side: buy lots worth > 95 ⇔ 0.5 (195 − 10(k − 1)) > 95 ⇔ k ≤ 1.
    expect(v.gainsFromTrade(800, 90, 5, 10).lots).toBe(1);
    expect(v.gainsFromTrade(800, 100, 0, 10)).toEqual({ gain: 0, lots: 0 });
  });

  it('never sells more than it holds', () => {
    expect(new FirmValuation({ baseline: 0, mac: new LinearMac(1, 0) }).gainsFromTrade(25, 50, 0, 10).lots).toBe(-2);
  });
});

describe('FirmValuation: bank value, shortfall, steps', () => {
  it('values every tonne at least at the bank value: buy 40 at holdings 800 with b = 90 ⇒ (20 × 90 + 1900) / 40 = 92.5', () => {
    // Abatement 200 → 160; MAC ≤ 90 up to a = 180, so [160, 180] is worth 90 each and [180, 200] is C(200) − C(180) = 1900.
    const v = new FirmValuation({ baseline: 1000, mac: new LinearMac(0.5, Number.POSITIVE_INFINITY), bankValue: 90 });
    expect(v.buyValue(800, 40)).toBeCloseTo(92.5, 12);
    expect(v.marginalValue(900)).toBe(90);
    expect(v.marginalValue(1100)).toBe(90);
  });

  it('values tonnes beyond the abatement potential at the shortfall price, and caps the MAC there', () => {
    const v = new FirmValuation({ baseline: 1000, mac: new LinearMac(0.5, 150), shortfallPrice: 300 });
    expect(v.marginalValue(800)).toBe(300);
    // Holding 860 (a = 140): buy value of 20 t: a ∈ [120, 140] ⇒ (C(140) − C(120)) / 20 = 0.25 (19600 − 14400) / 20 = 65.
    expect(v.buyValue(860, 20)).toBeCloseTo(65, 12);
    // Selling 20 from 860: a ∈ [140, 160]: 10 t abatable (MAC avg 72.5), 10 t short at 300 ⇒ (725 + 3000) / 20 = 186.25.
    expect(v.sellValue(860, 20)).toBeCloseTo(186.25, 12);
    expect(new FirmValuation({ baseline: 1000, mac: new LinearMac(0.5, 150) }).sellValue(860, 20)).toBe(Number.POSITIVE_INFINITY);
    // With a penalty of 50 the firm stops abating at MAC 50 (a = 100): beyond, each tonne is worth 50.
    expect(new FirmValuation({ baseline: 1000, mac: new LinearMac(0.5, 150), shortfallPrice: 50 }).buyValue(800, 100)).toBeCloseTo(50, 12);
  });

  it('integrates step curves exactly: measures 50 t @30 and 100 t @80, baseline 200, holding 100', () => {
    const v = new FirmValuation({ baseline: 200, mac: new StepMac([{ capacity: 50, unitCost: 30 }, { capacity: 100, unitCost: 80 }]) });
    expect(v.marginalValue(100)).toBe(80);
    // Buying 60: a from 100 to 40 ⇒ 10 t @30 + 50 t @80 = 4300 ⇒ 71.67 per tonne.
    expect(v.buyValue(100, 60)).toBeCloseTo(4300 / 60, 12);
    // The curve abates at most 150 t of the 200: holding 10 leaves a shortfall at an infinite penalty.
    expect(v.maxAbatement).toBe(150);
    expect(v.marginalValue(10)).toBe(Number.POSITIVE_INFINITY);
  });

  it('validates options, naming the path', () => {
    const mac = new LinearMac(1, 10);
    expect(() => new FirmValuation({ baseline: -1, mac }, 'firms[A]')).toThrow('firms[A].baseline: must be a finite number ≥ 0, got -1');
    expect(() => new FirmValuation({ baseline: 1, mac, bankValue: 10, shortfallPrice: 5 })).toThrow('valuation.shortfallPrice: must be ≥ bankValue (10), got 5');
  });
});
