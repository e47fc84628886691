/**
 * Snapshot tests of the report's charts: every chart of the committed fixture comparison (real `ets compare`
 * output; see fixtures/README.md) rendered on the server — a figure with title, legend, SVG and caption — with numbers
 * rounded to one decimal so that float noise does not break them. A changed snapshot is a changed chart: open the
 * .html file in a browser and look at it before accepting it with `npx vitest run test/report -u`.
 */
import { describe, expect, it } from 'vitest';
import { renderChart } from '../../report/renderChart.js';
import { renumberMarkers } from '../../report/reportHtml.js';
import { reportCharts } from '../../report/reportCharts.js';
import { fixtureComparison } from './support/fixtureOutput.js';

/** Every decimal number rounded to one decimal ("12.3456" → "12.3", "-0.04" → "0"). */
export function roundNumbers(markup: string): string {
  return markup.replace(/-?\d+\.\d+/g, (text) => {
    const rounded = Number(Number(text).toFixed(1));
    return String(Object.is(rounded, -0) ? 0 : rounded);
  });
}

describe('report charts (SVG snapshots, rounded)', async () => {
  const data = await fixtureComparison();
  const { charts, omitted } = reportCharts(data);

  it('draws every chart of a comparison with firm-level output and a known scenario', () => {
    expect(omitted).toEqual([]);
    expect(charts.map((c) => c.id)).toEqual([
      'price-fan', 'abatement-cost-distribution', 'average-price-distribution', 'emissions-vs-cap', 'bank-borrowing',
      'credit-use', 'credit-limits', 'compliance-by-firm', 'sector-burden', 'auction-revenue', 'paired-differences',
    ]);
  });

  for (const { id, options } of charts) {
    it(`${id} matches its snapshot`, async () => {
      const markup = renumberMarkers(roundNumbers(renderChart(options).html));
      expect(markup).toMatch(/<svg [^>]*class="ets-chart"/);
      await expect(`${markup}\n`).toMatchFileSnapshot(`./__snapshots__/${id}.html`);
    });
  }

  it('rounds float noise away but keeps real differences', () => {
    expect(roundNumbers('<path d="M10.04999999,3.0000001L-0.0001,2.26">')).toBe('<path d="M10,3L0,2.3">');
    expect(roundNumbers('x="12.36"')).not.toBe(roundNumbers('x="12.46"'));
  });
});
