/**
 * Distribution of one run-level metric over the runs, by design: a histogram per design (one row each) with the
 * median marked.
 */
import * as Plot from '@observablehq/plot';
import { metricName, metricUnit, type RunMetric } from '../metricLabels.js';
import type { DesignOutput } from '../outputData.js';
import { sampleBand } from '../sampleBand.js';
import { chartFrame, type ChartOptions } from './chartOptions.js';
import { designColor, largestOf, magnitude, unitLabel } from './chartScales.js';

export interface MetricValue {
  design: string;
  run: number;
  value: number;
}

export function metricDistributionChart(designs: readonly DesignOutput[], metric: RunMetric, currency: string, options: ChartOptions = {}): Plot.PlotOptions {
  const raw = designs.flatMap((design) => design.runs.map((row) => ({ design: design.label, run: row.run, value: row[metric] })));
  const finite = raw.filter((d) => Number.isFinite(d.value));
  const unit = metricUnit(metric, currency);
  const scale = unit === 'ratio' || unit === 'share' || unit.endsWith('/t') ? { divisor: 1, word: '' } : magnitude(largestOf(finite.map((d) => d.value)));
  const data: MetricValue[] = finite.map((d) => ({ ...d, value: d.value / scale.divisor }));
  const medians = designs.flatMap((design) => {
    const band = sampleBand(data.filter((d) => d.design === design.label).map((d) => d.value));
    return band === null ? [] : [{ design: design.label, median: band.q50 }];
  });
  const labels = designs.map((d) => d.label);
  const excluded = raw.length - finite.length;
  return {
    title: `${metricName(metric)}: distribution over the runs`,
    subtitle: 'Runs per bin, one row per design; the black line is the median.',
    ...(excluded > 0 ? { caption: `${excluded} run(s) without a finite value are left out.` } : {}),
    ...chartFrame(options),
    height: 50 + 90 * labels.length,
    marginLeft: 60,
    marginRight: 90,
    x: { label: `${metricName(metric)} (${unitLabel(unit, scale)})`, grid: true },
    y: { label: 'Runs', grid: true },
    fy: { label: null, domain: labels },
    color: designColor(labels),
    marks: [
      Plot.rectY(data, { ...Plot.binX<Plot.RectYOptions>({ y: 'count' }, { x: 'value', fill: 'design', fillOpacity: 0.75, thresholds: 20, ...(options.interactive === true ? { tip: true } : {}) }), fy: 'design' }),
      Plot.ruleX(medians, { x: 'median', fy: 'design', stroke: 'black', strokeWidth: 2 }),
      Plot.ruleY([0]),
    ],
  };
}
