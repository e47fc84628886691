/**
 * A `<div>` holding HTML built by the report's table functions (every scenario string in it already escaped), for
 * display in a notebook cell. Browser only.
 */
import { escapeHtml } from '../../report/escapeHtml.js';
import type { OutputData } from '../../report/outputData.js';

interface HtmlElementLike {
  innerHTML: string;
  className: string;
}
declare const document: { createElement(tag: 'div'): HtmlElementLike };

const TABLE_STYLE = '<style>.ets-table { overflow-x: auto; } .ets-table table { font-size: 13px; } '
  + '.ets-table td.num, .ets-table th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }</style>';

/** A div with `html` inside; tables (className `ets-table`) get numbers right-aligned. */
export function htmlBlock(html: string, className = 'ets-block'): HtmlElementLike {
  const div = document.createElement('div');
  div.className = className;
  div.innerHTML = className === 'ets-table' ? TABLE_STYLE + html : html;
  return div;
}

interface ComparisonFile {
  format?: unknown;
  confidenceLevel?: unknown;
  rows?: { design?: unknown; metric?: unknown; unit?: unknown; baseMean?: unknown; designMean?: unknown; difference?: { mean?: unknown; ciLow?: unknown; ciHigh?: unknown } }[];
}

const number = (value: unknown): string => (typeof value === 'number' && Number.isFinite(value) ? value.toLocaleString('en-US', { maximumSignificantDigits: 4 }) : '–');
const text = (value: unknown): string => escapeHtml(typeof value === 'string' ? value : String(value ?? ''));

/**
 * The rows of comparison.json as `ets compare` printed them — every metric, including the cost of each sector —
 * or '' when the output has no comparison file.
 */
export function comparisonTableHtml(comparison: unknown): string {
  const file = comparison as ComparisonFile | null;
  if (file === null || typeof file !== 'object' || file.format !== 'ets-comparison/1' || !Array.isArray(file.rows)) return '';
  const level = typeof file.confidenceLevel === 'number' ? `${Math.round(100 * file.confidenceLevel)} %` : '';
  const rows = file.rows.map((row) => `<tr><td>${text(row.design)}</td><td>${text(row.metric)}</td><td>${text(row.unit)}</td>`
    + `<td class="num">${number(row.baseMean)}</td><td class="num">${number(row.designMean)}</td><td class="num">${number(row.difference?.mean)}</td>`
    + `<td class="num">${number(row.difference?.ciLow)} to ${number(row.difference?.ciHigh)}</td></tr>`).join('\n');
  return `<table><tr><th>design</th><th>metric</th><th>unit</th><th class="num">base mean</th><th class="num">design mean</th>`
    + `<th class="num">difference</th><th class="num">${text(level)} CI</th></tr>\n${rows}</table>`;
}

/** What the notebook shows: the folder, scenario, designs, runs and seed, and any loading notes (escaped HTML). */
export function dataDescriptionHtml(data: OutputData): string {
  const first = data.designs[0]?.manifest;
  if (first === undefined) return '<p>No designs in the staged data.</p>';
  const designs = data.designs.map((d) => `<code>${escapeHtml(d.label)}</code>`).join(', ');
  const kind = data.kind === 'compare' ? `a comparison of ${data.designs.length} designs (${designs}), paired runs` : `a batch of design ${designs}`;
  const notes = data.notes.length === 0 ? '' : `<ul class="ets-notes">${data.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`;
  return `<p>Showing <code>${escapeHtml(data.source)}</code>: <strong>${escapeHtml(first.scenario.name)}</strong>, ${kind}; `
    + `${first.runs} runs, seed ${first.seed}. Money in ${escapeHtml(first.scenario.currency)}, quantities in t CO2.</p>${notes}`;
}
