/**
 * Compliance by firm, absolute against intensity targets: the share of runs × periods in which each firm met its
 * obligation, one panel per target type (from the scheme covering the firm), drawn as a beeswarm (one dot per firm
 * and design). Needs firm-level output (`--detail firms`).
 */
import * as Plot from '@observablehq/plot';
import type { DesignOutput } from '../outputData.js';
import { groupBy } from '../sampleBand.js';
import { chartFrame, distinct, type ChartOptions } from './chartOptions.js';
import { designColor } from './chartScales.js';

export interface FirmCompliance {
  design: string;
  firm: string;
  scheme: string;
  /** 'Absolute target', 'Intensity target', or 'Scheme <id>' when the scenario is not known. */
  target: string;
  /** Percentage of run-periods compliant. */
  complianceRate: number;
  /** Mean shortfall over the run-periods, t: tonnes not surrendered, paid with the penalty or still owed (0 when always compliant). */
  meanShortfall: number;
  /** Shortfall as a percentage of the firm's emissions, mean over the run-periods. */
  shortfallShare: number;
}

/** Up to this many firms the dots are large; more are drawn smaller. */
export const MAX_FIRM_DOTS = 40;

const TARGET_LABELS = { absolute: 'Absolute target', intensity: 'Intensity target' } as const;

export function firmComplianceData(designs: readonly DesignOutput[]): FirmCompliance[] {
  const out: FirmCompliance[] = [];
  for (const design of designs) {
    if (design.firms === null) continue;
    const targets = new Map((design.scenario?.schemes ?? []).map((s) => [s.id, TARGET_LABELS[s.targetType]]));
    for (const rows of groupBy(design.firms, (row) => row.firm).values()) {
      const { firm, scheme } = rows[0]!;
      let compliant = 0;
      let shortfall = 0;
      let shortfallShare = 0;
      for (const row of rows) {
        if (row.compliant) compliant++;
        const missing = row.penaltyTonnes + Math.max(0, -row.complianceBalance);
        shortfall += missing;
        shortfallShare += row.emissions > 0 ? (100 * missing) / row.emissions : 0;
      }
      out.push({
        design: design.label, firm, scheme,
        target: targets.get(scheme) ?? `Scheme ${scheme}`,
        complianceRate: (100 * compliant) / rows.length,
        meanShortfall: shortfall / rows.length,
        shortfallShare: shortfallShare / rows.length,
      });
    }
  }
  return out;
}

/** Per target type: the percentage of firm-periods compliant, by design (for captions and tables). */
export function complianceByTarget(designs: readonly DesignOutput[]): { design: string; target: string; firms: number; complianceRate: number }[] {
  const data = firmComplianceData(designs);
  return [...groupBy(data, (d) => `${d.design}\u0000${d.target}`).values()].map((rows) => ({
    design: rows[0]!.design,
    target: rows[0]!.target,
    firms: rows.length,
    complianceRate: rows.reduce((sum, d) => sum + d.complianceRate, 0) / rows.length,
  }));
}

export function complianceByFirmChart(designs: readonly DesignOutput[], options: ChartOptions = {}): Plot.PlotOptions {
  const data = firmComplianceData(designs);
  const targets = distinct(data.map((d) => d.target)).sort();
  const labels = designs.map((d) => d.label);
  const firms = distinct(data.map((d) => d.firm)).length;
  const radius = firms <= MAX_FIRM_DOTS ? 5 : 2.5;
  // A beeswarm: dots at the same rate stack; the tallest possible stack is every dot of one panel at one rate.
  const largestPanel = Math.max(1, ...targets.map((t) => data.filter((d) => d.target === t).length));
  const panelHeight = Math.min(360, Math.max(90, largestPanel * radius * 2 + 30));
  const summary = complianceByTarget(designs)
    .map((s) => `${s.target}${labels.length > 1 ? ` (${s.design})` : ''}: ${s.firms} firms, ${s.complianceRate.toFixed(1)} % of firm-periods compliant`)
    .join('; ');
  return {
    title: 'Compliance by firm: absolute against intensity targets',
    subtitle: 'One dot per firm (and design): the share of runs × periods in which it surrendered enough allowances and credits.',
    caption: summary === '' ? null : `${summary}.`,
    ...chartFrame(options),
    height: 70 + targets.length * panelHeight,
    marginLeft: 20,
    marginRight: 20,
    x: { label: 'Compliant (% of run-periods)', domain: [0, 100], grid: true },
    fy: { label: null, domain: targets, axis: null },
    color: designColor(labels),
    marks: [
      Plot.ruleX([100], { stroke: '#999', strokeDasharray: '3,3' }),
      Plot.text(targets, { fy: (target: string) => target, text: (target: string) => target, frameAnchor: 'top-left', dy: 2, fontSize: 12, fontWeight: 'bold' }),
      Plot.dot(data, Plot.dodgeY({
        x: 'complianceRate', fy: 'target', fill: 'design', stroke: 'white', strokeWidth: 0.5, r: radius, anchor: 'middle',
        ...(options.interactive === true ? { tip: true, channels: { firm: 'firm', scheme: 'scheme', shortfall: 'meanShortfall' } } : {}),
      })),
    ],
  };
}
