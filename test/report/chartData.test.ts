/**
 * The numbers behind the charts, checked against the tables they come from: bands are quantiles of the runs, credit
 * limits are Σ over firms of min(share × emissions, tonnes) (model/agents/firmChoice.ts), compliance rates count
 * compliant firm-periods.
 */
import { quantile } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { magnitude } from '../../report/charts/chartScales.js';
import { complianceByTarget, firmComplianceData } from '../../report/charts/complianceByFirm.js';
import { creditUseData } from '../../report/charts/creditUse.js';
import { marketBands } from '../../report/charts/priceFan.js';
import { formatDifference, formatRange, formatValue } from '../../report/formatValue.js';
import { sampleBand } from '../../report/sampleBand.js';
import { fixtureComparison } from './support/fixtureOutput.js';

describe('chart data', async () => {
  const data = await fixtureComparison();
  const base = data.designs[0]!;

  it('price bands are the 5/50/95 % quantiles of the runs (R type 7, as simple-statistics)', () => {
    const prices = base.markets.filter((m) => m.scheme === 'cap' && m.year === 2031).map((m) => m.price);
    const band = marketBands([base], (m) => m.price).find((p) => p.scheme === 'cap' && p.year === 2031)!;
    expect(band.n).toBe(12);
    expect(band.q05).toBeCloseTo(quantile(prices, 0.05), 12);
    expect(band.q50).toBeCloseTo(quantile(prices, 0.5), 12);
    expect(band.q95).toBeCloseTo(quantile(prices, 0.95), 12);
    expect(sampleBand([1, 2, 3, 4, 5])).toEqual({ n: 5, mean: 3, q05: 1.2, q50: 3, q95: 4.8 });
    expect(sampleBand([Number.NaN])).toBeNull();
  });

  it('credit limits: exact from firm rows; a share limit alone gives the same from scheme emissions', () => {
    const withFirms = creditUseData([base]);
    const withoutFirms = creditUseData([{ ...base, firms: null }]);
    const jcredit = (points: typeof withFirms) => points.filter((p) => p.scheme === 'cap' && p.creditType === 'jcredit');
    jcredit(withFirms).forEach((point, k) => {
      expect(point.approximate).toBe(false);
      expect(point.utilisation!.q50).toBeCloseTo(jcredit(withoutFirms)[k]!.utilisation!.q50, 9);
    });
    // forest: 2 t per firm and 6 firms in the cap scheme → a limit of 12 t a period.
    const forest = withFirms.filter((p) => p.creditType === 'forest');
    for (const point of forest) {
      const used = base.credits.filter((c) => c.creditType === 'forest' && c.year === point.year).map((c) => (100 * c.creditsUsed) / 12);
      expect(point.utilisation!.q50).toBeCloseTo(quantile(used, 0.5), 9);
    }
    expect(creditUseData([{ ...base, scenario: null }]).every((p) => p.utilisation === null)).toBe(true);
  });

  it('compliance by firm counts compliant firm-periods per firm and target type', () => {
    const firms = firmComplianceData([base]);
    expect(firms).toHaveLength(9);
    for (const firm of firms) {
      const rows = base.firms!.filter((f) => f.firm === firm.firm);
      expect(firm.complianceRate).toBeCloseTo((100 * rows.filter((r) => r.compliant).length) / rows.length, 12);
      expect(firm.target).toBe(firm.scheme === 'cap' ? 'Absolute target' : 'Intensity target');
    }
    const byTarget = complianceByTarget([base]);
    expect(byTarget.map((t) => [t.target, t.firms])).toEqual([['Absolute target', 6], ['Intensity target', 3]]);
  });
});

describe('formatting', () => {
  it('writes large values in words, shares as percentages, differences with signs', () => {
    expect(magnitude(3.2e10)).toEqual({ divisor: 1e9, word: 'billion' });
    expect(magnitude(999)).toEqual({ divisor: 1, word: '' });
    expect(formatValue(118496081863, 'JPY')).toBe('118.5 billion JPY');
    expect(formatValue(1219.4, 'JPY')).toBe('1,219.4 JPY');
    expect(formatValue(5.4599, 'JPY/t')).toBe('5.46 JPY/t');
    expect(formatValue(0.9166, 'share')).toBe('91.7 %');
    expect(formatValue(1.08712, 'ratio')).toBe('1.087');
    expect(formatValue(Number.NaN, 't')).toBe('–');
    expect(formatRange(5.4, 5.66, 'JPY/t')).toBe('5.4 – 5.66 JPY/t');
    expect(formatRange(2.1e9, 3.4e9, 'JPY')).toBe('2.1 – 3.4 billion JPY');
    expect(formatDifference(-12.4, 't')).toBe('−12.4 t');
    expect(formatDifference(-0.1233, 'share')).toBe('−12.3 pp');
    expect(formatDifference(2.123, 'JPY/t')).toBe('+2.12 JPY/t');
  });
});
