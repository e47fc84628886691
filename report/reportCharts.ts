/**
 * The key charts of a report, in reading order, each with a stable id. Charts that need data the output does not
 * have (credit limits without the scenario, compliance by firm without `--detail firms`, paired differences with
 * one design) are left out, and `omitted` says why.
 */
import type * as Plot from '@observablehq/plot';
import * as charts from './charts/index.js';
import { currencyOf, type OutputData } from './outputData.js';

export interface ReportChart {
  id: string;
  options: Plot.PlotOptions;
}

export interface ReportCharts {
  charts: ReportChart[];
  omitted: string[];
}

export function reportCharts(data: OutputData, options: charts.ChartOptions = {}): ReportCharts {
  const { designs } = data;
  const currency = currencyOf(data);
  const list: ReportChart[] = [];
  const omitted: string[] = [];
  const add = (id: string, make: () => Plot.PlotOptions): void => { list.push({ id, options: make() }); };

  add('price-fan', () => charts.priceFanChart(designs, currency, options));
  add('abatement-cost-distribution', () => charts.metricDistributionChart(designs, 'discountedAbatementCost', currency, options));
  add('average-price-distribution', () => charts.metricDistributionChart(designs, 'meanPrice', currency, options));
  add('emissions-vs-cap', () => charts.emissionsVsCapChart(designs, options));
  add('bank-borrowing', () => charts.bankBorrowingChart(designs, options));
  if (designs.some((d) => d.credits.length > 0)) {
    add('credit-use', () => charts.creditUseChart(designs, options));
    if (charts.creditUseData(designs).some((p) => p.utilisation !== null)) add('credit-limits', () => charts.creditLimitChart(designs, options));
    else omitted.push('How close credit use comes to its limit: the scenario file was not found or has changed, so the limits are unknown.');
  } else {
    omitted.push('Credit use: no scheme of this scenario accepts credits.');
  }
  if (designs.some((d) => d.firms !== null && d.firms.length > 0)) add('compliance-by-firm', () => charts.complianceByFirmChart(designs, options));
  else omitted.push('Compliance by firm: the batch was run without firm-level output (add --detail firms).');
  add('sector-burden', () => charts.sectorBurdenChart(designs, currency, options));
  add('auction-revenue', () => charts.auctionRevenueChart(designs, currency, options));
  if (designs.length > 1) add('paired-differences', () => charts.pairedDifferencesChart(designs, options));
  return { charts: list, omitted };
}
