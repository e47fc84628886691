/**
 * What the notebooks import: the loader for the site's staged batch output, the report's chart functions (pure:
 * output → Plot options) and its HTML tables (scenario text escaped).
 */
export { loadIndex, loadOutput, NotebookLoadError } from './loadOutput.js';
export * from '../../report/charts/index.js';
export { reportCharts } from '../../report/reportCharts.js';
export { differencesTableHtml, schemesTableHtml, shortfallTableHtml, summaryTableHtml, provenanceTableHtml } from '../../report/reportTables.js';
export { escapeHtml } from '../../report/escapeHtml.js';
export { currencyOf, scenarioNameOf } from '../../report/outputData.js';
export { metricName, metricUnit, SUMMARY_METRICS } from '../../report/metricLabels.js';
export { comparisonTableHtml, dataDescriptionHtml, htmlBlock } from './htmlBlock.js';
