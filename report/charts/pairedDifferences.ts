/**
 * Paired differences of each design against the baseline (the first design), for the main run-level metrics, as a
 * percentage of the baseline's mean so that metrics in different units share one axis: a dot for the mean
 * difference, a thick bar for its 95 % confidence interval and a thin line for 5–95 % of the run-by-run
 * differences.
 */
import * as Plot from '@observablehq/plot';
import { metricName, type RunMetric } from '../metricLabels.js';
import type { DesignOutput } from '../outputData.js';
import { pairedMetricDifference, type PairedDifference } from '../pairedDifferences.js';
import { chartFrame, type ChartOptions } from './chartOptions.js';
import { designColor } from './chartScales.js';

export const COMPARED_METRICS: readonly RunMetric[] = [
  'meanPrice', 'discountedAbatementCost', 'discountedComplianceCost', 'costEfficiencyRatio', 'totalEmissions', 'auctionRevenue', 'complianceRate',
];

export interface DesignDifference extends PairedDifference {
  design: string;
  base: string;
  name: string;
}

export function designDifferences(designs: readonly DesignOutput[], metrics: readonly RunMetric[] = COMPARED_METRICS): DesignDifference[] {
  const [base, ...others] = designs;
  if (base === undefined) return [];
  return others.flatMap((design) => metrics.map((metric) => ({
    design: design.label, base: base.label, name: metricName(metric), ...pairedMetricDifference(base.runs, design.runs, metric),
  })));
}

/** A difference as a percentage of the baseline mean (null when the baseline mean is 0 or unknown). */
export function relative(value: number | null, baseMean: number | null): number | null {
  return value === null || baseMean === null || baseMean === 0 ? null : (100 * value) / Math.abs(baseMean);
}

export function pairedDifferencesChart(designs: readonly DesignOutput[], options: ChartOptions = {}): Plot.PlotOptions {
  const differences = designDifferences(designs);
  const data = differences.flatMap((d) => {
    const mean = relative(d.mean, d.baseMean);
    if (mean === null) return [];
    return [{
      design: d.design, name: d.name, mean,
      ciLow: relative(d.ciLow, d.baseMean) ?? mean, ciHigh: relative(d.ciHigh, d.baseMean) ?? mean,
      q05: relative(d.q05, d.baseMean) ?? mean, q95: relative(d.q95, d.baseMean) ?? mean,
    }];
  });
  const labels = designs.map((d) => d.label);
  const others = labels.slice(1);
  const names = COMPARED_METRICS.map(metricName).filter((name) => data.some((d) => d.name === name));
  const base = labels[0] ?? '';
  return {
    title: `Paired differences against ${base}`,
    subtitle: 'Design − baseline, run by run, as % of the baseline mean. Dot: mean; thick bar: 95 % confidence interval; thin line: 5–95 % of runs.',
    ...chartFrame(options),
    height: 60 + names.length * (24 + 22 * Math.max(1, others.length)),
    marginLeft: 20,
    marginRight: 90,
    x: { label: `Difference from ${base} (% of ${base} mean)`, grid: true },
    y: { label: null, domain: others, axis: null },
    fy: { label: null, domain: names, padding: 0.25 },
    facet: { data, y: 'name' },
    color: designColor(labels),
    marks: [
      Plot.ruleX([0], { stroke: '#555' }),
      Plot.ruleY(data, { y: 'design', x1: 'q05', x2: 'q95', stroke: 'design', strokeOpacity: 0.5, strokeWidth: 1.5 }),
      Plot.ruleY(data, { y: 'design', x1: 'ciLow', x2: 'ciHigh', stroke: 'design', strokeWidth: 5 }),
      Plot.dot(data, { y: 'design', x: 'mean', fill: 'design', stroke: 'white', r: 5, ...(options.interactive === true ? { tip: true } : {}) }),
      Plot.text(data, { y: 'design', x: 'q95', text: 'design', textAnchor: 'start', dx: 6, fontSize: 10 }),
      Plot.axisFy({ anchor: 'left', label: null, textAnchor: 'start', dx: 6, dy: -14, frameAnchor: 'top-left', tickSize: 0 }),
    ],
  };
}
