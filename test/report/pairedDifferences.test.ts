/**
 * Paired differences in the report and notebooks agree with the ones `ets compare` computed and wrote to the
 * fixture's comparison.json (the reference), and pair runs by (seed, run) whatever their order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { designDifferences } from '../../report/charts/pairedDifferences.js';
import { pairedMetricDifference } from '../../report/pairedDifferences.js';
import { COMPARE_OUTPUT, fixtureComparison } from './support/fixtureOutput.js';

interface ComparisonRow { design: string; metric: string; difference: { n: number; mean: number; ciLow: number; ciHigh: number } }

describe('paired differences', async () => {
  const data = await fixtureComparison();
  const comparison = JSON.parse(readFileSync(join(COMPARE_OUTPUT, 'comparison.json'), 'utf8')) as { rows: ComparisonRow[] };

  it('match the differences ets compare wrote to comparison.json', () => {
    const ours = designDifferences(data.designs);
    let checked = 0;
    for (const row of comparison.rows) {
      const metric = /\((\w+)\)$/.exec(row.metric)?.[1];
      const mine = ours.find((d) => d.design === row.design && d.metric === metric);
      if (mine === undefined) continue;
      expect(mine.n).toBe(row.difference.n);
      expect(mine.mean!).toBeCloseTo(row.difference.mean, 9);
      expect(mine.ciLow!).toBeCloseTo(row.difference.ciLow, 9);
      expect(mine.ciHigh!).toBeCloseTo(row.difference.ciHigh, 9);
      checked++;
    }
    expect(checked).toBe(12); // 6 run metrics × 2 designs
  });

  it('pair runs by seed and run, not by position', () => {
    const [base, design] = [data.designs[0]!.runs, data.designs[2]!.runs];
    const shuffled = pairedMetricDifference(base, [...design].reverse(), 'meanPrice');
    const inOrder = pairedMetricDifference(base, design, 'meanPrice');
    for (const field of ['n', 'mean', 'sd', 'q05', 'q50', 'q95', 'ciLow', 'ciHigh', 'baseMean', 'designMean', 'shareLower'] as const) {
      expect(shuffled[field], field).toBeCloseTo(inOrder[field]!, 12);
    }
    const difference = pairedMetricDifference(base, design, 'meanPrice');
    const expected = design.reduce((sum, row, k) => sum + row.meanPrice - base[k]!.meanPrice, 0) / design.length;
    expect(difference.mean!).toBeCloseTo(expected, 12);
    expect(difference.designMean! - difference.baseMean!).toBeCloseTo(expected, 12);
    expect(difference.shareLower).toBe(design.filter((row, k) => row.meanPrice < base[k]!.meanPrice).length / design.length);
  });

  it('refuse runs that do not pair', () => {
    const base = data.designs[0]!.runs;
    expect(() => pairedMetricDifference(base, base.slice(1), 'meanPrice')).toThrow('cannot pair runs: the baseline has 12 runs, the design 11');
    const stranger = [...base.slice(1), { ...base[0]!, seed: 99 }];
    expect(() => pairedMetricDifference(base, stranger, 'meanPrice')).toThrow('cannot pair runs: run 0 of seed 99 is not in the baseline');
  });
});
