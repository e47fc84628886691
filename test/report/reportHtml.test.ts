/**
 * The HTML report: self-contained (no script, no external resource), every scenario string escaped, every chart
 * drawn with marks, tables and notes present, the same bytes for the same output.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOutputDirectory } from '../../report/loadOutputDirectory.js';
import type { OutputData } from '../../report/outputData.js';
import { reportHtml } from '../../report/reportHtml.js';
import { fixtureComparison, temporaryDirectory, writeBatch, writeHostileScenario } from './support/fixtureOutput.js';

const HOSTILE = '<script>alert("owned")</script> & <b onmouseover=x>bold</b> \'quoted\'';

interface ElementLike {
  querySelectorAll(selector: string): ArrayLike<ElementLike>;
  getAttribute(name: string): string | null;
  getAttributeNames(): string[];
  textContent: string | null;
}

function parse(html: string): ElementLike {
  return parseHTML(html).document as unknown as ElementLike;
}

/** Marks drawn by a chart SVG: shapes inside a mark group (axes and grids are not marks). */
export function markCount(svg: ElementLike): number {
  let count = 0;
  for (const group of Array.from(svg.querySelectorAll('g[aria-label]'))) {
    const label = group.getAttribute('aria-label') ?? '';
    if (/axis|grid|tick|frame/.test(label)) continue;
    count += group.querySelectorAll('path, rect, circle, line, text').length;
  }
  return count;
}

/** No script, no event handler, no URL to fetch: what a self-contained report must not have. */
function expectSelfContained(html: string): void {
  expect(html).not.toMatch(/<script/i);
  const handlers = Array.from(parse(html).querySelectorAll('*')).flatMap((element) => element.getAttributeNames().filter((name) => name.toLowerCase().startsWith('on')));
  expect(handlers).toEqual([]);
  const urls = html.match(/https?:\/\/[^\s"'<>)]+/g) ?? [];
  expect(urls.filter((url) => url !== 'http://www.w3.org/2000/svg' && url !== 'http://www.w3.org/1999/xlink')).toEqual([]);
  expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">');
}

describe('report of a comparison', async () => {
  const data = await fixtureComparison();
  const html = reportHtml(data);
  const document = parse(html);

  it('is one self-contained page', () => {
    expectSelfContained(html);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(document.querySelectorAll('title')[0]?.textContent).toBe('Mixed-target test scenario — ets report');
  });

  it('has every chart, each an SVG with marks', () => {
    const sections = Array.from(document.querySelectorAll('section.chart'));
    expect(sections.map((s) => s.getAttribute('id'))).toEqual([
      'chart-price-fan', 'chart-abatement-cost-distribution', 'chart-average-price-distribution', 'chart-emissions-vs-cap',
      'chart-bank-borrowing', 'chart-credit-use', 'chart-credit-limits', 'chart-compliance-by-firm', 'chart-sector-burden',
      'chart-auction-revenue', 'chart-paired-differences',
    ]);
    for (const section of sections) {
      const svgs = Array.from(section.querySelectorAll('svg.ets-chart'));
      expect(svgs, section.getAttribute('id') ?? '').toHaveLength(1);
      expect(markCount(svgs[0]!), section.getAttribute('id') ?? '').toBeGreaterThan(0);
    }
  });

  it('labels axes with units and says what each chart shows', () => {
    expect(html).toContain('Allowance price (JPY/t)');
    expect(html).toContain('Credits used (% of limit)');
    expect(html).toContain('Line: median over the runs; band: 5–95 % of runs.');
  });

  it('has the summary, paired differences, schemes, firms that fell short and provenance', () => {
    const headings = Array.from(document.querySelectorAll('h2')).map((h) => h.textContent);
    for (const heading of ['Summary', 'Paired differences against base', 'Charts', 'Firms that fell short', 'Schemes', 'Provenance']) {
      expect(headings).toContain(heading);
    }
    expect(html).toContain('Comparison of 3 designs (base, no-banking, tighter), 12 paired runs each, seed 5.');
    expect(document.querySelectorAll('td[rowspan="3"]').length).toBe(8); // 8 summary metrics × 3 designs
  });

  it('is the same for the same output (no timestamp)', async () => {
    const again = await loadOutputDirectory(data.source, { scenarioBases: [process.cwd()] });
    expect(reportHtml(again)).toBe(html);
  });
});

describe('report of a scenario whose text is hostile', () => {
  let directory: string;
  let data: OutputData;
  beforeAll(async () => {
    directory = temporaryDirectory();
    const scenario = writeHostileScenario(directory, HOSTILE);
    await writeBatch(scenario, join(directory, 'out'));
    data = await loadOutputDirectory(join(directory, 'out'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('escapes the scenario name, description and scheme name everywhere', () => {
    expect(data.designs[0]!.manifest.scenario.name).toBe(HOSTILE);
    expect(data.designs[0]!.scenario?.schemes[0]?.name).toBe(`${HOSTILE} scheme`);
    const html = reportHtml(data);
    expectSelfContained(html);
    expect(html).not.toContain('<b onmouseover');
    expect(html).toContain('<h1>&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; &amp; &lt;b onmouseover=x&gt;bold&lt;/b&gt; &#39;quoted&#39;</h1>');
    const document = parse(html);
    expect(document.querySelectorAll('h1')[0]?.textContent).toBe(HOSTILE);
    expect(document.querySelectorAll('script')).toHaveLength(0);
    expect(document.querySelectorAll('b')).toHaveLength(0);
    expect(html).toContain(`${'&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;'} &amp; &lt;b onmouseover=x&gt;bold&lt;/b&gt; &#39;quoted&#39; scheme`);
  });
});

describe('report of output the charts cannot fully use', () => {
  it('leaves out compliance by firm without --detail firms, and credit limits without the scenario, and says so', async () => {
    const full = await fixtureComparison();
    const base = full.designs[0]!;
    const data: OutputData = { source: 'x', kind: 'batch', designs: [{ ...base, firms: null, scenario: null }], notes: ['design base: the scenario file x.yaml was not found'] };
    const html = reportHtml(data);
    expectSelfContained(html);
    expect(html).not.toContain('id="chart-compliance-by-firm"');
    expect(html).not.toContain('id="chart-credit-limits"');
    expect(html).not.toContain('id="chart-paired-differences"');
    expect(html).toContain('Compliance by firm: the batch was run without firm-level output (add --detail firms).');
    expect(html).toContain('How close credit use comes to its limit: the scenario file was not found or has changed, so the limits are unknown.');
    expect(html).toContain('design base: the scenario file x.yaml was not found');
    expect(html).toContain('Monte Carlo batch of 12 runs');
  });
});
