/**
 * The tables of a report as HTML strings — summary statistics, paired differences, schemes, firms that fell short,
 * provenance — with every scenario string escaped. Shared by the report and the notebooks.
 */
import { describeSample } from '../io/describeSample.js';
import { complianceByTarget, firmComplianceData } from './charts/complianceByFirm.js';
import { COMPARED_METRICS, designDifferences } from './charts/pairedDifferences.js';
import { escapeHtml } from './escapeHtml.js';
import { formatDifference, formatRange, formatValue } from './formatValue.js';
import { metricName, metricUnit, SUMMARY_METRICS } from './metricLabels.js';
import type { DesignOutput } from './outputData.js';

const cell = (text: string, numeric = false): string => `<td${numeric ? ' class="num"' : ''}>${escapeHtml(text)}</td>`;
const headerCell = (text: string, numeric = false): string => `<th${numeric ? ' class="num"' : ''}>${escapeHtml(text)}</th>`;

export function provenanceTableHtml(designs: readonly DesignOutput[]): string {
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

export function summaryTableHtml(designs: readonly DesignOutput[], currency: string): string {
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

export function differencesTableHtml(designs: readonly DesignOutput[], currency: string): string {
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

export function schemesTableHtml(designs: readonly DesignOutput[]): string {
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

export function shortfallTableHtml(designs: readonly DesignOutput[]): string {
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
