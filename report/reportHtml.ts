/**
 * The HTML report of a batch or a comparison: one self-contained page — inline CSS, charts as inline SVG drawn by
 * Plot on the server, no script and no external resource (a Content-Security-Policy forbids both) — with the key
 * charts and summary tables, for readers who will not open a notebook. Every string that comes from a scenario
 * file is escaped; the page has no timestamp, so the same output gives the same report.
 */
import { describeSample } from '../io/describeSample.js';
import { complianceByTarget, firmComplianceData } from './charts/complianceByFirm.js';
import { COMPARED_METRICS, designDifferences } from './charts/pairedDifferences.js';
import { escapeHtml } from './escapeHtml.js';
import { formatDifference, formatRange, formatValue } from './formatValue.js';
import { metricName, metricUnit, SUMMARY_METRICS } from './metricLabels.js';
import { currencyOf, scenarioNameOf, type DesignOutput, type OutputData } from './outputData.js';
import { renderChart } from './renderChart.js';
import { reportCharts } from './reportCharts.js';

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

const cell = (text: string, numeric = false): string => `<td${numeric ? ' class="num"' : ''}>${escapeHtml(text)}</td>`;
const headerCell = (text: string, numeric = false): string => `<th${numeric ? ' class="num"' : ''}>${escapeHtml(text)}</th>`;

function provenanceTable(designs: readonly DesignOutput[]): string {
  const rows = designs.map((d) => {
    const m = d.manifest;
    const overlays = m.design.overlays.map((o) => o.file).join(', ') || '—';
    return `<tr>${cell(d.label)}${cell(m.scenario.file)}${cell(overlays)}${cell(String(m.runs), true)}${cell(String(m.seed), true)}${cell(m.details.join(', ') || '—')}${cell(m.scenario.sha256.slice(0, 12))}</tr>`;
  }).join('\n');
  const first = designs[0]?.manifest.createdBy;
  const version = first === undefined ? '' : `ets-sim ${first.package?.version ?? 'unknown'}${first.gitCommit ? `, commit ${first.gitCommit.slice(0, 12)}` : ''}, Node ${first.node}`;
  return `<table>
<tr>${headerCell('design')}${headerCell('scenario file')}${headerCell('design overlays')}${headerCell('runs', true)}${headerCell('seed', true)}${headerCell('detail tables')}${headerCell('scenario SHA-256')}</tr>
${rows}
</table>
<p class="muted">Produced by ${escapeHtml(version)}. Every number below is read from the Arrow files listed in each design's <code>manifest.json</code>.</p>`;
}

function summaryTable(designs: readonly DesignOutput[], currency: string): string {
  const rows = SUMMARY_METRICS.flatMap((metric) => {
    const unit = metricUnit(metric, currency);
    return designs.map((d, k) => {
      const s = d.summary?.metrics[metric] ?? describeSample(d.runs.map((r) => r[metric]));
      const head = k === 0 ? `<td rowspan="${designs.length}">${escapeHtml(metricName(metric))}</td>` : '';
      return `<tr>${head}${cell(d.label)}${cell(formatValue(s.mean, unit), true)}${cell(formatRange(s.ciLow, s.ciHigh, unit), true)}${cell(formatRange(s.q05, s.q95, unit), true)}</tr>`;
    });
  }).join('\n');
  return `<div class="wide"><table>
<tr>${headerCell('metric')}${headerCell('design')}${headerCell('mean', true)}${headerCell('95 % CI of the mean', true)}${headerCell('5–95 % of runs', true)}</tr>
${rows}
</table></div>`;
}

