/**
 * Bank and borrowing over time: the aggregate bank at the end of each period above zero and the outstanding
 * borrowing below it (median and 5–95 % band over the runs), one colour per design.
 */
import * as Plot from '@observablehq/plot';
import type { DesignOutput } from '../outputData.js';
import { chartFrame, distinct, type ChartOptions } from './chartOptions.js';
import { designColor, largestOf, magnitude, unitLabel, yearScale } from './chartScales.js';
import { marketBands } from './priceFan.js';

export function bankBorrowingChart(designs: readonly DesignOutput[], options: ChartOptions = {}): Plot.PlotOptions {
  const bank = marketBands(designs, (row) => row.bank);
  const borrowing = marketBands(designs, (row) => -row.borrowing);
  const scale = magnitude(largestOf([...bank.map((d) => d.q95), ...borrowing.map((d) => d.q05)]));
  const scaled = (points: typeof bank) => points.map((p) => ({ ...p, q05: p.q05 / scale.divisor, q50: p.q50 / scale.divisor, q95: p.q95 / scale.divisor }));
  const schemes = distinct(bank.map((d) => d.scheme));
  const facet = schemes.length > 1 ? { fx: 'scheme' } : {};
  const tip = options.interactive === true ? { tip: true } : {};
  return {
    title: 'Bank and borrowing over time',
    subtitle: 'Above 0: allowances banked at the end of the year (solid). Below 0: outstanding borrowing (dashed). Median; band 5–95 % of runs.',
    ...chartFrame(options),
    height: 340,
    marginLeft: 60,
    x: yearScale(bank.map((d) => d.year)),
    y: { label: `Bank (+) / borrowing (−) (${unitLabel('t', scale)})`, grid: true },
    color: designColor(designs.map((d) => d.label)),
    ...(schemes.length > 1 ? { fx: { label: 'Scheme' } } : {}),
    marks: [
      Plot.areaY(scaled(bank), { x: 'year', y1: 'q05', y2: 'q95', fill: 'design', z: 'design', fillOpacity: 0.15, ...facet }),
      Plot.lineY(scaled(bank), { x: 'year', y: 'q50', stroke: 'design', z: 'design', strokeWidth: 2, marker: 'circle', ...facet, ...tip }),
      Plot.areaY(scaled(borrowing), { x: 'year', y1: 'q05', y2: 'q95', fill: 'design', z: 'design', fillOpacity: 0.15, ...facet }),
      Plot.lineY(scaled(borrowing), { x: 'year', y: 'q50', stroke: 'design', z: 'design', strokeWidth: 2, strokeDasharray: '6,4', marker: 'circle', ...facet, ...tip }),
      Plot.ruleY([0]),
    ],
  };
}
