/**
 * The HTML report of a batch or a comparison: one self-contained page — inline CSS, charts as inline SVG drawn by
 * Plot on the server, no script and no external resource (a Content-Security-Policy forbids both) — with the key
 * charts and summary tables, for readers who will not open a notebook. Every string that comes from a scenario
 * file is escaped; the page has no timestamp, so the same output gives the same report.
 */
import { escapeHtml } from './escapeHtml.js';
import { currencyOf, scenarioNameOf, type OutputData } from './outputData.js';
import { renderChart } from './renderChart.js';
import { reportCharts } from './reportCharts.js';
import { differencesTableHtml, provenanceTableHtml, schemesTableHtml, shortfallTableHtml, summaryTableHtml } from './reportTables.js';

export interface ReportHtmlOptions {
  /** Chart width in pixels. Default 720. */
  width?: number;
}

const STYLE = `
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1e23; margin: 0; background: #fff; }
main { max-width: 900px; margin: 0 auto; padding: 24px 20px 60px; }
h1 { font-size: 1.7rem; margin: 0.2em 0; }
h2 { font-size: 1.25rem; margin: 2em 0 0.5em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
figure { margin: 1.5em 0 2.5em; }
figure h2 { font-size: 1.05rem; border: none; margin: 0 0 0.2em; padding: 0; }
figure h3 { font-size: 0.88rem; font-weight: normal; color: #555; margin: 0 0 0.6em; }
figcaption { font-size: 0.82rem; color: #555; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.5em 0 1em; }
th, td { text-align: left; padding: 3px 10px 3px 0; border-bottom: 1px solid #eee; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.note { color: #7a4b00; background: #fff6e0; padding: 6px 10px; border-radius: 4px; font-size: 0.88rem; }
.muted { color: #666; font-size: 0.85rem; }
code { font-size: 0.85em; }
.wide { overflow-x: auto; }
`;

export function reportHtml(data: OutputData, options: ReportHtmlOptions = {}): string {
  const { designs } = data;
  const currency = currencyOf(data);
  const name = scenarioNameOf(data);
  const description = designs[0]?.scenario?.description ?? null;
  const { charts, omitted } = reportCharts(data, { ...(options.width === undefined ? {} : { width: options.width }) });
  const notes = [...data.notes, ...omitted];
  const runs = designs[0]?.manifest.runs ?? 0;
  const kind = data.kind === 'compare'
    ? `Comparison of ${designs.length} designs (${designs.map((d) => d.label).join(', ')}), ${runs} paired runs each`
    : `Monte Carlo batch of ${runs} runs`;
  const hasFirms = designs.some((d) => d.firms !== null);
  const sections = [
    `<h1>${escapeHtml(name)}</h1>`,
    `<p>${escapeHtml(kind)}, seed ${escapeHtml(String(designs[0]?.manifest.seed ?? ''))}. Money in ${escapeHtml(currency)}, quantities in tonnes of CO2; “discounted” sums use the scenario's discount rate.</p>`,
    description === null ? '' : `<p class="muted">${escapeHtml(description)}</p>`,
    notes.length === 0 ? '' : `<div class="note"><ul>${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></div>`,
    '<h2>Summary</h2>',
    summaryTableHtml(designs, currency),
    designs.length > 1 ? `<h2>Paired differences against ${escapeHtml(designs[0]!.label)}</h2>\n${differencesTableHtml(designs, currency)}` : '',
    '<h2>Charts</h2>',
    ...charts.map((chart) => `<section id="chart-${chart.id}" class="chart">\n${renderChart(chart.options).html}\n</section>`),
    hasFirms ? `<h2>Firms that fell short</h2>\n${shortfallTableHtml(designs)}` : '',
    '<h2>Schemes</h2>',
    schemesTableHtml(designs) || '<p class="muted">The scenario file was not found, so the schemes are not described.</p>',
    '<h2>Provenance</h2>',
    provenanceTableHtml(designs),
  ].filter((s) => s !== '');
  return renumberMarkers(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="ets report">
<title>${escapeHtml(`${name} — ets report`)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${sections.join('\n')}
</main>
</body>
</html>
`);
}

/**
 * Plot numbers its marker ids with a counter that runs over the whole process; renumbered from 1 in order of
 * appearance they stay unique in the page, and the same output gives the same bytes.
 */
export function renumberMarkers(html: string): string {
  const ids = new Map<string, number>();
  return html.replace(/plot-marker-\d+/g, (id) => {
    if (!ids.has(id)) ids.set(id, ids.size + 1);
    return `plot-marker-${ids.get(id)}`;
  });
}
