/** The notebooks' browser library: its HTML helpers escape scenario text and read comparison.json as written. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparisonTableHtml, dataDescriptionHtml } from '../../notebooks/lib/ets.js';
import { COMPARE_OUTPUT, fixtureComparison } from '../report/support/fixtureOutput.js';

describe('notebook library', async () => {
  const data = await fixtureComparison();

  it('describes the data shown, escaping the scenario name', () => {
    expect(dataDescriptionHtml(data)).toBe(
      `<p>Showing <code>${data.source}</code>: <strong>Mixed-target test scenario</strong>, a comparison of 3 designs `
      + '(<code>base</code>, <code>no-banking</code>, <code>tighter</code>), paired runs; 12 runs, seed 5. Money in JPY, quantities in t CO2.</p>',
    );
    const base = data.designs[0]!;
    const hostile = { ...data, notes: ['<i>note</i>'], designs: [{ ...base, manifest: { ...base.manifest, scenario: { ...base.manifest.scenario, name: '<script>x</script>' } } }] };
    const html = dataDescriptionHtml(hostile);
    expect(html).toContain('<strong>&lt;script&gt;x&lt;/script&gt;</strong>');
    expect(html).toContain('<li>&lt;i&gt;note&lt;/i&gt;</li>');
    expect(html).not.toContain('<script');
  });

  it('tabulates comparison.json row by row, and nothing for other files', () => {
    const comparison = JSON.parse(readFileSync(join(COMPARE_OUTPUT, 'comparison.json'), 'utf8')) as { rows: unknown[] };
    const html = comparisonTableHtml(comparison);
    expect(html.match(/<tr>/g)).toHaveLength(comparison.rows.length + 1);
    expect(html).toContain('<th class="num">95 % CI</th>');
    expect(html).toContain('<td>tighter</td><td>cost of steel</td>');
    expect(comparisonTableHtml(null)).toBe('');
    expect(comparisonTableHtml({ format: 'other', rows: [] })).toBe('');
    expect(comparisonTableHtml({ format: 'ets-comparison/1', rows: [{ design: '<b>', metric: 'm', unit: 'u', difference: {} }] })).toContain('<td>&lt;b&gt;</td>');
  });
});
