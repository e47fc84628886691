// The human summary's number formatting: en-US separators whatever the machine locale, the currency's own decimals,
// n/a for NaN (a cost-efficiency ratio with no abatement needed), and a fallback for non-ISO currency codes.
import { describe, expect, it } from 'vitest';
import { formatSummary, numberFormats } from '../../cli/formatSummary.js';
import { formatTable } from '../../cli/formatTable.js';
import type { RunResult, SchemePeriodResult } from '../../model/engine/runResult.js';
import { parseScenario } from '../../model/scenario/parseScenario.js';
import { minimalScenario } from '../scenario/fixtures.js';

describe('numberFormats', () => {
  it('JPY: no decimals, yen sign, thousands separators', () => {
    const formats = numberFormats('JPY');
    expect(formats.money(1234567.6)).toBe('¥1,234,568');
    expect(formats.amount(2280.4)).toBe('2,280');
    expect(formats.tonnes(303343495.2)).toBe('303,343,495');
    expect(formats.ratio(1.0000000002)).toBe('1.000');
    expect(formats.percent(0.995)).toBe('99.5 %');
  });

  it('USD and EUR: two decimals', () => {
    expect(numberFormats('USD').money(1234.5)).toBe('$1,234.50');
    expect(numberFormats('EUR').amount(80)).toBe('80.00');
  });

  it('a code that is not ISO 4217-shaped falls back to "amount CODE"', () => {
    expect(numberFormats('tCO2e-pts').money(1234.5)).toBe('1,234.50 tCO2e-pts');
  });

  it('NaN and infinities are n/a; -0 after rounding is 0', () => {
    const formats = numberFormats('JPY');
    expect(formats.ratio(Number.NaN)).toBe('n/a');
    expect(formats.money(Number.POSITIVE_INFINITY)).toBe('n/a');
    expect(formats.tonnes(-0.2)).toBe('0');
  });
});

describe('formatTable', () => {
  it('aligns text left and numbers right, two spaces apart', () => {
    expect(formatTable([{ header: 'year' }, { header: 'price', align: 'right' }], [['2026', '1,700'], ['2027', '12,345']], '  ')).toBe(
      '  year   price\n  2026   1,700\n  2027  12,345\n',
    );
  });
});

describe('formatSummary', () => {
  it('prints one table per scheme with periods in order, then the metrics', () => {
    const scenario = parseScenario(minimalScenario(), 'x.yaml');
    const row = (period: number, price: number): SchemePeriodResult => ({
      scheme: 'main', period, year: 2026 + period, price, supply: 100, emissions: 110.4, baselineEmissions: 120, abatement: 9.6,
      freeAllocationGrandfathering: 100, freeAllocationBenchmark: 0, auctionOffered: 0, auctionSold: 0, auctionRevenue: 0,
      reserveSold: 0, reserveRevenue: 0, volumeTraded: 3, creditsUsed: { jc: 1.5, jcm: 2 }, creditPrices: {}, bank: 1234567,
      borrowing: 0, forfeited: 0, penaltyTonnes: 0, penaltyPaid: 0, netImports: 0, abatementCost: 50,
    });
    const result: RunResult = {
      scenario: 'minimal', seed: 7, years: [2026, 2027], marketMode: 'sequential',
      schemes: [row(1, 2500), row(0, 2400)], firms: [],
      metrics: {
        discountedAbatementCost: 98.7, discountedComplianceCost: 100, leastCostAbatementCost: 98.7, costEfficiencyRatio: Number.NaN,
        totalEmissions: 220.8, totalAbatement: 19.2, auctionRevenue: 0, meanPrice: 2450, complianceRate: 0.5,
      },
    };
    expect(formatSummary(result, scenario)).toBe([
      'minimal — seed 7, market solved period by period',
      '',
      'Scheme main — absolute cap',
      '  year  price JPY/t  emissions t  supply t  abatement t  auction revenue JPY  credits t     bank t  borrowing t',
      '  2026        2,400          110       100           10                    0          4  1,234,567            0',
      '  2027        2,500          110       100           10                    0          4  1,234,567            0',
      '',
      'Run metrics',
      '  metric                      value',
      '  discounted abatement cost   ¥99',
      '  least-cost abatement cost   ¥99',
      '  cost-efficiency ratio       n/a (1 = least cost)',
      '  compliance rate             50.0 % of firm-periods',
      '  discounted compliance cost  ¥100',
      '  total emissions             221 t',
      '  total abatement             19 t',
      '  auction revenue             ¥0',
      '  mean price                  ¥2,450/t',
      '',
    ].join('\n'));
  });
});
