/**
 * The human summary of one run: a table per scheme with one row per period, then the run metrics. Numbers use
 * thousands separators (en-US, so the output does not depend on the machine's locale); money uses the scenario's
 * currency and that currency's usual decimals (none for JPY); tonnes are whole tonnes.
 */
import type { RunResult, SchemePeriodResult } from '../model/engine/runResult.js';
import type { Scenario } from '../model/scenario/schema.js';
import { formatTable, type TableColumn } from './formatTable.js';

const NOT_AVAILABLE = 'n/a';

/** Number formatting for one currency. */
export interface NumberFormats {
  /** A money amount with the currency's symbol: `¥1,234,567`. */
  money(value: number): string;
  /** A money amount without symbol, with the currency's decimals: `1,234,567`. */
  amount(value: number): string;
  /** Whole tonnes: `12,345,678`. */
  tonnes(value: number): string;
  /** A plain ratio with three decimals: `1.000`. */
  ratio(value: number): string;
  /** A share as a percentage: `99.5 %`. */
  percent(value: number): string;
}

function finiteOr(format: (value: number) => string): (value: number) => string {
  return (value) => (Number.isFinite(value) ? format(value) : NOT_AVAILABLE);
}

export function numberFormats(currency: string): NumberFormats {
  let money: Intl.NumberFormat | undefined;
  try {
    money = new Intl.NumberFormat('en-US', { style: 'currency', currency, currencyDisplay: 'narrowSymbol' });
  } catch {
    money = undefined; // not an ISO 4217 code: fall back to "1,234.00 XYZ"
  }
  const decimals = money?.resolvedOptions().maximumFractionDigits ?? 2;
  const amount = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  const ratio = new Intl.NumberFormat('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const percent = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  // Rounding can print "-0": show it as 0.
  const clean = (text: string): string => (/^-[^1-9]*$/.test(text) ? text.slice(1) : text);
  return {
    money: finiteOr((value) => clean(money ? money.format(value) : `${amount.format(value)} ${currency}`)),
    amount: finiteOr((value) => clean(amount.format(value))),
    tonnes: finiteOr((value) => clean(whole.format(value))),
    ratio: finiteOr((value) => clean(ratio.format(value))),
    percent: finiteOr((value) => `${clean(percent.format(value * 100))} %`),
  };
}

function sumValues(record: Record<string, number>): number {
  let total = 0;
  for (const value of Object.values(record)) total += value;
  return total;
}

function schemeTable(rows: readonly SchemePeriodResult[], currency: string, formats: NumberFormats): string {
  const columns: TableColumn[] = [
    { header: 'year' },
    { header: `price ${currency}/t`, align: 'right' },
    { header: 'emissions t', align: 'right' },
    { header: 'supply t', align: 'right' },
    { header: 'abatement t', align: 'right' },
    { header: `auction revenue ${currency}`, align: 'right' },
    { header: 'credits t', align: 'right' },
    { header: 'bank t', align: 'right' },
    { header: 'borrowing t', align: 'right' },
  ];
  const cells = rows.map((row) => [
    String(row.year),
    formats.amount(row.price),
    formats.tonnes(row.emissions),
    formats.tonnes(row.supply),
    formats.tonnes(row.abatement),
    formats.amount(row.auctionRevenue),
    formats.tonnes(sumValues(row.creditsUsed)),
    formats.tonnes(row.bank),
    formats.tonnes(row.borrowing),
  ]);
  return formatTable(columns, cells, '  ');
}

export function formatSummary(result: RunResult, scenario: Scenario): string {
  const formats = numberFormats(scenario.currency);
  const parts: string[] = [];
  parts.push(`${result.scenario} — seed ${result.seed}, market solved ${result.marketMode === 'intertemporal' ? 'intertemporally (perfect foresight)' : 'period by period'}\n`);

  const schemeIds = [...new Set(result.schemes.map((row) => row.scheme))];
  for (const schemeId of schemeIds) {
    const spec = scenario.schemes.find((scheme) => scheme.id === schemeId);
    const rows = result.schemes.filter((row) => row.scheme === schemeId).sort((a, b) => a.period - b.period);
    const target = spec === undefined ? '' : spec.target.type === 'absolute' ? ' — absolute cap' : ' — intensity target';
    parts.push(`\nScheme ${schemeId}${spec?.name === undefined ? '' : `: ${spec.name}`}${target}\n`);
    parts.push(schemeTable(rows, scenario.currency, formats));
  }

  const metrics = result.metrics;
  const metricRows: [string, string][] = [
    ['discounted abatement cost', formats.money(metrics.discountedAbatementCost)],
    ['least-cost abatement cost', formats.money(metrics.leastCostAbatementCost)],
    ['cost-efficiency ratio', `${formats.ratio(metrics.costEfficiencyRatio)} (1 = least cost)`],
    ['compliance rate', `${formats.percent(metrics.complianceRate)} of firm-periods`],
    ['discounted compliance cost', formats.money(metrics.discountedComplianceCost)],
    ['total emissions', `${formats.tonnes(metrics.totalEmissions)} t`],
    ['total abatement', `${formats.tonnes(metrics.totalAbatement)} t`],
    ['auction revenue', formats.money(metrics.auctionRevenue)],
    ['mean price', `${formats.money(metrics.meanPrice)}/t`],
  ];
  parts.push('\nRun metrics\n');
  parts.push(formatTable([{ header: 'metric' }, { header: 'value' }], metricRows, '  '));
  return parts.join('');
}
