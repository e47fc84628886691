/**
 * Emissions against the cap: covered emissions by year (median and 5–95 % band) and the allowances issued for the
 * period (`supply`: the cap of an absolute scheme, Σ intensity × actual output of an intensity scheme), dashed.
 */
import * as Plot from '@observablehq/plot';
import type { DesignOutput } from '../outputData.js';
import { chartFrame, distinct, type ChartOptions } from './chartOptions.js';
import { designColor, largestOf, magnitude, unitLabel, yearScale } from './chartScales.js';
import { marketBands } from './priceFan.js';

export function emissionsVsCapChart(designs: readonly DesignOutput[], options: ChartOptions = {}): Plot.PlotOptions {
  const emissions = marketBands(designs, (row) => row.emissions);
  const supply = marketBands(designs, (row) => row.supply);
  const scale = magnitude(largestOf([...emissions.map((d) => d.q95), ...supply.map((d) => d.q95)]));
  const scaled = (points: typeof emissions) => points.map((p) => ({ ...p, q05: p.q05 / scale.divisor, q50: p.q50 / scale.divisor, q95: p.q95 / scale.divisor }));
  const schemes = distinct(emissions.map((d) => d.scheme));
  const facet = schemes.length > 1 ? { fx: 'scheme' } : {};
  return {
    title: 'Emissions against the cap',
    subtitle: 'Solid: covered emissions (median; band 5–95 % of runs). Dashed: allowances issued (the cap, or intensity × actual output).',
    ...chartFrame(options),
    height: 340,
    marginLeft: 60,
    x: yearScale(emissions.map((d) => d.year)),
    y: { label: `Emissions and cap (${unitLabel('t CO2', scale)})`, grid: true, zero: true },
    color: designColor(designs.map((d) => d.label)),
    ...(schemes.length > 1 ? { fx: { label: 'Scheme' } } : {}),
    marks: [
      Plot.ruleY([0]),
      Plot.areaY(scaled(emissions), { x: 'year', y1: 'q05', y2: 'q95', fill: 'design', z: 'design', fillOpacity: 0.15, ...facet }),
      Plot.lineY(scaled(emissions), { x: 'year', y: 'q50', stroke: 'design', z: 'design', strokeWidth: 2, marker: 'circle', ...facet, ...(options.interactive === true ? { tip: true } : {}) }),
      Plot.lineY(scaled(supply), { x: 'year', y: 'q50', stroke: 'design', z: 'design', strokeWidth: 1.5, strokeDasharray: '6,4', ...facet }),
    ],
  };
}
