/**
 * Auction revenue by year: revenue from auctions and reserve sales summed over the schemes, median and 5–95 % band
 * over the runs, one colour per design.
 */
import * as Plot from '@observablehq/plot';
import type { DesignOutput } from '../outputData.js';
import { groupBy, sampleBand } from '../sampleBand.js';
import { chartFrame, type ChartOptions } from './chartOptions.js';
import { designColor, largestOf, magnitude, unitLabel, yearScale } from './chartScales.js';

export function auctionRevenueData(designs: readonly DesignOutput[]): { design: string; year: number; q05: number; q50: number; q95: number; mean: number }[] {
  const points = [];
  for (const design of designs) {
    const perRunYear = new Map<string, { year: number; revenue: number }>();
    for (const row of design.markets) {
      const k = `${row.run}\u0000${row.year}`;
      const entry = perRunYear.get(k) ?? { year: row.year, revenue: 0 };
      entry.revenue += row.auctionRevenue + row.reserveRevenue;
      perRunYear.set(k, entry);
    }
    for (const rows of groupBy([...perRunYear.values()], (e) => String(e.year)).values()) {
      const band = sampleBand(rows.map((e) => e.revenue));
      if (band !== null) points.push({ design: design.label, year: rows[0]!.year, q05: band.q05, q50: band.q50, q95: band.q95, mean: band.mean });
    }
  }
  return points.sort((a, b) => a.year - b.year);
}

export function auctionRevenueChart(designs: readonly DesignOutput[], currency: string, options: ChartOptions = {}): Plot.PlotOptions {
  const points = auctionRevenueData(designs);
  const scale = magnitude(largestOf(points.map((p) => p.q95)));
  const data = points.map((p) => ({ ...p, q05: p.q05 / scale.divisor, q50: p.q50 / scale.divisor, q95: p.q95 / scale.divisor }));
  return {
    title: 'Auction revenue by year',
    subtitle: 'Auctions and reserve sales, all schemes. Line: median over the runs; band: 5–95 % of runs.',
    ...chartFrame(options),
    height: 320,
    marginLeft: 60,
    x: yearScale(data.map((d) => d.year)),
    y: { label: `Revenue (${unitLabel(currency, scale)})`, grid: true, zero: true },
    color: designColor(designs.map((d) => d.label)),
    marks: [
      Plot.ruleY([0]),
      Plot.areaY(data, { x: 'year', y1: 'q05', y2: 'q95', fill: 'design', z: 'design', fillOpacity: 0.18 }),
      Plot.lineY(data, { x: 'year', y: 'q50', stroke: 'design', z: 'design', strokeWidth: 2, marker: 'circle', ...(options.interactive === true ? { tip: true } : {}) }),
    ],
  };
}
