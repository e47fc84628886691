/**
 * Cost by sector (burden): who pays, mean over the runs, split into abatement, credits, penalties and net allowance
 * payments (negative for net sellers), with the total marked. One panel per design.
 */
import * as Plot from '@observablehq/plot';
import type { DesignOutput, SectorRow } from '../outputData.js';
import { groupBy } from '../sampleBand.js';
import { chartFrame, distinct, type ChartOptions } from './chartOptions.js';
import { largestOf, magnitude, unitLabel } from './chartScales.js';

export const BURDEN_COMPONENTS = [
  ['discountedAbatementCost', 'Abatement'],
  ['discountedNetAllowanceCost', 'Allowances (net)'],
  ['discountedCreditCost', 'Credits'],
  ['discountedPenaltyPaid', 'Penalties'],
] as const satisfies readonly (readonly [keyof SectorRow, string])[];

export interface BurdenPart {
  design: string;
  sector: string;
  component: string;
  /** Mean over the runs, currency (discounted). */
  cost: number;
}

export function sectorBurdenData(designs: readonly DesignOutput[]): { parts: BurdenPart[]; totals: { design: string; sector: string; cost: number }[] } {
  const parts: BurdenPart[] = [];
  const totals: { design: string; sector: string; cost: number }[] = [];
  for (const design of designs) {
    for (const rows of groupBy(design.sectors, (row) => row.sector).values()) {
      const mean = (field: keyof SectorRow): number => rows.reduce((sum, row) => sum + (row[field] as number), 0) / rows.length;
      for (const [field, component] of BURDEN_COMPONENTS) parts.push({ design: design.label, sector: rows[0]!.sector, component, cost: mean(field) });
      totals.push({ design: design.label, sector: rows[0]!.sector, cost: mean('discountedTotalCost') });
    }
  }
  return { parts, totals };
}

export function sectorBurdenChart(designs: readonly DesignOutput[], currency: string, options: ChartOptions = {}): Plot.PlotOptions {
  const { parts, totals } = sectorBurdenData(designs);
  const scale = magnitude(largestOf([...parts.map((p) => p.cost), ...totals.map((t) => t.cost)]));
  const labels = designs.map((d) => d.label);
  const sectors = distinct(parts.map((p) => p.sector));
  return {
    title: 'Cost by sector (burden)',
    subtitle: 'Mean over the runs, discounted. Bars: components (allowances net of sales, negative for net sellers); black tick: total.',
    ...chartFrame(options),
    height: 70 + labels.length * (30 + 28 * sectors.length),
    marginLeft: 90,
    marginRight: 100,
    x: { label: `Cost (${unitLabel(currency, scale)})`, grid: true },
    y: { label: null, domain: sectors },
    fy: { label: null, domain: labels },
    color: { label: 'Cost component', legend: true, domain: BURDEN_COMPONENTS.map(([, name]) => name), scheme: 'tableau10' },
    marks: [
      Plot.barX(parts.map((p) => ({ ...p, cost: p.cost / scale.divisor })), { x: 'cost', y: 'sector', fy: 'design', fill: 'component', ...(options.interactive === true ? { tip: true } : {}) }),
      Plot.tickX(totals.map((t) => ({ ...t, cost: t.cost / scale.divisor })), { x: 'cost', y: 'sector', fy: 'design', stroke: 'black', strokeWidth: 2.5 }),
      Plot.ruleX([0]),
    ],
  };
}
