/**
 * The Arrow files of a batch, read back with apache-arrow, hold exactly what the in-memory runs produce:
 * `simulate(realizeScenario(scenario, seed, run), { seed })` for each run. Sector rows and transactions are checked
 * against values computed independently here from the firm rows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC, type Table } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FirmPeriodResult, RunResult } from '../../model/engine/runResult.js';
import { simulate } from '../../model/engine/simulate.js';
import { realizeScenario } from '../../model/uncertainty/realizeScenario.js';
import { TABLES, type TableName } from '../../io/tables.js';
import { runBatch, type BatchOutcome } from '../../workers/runBatch.js';
import { batchScenario, design, temporaryDirectory } from './support/batchScenario.js';

const SEED = 7;
const RUNS = 12;
const scenario = batchScenario();
let directory: string;
let outcome: BatchOutcome;
let expected: RunResult[];
const tables = new Map<TableName, Table>();

beforeAll(async () => {
  directory = temporaryDirectory();
  outcome = await runBatch({ designs: [design(scenario)], seed: SEED, runs: RUNS, chunkRuns: 5, workers: 1, out: directory, details: ['firms', 'transactions'] });
  for (const table of TABLES) tables.set(table.name, tableFromIPC(readFileSync(join(directory, table.file))));
  expected = Array.from({ length: RUNS }, (_, run) => simulate(realizeScenario(scenario, SEED, run), { seed: SEED }));
});

const column = (table: TableName, name: string): unknown[] => [...tables.get(table)!.getChild(name)!].map((v) => (typeof v === 'bigint' ? Number(v) : v));

describe('Arrow output read back', () => {
  it('writes every table, one record batch per chunk (5 + 5 + 2 runs)', () => {
    expect(outcome.plan).toMatchObject({ runs: 12, chunkRuns: 5, chunkCount: 3 });
    for (const table of TABLES) expect(tables.get(table.name)!.batches).toHaveLength(3);
  });

  it('schemas carry the documented types, units and descriptions', () => {
    const markets = tables.get('markets')!.schema;
    expect(markets.metadata.get('ets.table')).toBe('markets');
    const price = markets.fields.find((f) => f.name === 'price')!;
    expect(String(price.type)).toBe('Float64');
    expect(price.metadata.get('unit')).toBe('currency/t');
    expect(String(markets.fields.find((f) => f.name === 'scheme')!.type)).toBe('Dictionary<Int32, Utf8>');
    expect(String(markets.fields.find((f) => f.name === 'run')!.type)).toBe('Uint32');
    expect(String(tables.get('firms')!.schema.fields.find((f) => f.name === 'compliant')!.type)).toBe('Bool');
  });

  it('runs table: one row per run, metrics equal to the in-memory runs', () => {
    expect(column('runs', 'run')).toEqual(expected.map((_, run) => run));
    expect(column('runs', 'seed')).toEqual(expected.map(() => SEED));
    expect(column('runs', 'marketMode')).toEqual(expected.map((r) => r.marketMode));
    for (const metric of Object.keys(expected[0]!.metrics) as (keyof RunResult['metrics'])[]) {
      expect(column('runs', metric), metric).toEqual(expected.map((r) => r.metrics[metric]));
    }
  });

  it('markets table: every scheme-period row of every run, field by field', () => {
    const rows = expected.flatMap((r, run) => r.schemes.map((row) => ({ run, row })));
    expect(column('markets', 'run')).toEqual(rows.map((x) => x.run));
    expect(column('markets', 'scheme')).toEqual(rows.map((x) => x.row.scheme));
    expect(column('markets', 'year')).toEqual(rows.map((x) => x.row.year));
    for (const name of ['price', 'supply', 'emissions', 'abatement', 'auctionRevenue', 'bank', 'penaltyPaid', 'abatementCost'] as const) {
      expect(column('markets', name), name).toEqual(rows.map((x) => x.row[name]));
    }
    expect(column('markets', 'creditsUsed')).toEqual(rows.map((x) => x.row.creditsUsed.jcredit));
  });

  it('credits table: used and price per eligible credit type; the price follows the drawn multiplier', () => {
    const rows = expected.flatMap((r) => r.schemes);
    expect(column('credits', 'creditType')).toEqual(rows.map(() => 'jcredit'));
    expect(column('credits', 'creditPrice')).toEqual(rows.map((row) => row.creditPrices.jcredit));
    expect(column('credits', 'creditsUsed')).toEqual(rows.map((row) => row.creditsUsed.jcredit));
    const prices = column('credits', 'creditPrice') as number[];
    expect(new Set(prices).size).toBeGreaterThan(10);
    for (const price of prices) expect(price >= 1.5 && price <= 4.5).toBe(true); // 3 × U(0.5, 1.5)
  });

  it('firms table (opt-in): every firm-period row, all fields', () => {
    const rows = expected.flatMap((r, run) => r.firms.map((row) => ({ run, row })));
    expect(tables.get('firms')!.numRows).toBe(RUNS * 7 * 3);
    expect(column('firms', 'firm')).toEqual(rows.map((x) => x.row.firm));
    expect(column('firms', 'sector')).toEqual(rows.map((x) => x.row.sector));
    expect(column('firms', 'compliant')).toEqual(rows.map((x) => x.row.compliant));
    const fields = Object.keys(rows[0]!.row).filter((k) => typeof rows[0]!.row[k as keyof FirmPeriodResult] === 'number' && k !== 'period' && k !== 'year') as (keyof FirmPeriodResult)[];
    expect(fields.length).toBeGreaterThan(15);
    for (const name of fields) expect(column('firms', name), name).toEqual(rows.map((x) => x.row[name]));
    expect(column('firms', 'firm').slice(0, 7)).toEqual(['s1', 's2', 'p1', 'p2', 'p3', 'cement-1', 'cement-2']);
  });

  it('sectors table: sums over the sector\'s firms, costs discounted at the scenario rate', () => {
    const r = 0.04;
    const sectorOrder = ['steel', 'power', 'cement'];
    const expectedRows = expected.flatMap((result) => sectorOrder.map((sector) => {
      const rows = result.firms.filter((f) => f.sector === sector);
      const price = (row: FirmPeriodResult) => result.schemes.find((s) => s.scheme === row.scheme && s.period === row.period)!.price;
      let total = 0;
      let allowance = 0;
      for (const row of rows) {
        const d = (1 + r) ** -row.period;
        allowance += d * price(row) * (row.purchases - row.sales);
        total += d * (row.abatementCost + row.creditCost + row.penaltyPaid + price(row) * (row.purchases - row.sales));
      }
      return { sector, firms: rows.filter((x) => x.period === 0).length, emissions: rows.reduce((a, x) => a + x.emissions, 0), allowance, total };
    }));
    expect(column('sectors', 'sector')).toEqual(expectedRows.map((x) => x.sector));
    expect(column('sectors', 'firms')).toEqual(expectedRows.map((x) => x.firms));
    const close = (actual: unknown[], wanted: number[]) => actual.forEach((v, k) => expect(Math.abs((v as number) - wanted[k]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(wanted[k]!))));
    close(column('sectors', 'emissions'), expectedRows.map((x) => x.emissions));
    close(column('sectors', 'discountedNetAllowanceCost'), expectedRows.map((x) => x.allowance));
    close(column('sectors', 'discountedTotalCost'), expectedRows.map((x) => x.total));
  });

  it('transactions table (opt-in): ledger flows agree with the firm rows', () => {
    const kinds = column('transactions', 'kind') as string[];
    const runs = column('transactions', 'run') as number[];
    const periods = column('transactions', 'period') as number[];
    const from = column('transactions', 'from') as (string | null)[];
    const to = column('transactions', 'to') as (string | null)[];
    const quantity = column('transactions', 'quantity') as number[];
    expect(new Set(kinds)).toEqual(new Set(['issue', 'distribute', 'transfer', 'surrender', 'cancelUnissued', 'lapse']));
    expect(from.some((x) => x === null) && to.some((x) => x === null)).toBe(true);
    for (const [run, result] of expected.entries()) {
      for (const row of result.firms) {
        // Free allocation and auction purchases reach the firm from the issuance account.
        let distributed = 0;
        let surrendered = 0;
        for (let k = 0; k < kinds.length; k++) {
          if (runs[k] !== run || periods[k] !== row.period) continue;
          if (kinds[k] === 'distribute' && to[k] === row.firm) distributed += quantity[k]!;
          if (kinds[k] === 'surrender' && from[k] === row.firm) surrendered += quantity[k]!;
        }
        expect(Math.abs(distributed - row.freeAllocation - row.auctionPurchases)).toBeLessThan(1e-6);
        expect(Math.abs(surrendered - (row.emissions - row.creditsUsed - row.penaltyTonnes))).toBeLessThan(1e-6);
      }
    }
    expect(from).toContain('<issuance:ets>');
  });
});
