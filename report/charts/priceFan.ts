/**
 * Price fan chart: the allowance price by year, median and 5–95 % band over the runs, one colour per design,
 * one panel per scheme when there are several.
 */
import * as Plot from '@observablehq/plot';
import type { DesignOutput } from '../outputData.js';
import { groupBy, sampleBand } from '../sampleBand.js';
import { chartFrame, distinct, type ChartOptions } from './chartOptions.js';
import { designColor, yearScale } from './chartScales.js';

export interface BandPoint {
  design: string;
  scheme: string;
  year: number;
  n: number;
  mean: number;
  q05: number;
  q50: number;
  q95: number;
}

/** Median, 5 % and 95 % of `value` over the runs, by design, scheme and year (sorted by year). */
export function marketBands(designs: readonly DesignOutput[], value: (row: DesignOutput['markets'][number]) => number): BandPoint[] {
  const points: BandPoint[] = [];
  for (const design of designs) {
    const groups = groupBy(design.markets, (row) => `${row.scheme}\u0000${row.year}`);
    for (const rows of groups.values()) {
      const band = sampleBand(rows.map(value));
      if (band !== null) points.push({ design: design.label, scheme: rows[0]!.scheme, year: rows[0]!.year, ...band });
    }
  }
  return points.sort((a, b) => a.year - b.year);
}

export function priceFanChart(designs: readonly DesignOutput[], currency: string, options: ChartOptions = {}): Plot.PlotOptions {
  const data = marketBands(designs, (row) => row.price);
  const schemes = distinct(data.map((d) => d.scheme));
  const fx = schemes.length > 1 ? 'scheme' : null;
  const facet = fx === null ? {} : { fx };
  return {
    title: 'Allowance price by year',
    subtitle: 'Line: median over the runs; band: 5–95 % of runs. One colour per design.',
    ...chartFrame(options),
    height: 340,
    marginLeft: 60,
    x: yearScale(data.map((d) => d.year)),
    y: { label: `Allowance price (${currency}/t)`, grid: true, zero: true },
    color: designColor(designs.map((d) => d.label)),
    ...(fx === null ? {} : { fx: { label: 'Scheme' } }),
    marks: [
      Plot.ruleY([0]),
      Plot.areaY(data, { x: 'year', y1: 'q05', y2: 'q95', fill: 'design', z: 'design', fillOpacity: 0.18, ...facet }),
      Plot.lineY(data, { x: 'year', y: 'q50', stroke: 'design', z: 'design', strokeWidth: 2, marker: 'circle', ...facet, ...(options.interactive === true ? { tip: true } : {}) }),
    ],
  };
}
