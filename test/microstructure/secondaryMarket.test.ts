/**
 * The engine-facing entry point on the closed-form market (fixture.ts), the scenario bridge, and the output rows
 * and columns (checked by building an Arrow table).
 */
import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../model/engine/resolveScenario.js';
import { SimpleLedger } from '../../model/engine/unitLedger.js';
import { valuationOfFirm } from '../../model/microstructure/firmTraders.js';
import { indicatorRows, INDICATOR_COLUMNS, PERIOD_ROW_DAY, toColumns, TRADE_COLUMNS, tradeRows } from '../../model/microstructure/outputRows.js';
import { openingCash, runSecondaryMarket, type MicrostructureOptions } from '../../model/microstructure/secondaryMarket.js';
import { RunRandom } from '../../model/random/runRandom.js';
import { linearFirm, scenario } from '../support/buildScenario.js';
import { patternScenario } from './fixture.js';

function engineLike(n: number, options: MicrostructureOptions, referencePrice?: number) {
  const resolved = resolveScenario(patternScenario(n));
  const accounts = n + 1 + (options.intermediaries?.length ?? 0);
  const ledger = new SimpleLedger(accounts, 1);
  ledger.issue(0, 800 * n + 100 * (options.intermediaries?.length ?? 0));
  for (const firm of resolved.firms) ledger.distribute(0, firm.index, firm.fixedAllocation[0]!);
  for (const spec of options.intermediaries ?? []) ledger.distribute(0, spec.account, 100);
  const cash = openingCash(resolved, 0, options, accounts);
  const result = runSecondaryMarket({
    scenario: resolved, scheme: 0, period: 0, ledger, cash, feeAccount: n, random: new RunRandom(11, 0), options,
    ...(referencePrice === undefined ? {} : { referencePrice }),
  });
  return { resolved, ledger, cash, result };
}

describe('runSecondaryMarket', () => {
  const options: MicrostructureOptions = { venue: 'continuous', days: 10, roundsPerDay: 4, lotSize: 10, strategy: 'zeroIntelligence', fees: { rate: 0.001 } };

  it('trades the scheme\'s firms on the engine ledger and reports each firm\'s purchases, sales and remaining abatement', () => {
    const { resolved, ledger, result } = engineLike(8, options, 100);
    expect(result.session.trades.length).toBeGreaterThan(0);
    for (const outcome of result.firms) {
      const firm = resolved.firms[outcome.firm]!;
      expect(ledger.balance(outcome.firm)).toBe(firm.fixedAllocation[0]! + outcome.purchases - outcome.sales);
      expect(outcome.abatementNeeded).toBe(firm.emissionsPerOutput - ledger.balance(outcome.firm));
    }
    expect(result.price).toBe(result.session.period.benchmark);
    expect(Math.abs(result.price - 100)).toBeLessThan(20);
  });

  it('gives firms cash of baseline × maxPrice unless told, and runs intermediaries from their own accounts', () => {
    const withDealer: MicrostructureOptions = { ...options, cashPerFirm: 200_000, intermediaries: [{ id: 'broker', account: 9, initialPrice: 100, halfSpread: 2, lotsPerQuote: 1 }] };
    const { cash, result } = engineLike(8, withDealer, 100);
    expect(result.firms).toHaveLength(8);
    expect(result.session.traders.map((t) => t.id)).toContain('broker');
    expect(cash.accountCount).toBe(10);
    expect(openingCash(resolveScenario(patternScenario(4)), 0, options, 5).balance(0).toString()).toBe(String(600 * 1e7));
  });

  it('names the option path of a bad setting', () => {
    expect(() => engineLike(4, { ...options, strategy: 'zeroIntelligence' })).toThrow('market.microstructure.zeroIntelligence.maxPrice: is required without a reference price');
    expect(() => engineLike(4, { ...options, strategy: 'greedy' as never }, 100)).toThrow('market.microstructure.strategy: must be "zeroIntelligence" or "adaptive", got greedy');
    expect(() => engineLike(4, { ...options, fees: { rate: -1 } }, 100)).toThrow('market.microstructure.fees.rate: must be a finite number ≥ 0, got -1');
    expect(() => engineLike(4, { ...options, strategy: 'adaptive', adaptive: { width: 3 } }, 100)).toThrow('market.microstructure.adaptive.width: must be a number from 0 to 1, got 3');
  });
});

describe('valuationOfFirm', () => {
  it('uses the scheme\'s penalty as the shortfall price, else the market\'s maxPrice', () => {
    const withPenalty = resolveScenario(scenario({
      periods: { start: 2026, count: 1 },
      discountRate: 0,
      firms: [linearFirm('A', 100, 2, { mac: { type: 'linear', slope: 2, maxAbatement: 30 } })],
      schemes: [{ id: 'ets', target: { type: 'absolute', cap: 60 }, allocation: [{ method: 'grandfathering', baseYears: [2025], reduction: { initial: 0.4 } }], priceControls: { penalty: { price: 500 } } }],
    }));
    const v = valuationOfFirm(withPenalty, withPenalty.firms[0]!, 0);
    expect([v.baseline, v.maxAbatement, v.shortfallPrice]).toEqual([100, 30, 500]);
    // Holding 60: a = 40 > 30 ⇒ the 41st…31st tonnes are short, worth the penalty.
    expect(v.marginalValue(60)).toBe(500);
    const plain = resolveScenario(patternScenario(4));
    expect(valuationOfFirm(plain, plain.firms[0]!, 0).shortfallPrice).toBe(plain.maxPrice);
    expect(() => valuationOfFirm(plain, plain.firms[0]!, 1)).toThrow('period: must be a period index from 0 to 0, got 1');
  });
});

describe('output rows and Arrow columns', () => {
  const { result } = engineLike(8, { venue: 'continuous', days: 5, roundsPerDay: 3, lotSize: 10, strategy: 'zeroIntelligence' }, 100);
  const key = { scenario: 'test', seed: 11, run: 0, scheme: 'ets', year: 2026 };

  it('writes one trade row per trade with firm ids, and daily rows plus a period row', () => {
    const trades = tradeRows(key, result.session, (account) => `F${account}`);
    expect(trades).toHaveLength(result.session.trades.length);
    expect(trades[0]).toMatchObject({ ...key, venue: 'continuous', sequence: 0 });
    expect(trades[0]!.buyer).toMatch(/^F\d$/);
    const daily = indicatorRows(key, result.session);
    expect(daily).toHaveLength(6);
    expect(daily[5]).toMatchObject({ day: PERIOD_ROW_DAY, volume: result.session.period.volume });
  });

  it('turns rows into typed columns an Arrow table accepts', () => {
    const trades = tradeRows(key, result.session, (account) => `F${account}`);
    const columns = toColumns(trades, TRADE_COLUMNS);
    expect(columns.price).toBeInstanceOf(Float64Array);
    expect(columns.day).toBeInstanceOf(Int32Array);
    expect(Array.isArray(columns.buyer)).toBe(true);
    const table = tableFromArrays(columns as never);
    expect(table.numRows).toBe(trades.length);
    expect(table.getChild('price')!.get(0)).toBe(trades[0]!.price);
    const indicators = tableFromArrays(toColumns(indicatorRows(key, result.session), INDICATOR_COLUMNS) as never);
    expect(indicators.numCols).toBe(INDICATOR_COLUMNS.length);
  });
});
