/**
 * Credit use by type, and how close it comes to its limit. A scheme's limit for a credit type is per firm:
 * min(share × the firm's emissions, tonnes) in allowance equivalents (model/agents/firmChoice.ts), summed over
 * the firms of the scheme. With firm-level output (`--detail firms`) the sum is exact; without it, a share limit
 * alone is exact (share × the scheme's emissions) and a tonne limit is taken as tonnes × the number of firms,
 * which overstates the limit when both apply (the point is then marked approximate).
 */
import * as Plot from '@observablehq/plot';
import type { DesignOutput, FirmRow } from '../outputData.js';
import { groupBy, sampleBand } from '../sampleBand.js';
import type { CreditLimitDigest } from '../scenarioDigest.js';
import { chartFrame, distinct, type ChartOptions } from './chartOptions.js';
import { designColor, largestOf, magnitude, unitLabel, yearScale } from './chartScales.js';

export interface CreditUsePoint {
  design: string;
  scheme: string;
  creditType: string;
  year: number;
  /** Mean over the runs of the credits used, t of allowance equivalent. */
  meanUsed: number;
  /** Credits used as a percentage of the limit: median and 5–95 % over the runs; null without a known limit. */
  utilisation: { q05: number; q50: number; q95: number } | null;
  /** True when the limit is an upper bound (tonne and share limits together, no firm-level output). */
  approximate: boolean;
}

const key = (...parts: (string | number)[]): string => parts.join('\u0000');

function firmLimit(rule: CreditLimitDigest, emissions: number): number {
  return Math.min(Math.min(rule.share ?? 1, 1) * Math.max(emissions, 0), rule.tonnes ?? Number.POSITIVE_INFINITY);
}

export function creditUseData(designs: readonly DesignOutput[]): CreditUsePoint[] {
  const points: CreditUsePoint[] = [];
  for (const design of designs) {
    const schemes = new Map((design.scenario?.schemes ?? []).map((s) => [s.id, s]));
    const schemeEmissions = new Map(design.markets.map((row) => [key(row.run, row.period, row.scheme), row.emissions]));
    const firmsByPeriod: Map<string, FirmRow[]> | null = design.firms === null ? null : groupBy(design.firms, (row) => key(row.run, row.period, row.scheme));
    const groups = groupBy(design.credits, (row) => key(row.scheme, row.creditType, row.year));
    for (const rows of groups.values()) {
      const { scheme, creditType, year } = rows[0]!;
      const rule = schemes.get(scheme)?.credits.find((c) => c.type === creditType);
      const firmCount = schemes.get(scheme)?.firmCount ?? 0;
      let approximate = false;
      const shares: number[] = [];
      let sumUsed = 0;
      for (const row of rows) {
        sumUsed += row.creditsUsed;
        if (rule === undefined) continue;
        const firms = firmsByPeriod?.get(key(row.run, row.period, scheme));
        let limit: number;
        if (firms !== undefined) {
          limit = 0;
          for (const firm of firms) limit += firmLimit(rule, firm.emissions);
        } else {
          const emissions = schemeEmissions.get(key(row.run, row.period, scheme)) ?? Number.NaN;
          limit = Math.min(rule.share ?? 1, 1) * emissions;
          if (rule.tonnes !== null) {
            approximate ||= rule.share !== null;
            limit = Math.min(rule.share === null ? Number.POSITIVE_INFINITY : limit, rule.tonnes * firmCount);
          }
        }
        if (limit > 0) shares.push((100 * row.creditsUsed) / limit);
      }
      const band = sampleBand(shares);
      points.push({
        design: design.label, scheme, creditType, year,
        meanUsed: sumUsed / rows.length,
        utilisation: band === null ? null : { q05: band.q05, q50: band.q50, q95: band.q95 },
        approximate,
      });
    }
  }
  return points.sort((a, b) => a.year - b.year);
}

/** Mean credits used per year, stacked by credit type; one panel per design (and per scheme when several). */
export function creditUseChart(designs: readonly DesignOutput[], options: ChartOptions = {}): Plot.PlotOptions {
  const points = creditUseData(designs);
  const scale = magnitude(largestOf(points.map((p) => p.meanUsed)));
  const data = points.map((p) => ({ ...p, used: p.meanUsed / scale.divisor }));
  const schemes = distinct(points.map((p) => p.scheme));
  const labels = designs.map((d) => d.label);
  return {
    title: 'Credit use by type',
    subtitle: 'Credits surrendered for compliance, mean over the runs, in allowance equivalents. One panel per design.',
    ...chartFrame(options),
    height: 100 + 220 * Math.max(1, schemes.length),
    marginLeft: 60,
    x: { label: 'Year', type: 'band', tickFormat: 'd' },
    y: { label: `Credits used (${unitLabel('t', scale)})`, grid: true },
    fx: { label: null, domain: labels },
    ...(schemes.length > 1 ? { fy: { label: 'Scheme' } } : {}),
    color: { label: 'Credit type', legend: true, scheme: 'set2' },
    marks: [
      Plot.barY(data, { x: 'year', y: 'used', fill: 'creditType', fx: 'design', ...(schemes.length > 1 ? { fy: 'scheme' } : {}), ...(options.interactive === true ? { tip: true } : {}) }),
      Plot.ruleY([0]),
    ],
  };
}

/** Credits used as a percentage of the limit (median and 5–95 % band), per credit type; 100 % is the limit. */
export function creditLimitChart(designs: readonly DesignOutput[], options: ChartOptions = {}): Plot.PlotOptions {
  const points = creditUseData(designs).filter((p) => p.utilisation !== null);
  const data = points.map((p) => ({ design: p.design, scheme: p.scheme, creditType: p.creditType, year: p.year, approximate: p.approximate, ...p.utilisation! }));
  const schemes = distinct(data.map((p) => p.scheme));
  const types = distinct(data.map((p) => p.creditType));
  const approximate = data.some((p) => p.approximate);
  const facet = { fx: 'creditType', ...(schemes.length > 1 ? { fy: 'scheme' } : {}) };
  return {
    title: 'How close credit use comes to its limit',
    subtitle: 'Credits used as a percentage of the scheme\'s limit for that type (Σ over firms of min(share × emissions, tonnes)). Median; band 5–95 % of runs.',
    ...(approximate ? { caption: 'Approximate: without firm-level output (--detail firms) a limit with both a share and a tonne cap is taken as the smaller of share × emissions and tonnes × firms.' } : {}),
    ...chartFrame(options),
    height: 80 + 220 * Math.max(1, schemes.length),
    marginLeft: 60,
    x: { ...yearScale(data.map((p) => p.year)) },
    y: { label: 'Credits used (% of limit)', grid: true, domain: [0, Math.max(105, ...data.map((p) => p.q95))] },
    fx: { label: 'Credit type', domain: types },
    ...(schemes.length > 1 ? { fy: { label: 'Scheme' } } : {}),
    color: designColor(designs.map((d) => d.label)),
    marks: [
      Plot.ruleY([100], { stroke: '#c0392b', strokeDasharray: '4,3' }),
      Plot.areaY(data, { x: 'year', y1: 'q05', y2: 'q95', fill: 'design', z: 'design', fillOpacity: 0.15, ...facet }),
      Plot.lineY(data, { x: 'year', y: 'q50', stroke: 'design', z: 'design', strokeWidth: 2, marker: 'circle', ...facet, ...(options.interactive === true ? { tip: true } : {}) }),
      Plot.ruleY([0]),
    ],
  };
}