function differencesTable(designs: readonly DesignOutput[], currency: string): string {
  const differences = designDifferences(designs);
  const rows = COMPARED_METRICS.flatMap((metric) => {
    const group = differences.filter((d) => d.metric === metric);
    const unit = metricUnit(metric, currency);
    return group.map((d, k) => {
      const head = k === 0 ? `<td rowspan="${group.length}">${escapeHtml(d.name)}</td>` : '';
      return `<tr>${head}${cell(d.design)}${cell(formatValue(d.baseMean, unit), true)}${cell(formatValue(d.designMean, unit), true)}`
        + `${cell(formatDifference(d.mean, unit), true)}${cell(`${formatDifference(d.ciLow, unit)} to ${formatDifference(d.ciHigh, unit)}`, true)}`
        + `${cell(d.shareLower === null ? '–' : `${(100 * d.shareLower).toFixed(0)} %`, true)}</tr>`;
    });
  }).join('\n');
  const base = designs[0]?.label ?? '';
  return `<div class="wide"><table>
<tr>${headerCell('metric')}${headerCell('design')}${headerCell(`${base} mean`, true)}${headerCell('design mean', true)}${headerCell('paired difference', true)}${headerCell('95 % CI', true)}${headerCell(`runs below ${base}`, true)}</tr>
${rows}
</table></div>
<p class="muted">Design − ${escapeHtml(base)}, run by run on the same futures (same seed and run ids), averaged; the interval is mean ± 1.96·sd/√n.</p>`;
}

function schemesTable(designs: readonly DesignOutput[]): string {
  const rows = designs.flatMap((d) => (d.scenario?.schemes ?? []).map((s) => {
    const credits = s.credits.map((c) => `${c.type}${c.share === null ? '' : ` ≤ ${(100 * c.share).toFixed(1)} % of emissions`}${c.tonnes === null ? '' : ` ≤ ${c.tonnes} t per firm`}`).join('; ') || 'none';
    return `<tr>${cell(d.label)}${cell(s.id)}${cell(s.name ?? '')}${cell(s.targetType)}${cell(String(s.firmCount), true)}${cell(s.bankingMode)}${cell(s.borrowingMode)}${cell(credits)}</tr>`;
  }));
  if (rows.length === 0) return '';
  return `<table>
<tr>${headerCell('design')}${headerCell('scheme')}${headerCell('name')}${headerCell('target')}${headerCell('firms', true)}${headerCell('banking')}${headerCell('borrowing')}${headerCell('credit limits')}</tr>
${rows.join('\n')}
</table>`;
}

function shortfallTable(designs: readonly DesignOutput[]): string {
  const short = firmComplianceData(designs).filter((f) => f.complianceRate < 100).sort((a, b) => a.complianceRate - b.complianceRate);
  if (short.length === 0) return '<p>Every firm complied in every run and period.</p>';
  const shown = short.slice(0, 20);
  const rows = shown.map((f) => `<tr>${cell(f.design)}${cell(f.firm)}${cell(f.scheme)}${cell(f.target)}${cell(`${f.complianceRate.toFixed(1)} %`, true)}${cell(formatValue(f.meanShortfall, 't'), true)}${cell(`${f.shortfallShare.toFixed(2)} %`, true)}</tr>`).join('\n');
  const byTarget = complianceByTarget(designs).map((s) => `${s.target} (${s.design}): ${s.complianceRate.toFixed(1)} %`).join('; ');
  return `<p>Compliance by target type, share of firm-periods: ${escapeHtml(byTarget)}.</p>
<table>
<tr>${headerCell('design')}${headerCell('firm')}${headerCell('scheme')}${headerCell('target')}${headerCell('compliant', true)}${headerCell('mean shortfall', true)}${headerCell('shortfall, % of emissions', true)}</tr>
${rows}
</table>${short.length > shown.length ? `<p class="muted">${short.length - shown.length} more firm-design pairs fell short at least once.</p>` : ''}`;
}

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
    summaryTable(designs, currency),
    designs.length > 1 ? `<h2>Paired differences against ${escapeHtml(designs[0]!.label)}</h2>\n${differencesTable(designs, currency)}` : '',
    '<h2>Charts</h2>',
    ...charts.map((chart) => `<section id="chart-${chart.id}" class="chart">\n${renderChart(chart.options).html}\n</section>`),
    hasFirms ? `<h2>Firms that fell short</h2>\n${shortfallTable(designs)}` : '',
    '<h2>Schemes</h2>',
    schemesTable(designs) || '<p class="muted">The scenario file was not found, so the schemes are not described.</p>',
    '<h2>Provenance</h2>',
    provenanceTable(designs),
  ].filter((s) => s !== '');
  return `<!doctype html>
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
`;
}
