/**
 * Collects the rows of the runs of one chunk into columns, table by table, in the order of `tables.ts`.
 * Row fields with the column's name are copied as they are; the rest is derived here: `creditsUsed` of a market row
 * (Σ over credit types), the credit rows (one per eligible type), and the sector rows (sums over the sector's firms,
 * costs discounted with the scenario's rate, allowance payments at the price of the firm's scheme).
 */
import type { FirmPeriodResult, RunResult, SchemePeriodResult } from '../model/engine/runResult.js';
import { ColumnBuffer } from './columnBuffer.js';
import { MARKET_MODES, type OutputCatalog } from './outputCatalog.js';
import type { TransactionRecorder } from './transactionRecorder.js';
import type { ColumnDefinition, TableDefinition, TableName } from './tables.js';

type Buffers = Record<string, ColumnBuffer>;
type NumericRow = Record<string, unknown>;

/** Float columns computed here rather than copied from a row field (metrics for `runs`) of the same name. */
const DERIVED_FLOATS: Record<TableName, 'all' | readonly string[]> = {
  runs: [],
  sectors: 'all',
  markets: ['creditsUsed'],
  credits: 'all',
  firms: [],
  transactions: 'all',
};

/** Float columns that are copied from the row field of the same name. */
function copiedFloats(table: TableDefinition): string[] {
  const derived = DERIVED_FLOATS[table.name];
  if (derived === 'all') return [];
  return table.columns.filter((c) => c.kind === 'float64' && !derived.includes(c.name)).map((c) => c.name);
}

function buffersOf(table: TableDefinition, capacity: number): Buffers {
  const buffers: Buffers = {};
  for (const column of table.columns) buffers[column.name] = new ColumnBuffer(column.kind, capacity);
  return buffers;
}

export class EncodingError extends Error {
  override readonly name = 'EncodingError';
}

export class ChunkTables {
  private readonly buffers = new Map<TableName, Buffers>();
  private readonly floats = new Map<TableName, string[]>();
  readonly tables: readonly TableDefinition[];

  /** @param expectedRuns runs in the chunk, to size the buffers (they grow as needed). */
  constructor(private readonly catalog: OutputCatalog, tables: readonly TableDefinition[], expectedRuns: number) {
    this.tables = tables;
    const firms = catalog.values.firm.length;
    for (const table of tables) {
      const perRun = table.name === 'runs' ? 1 : table.name === 'sectors' ? catalog.values.sector.length : table.name === 'firms' || table.name === 'transactions' ? firms * 4 : 16;
      this.buffers.set(table.name, buffersOf(table, Math.min(1 << 22, expectedRuns * perRun)));
      this.floats.set(table.name, copiedFloats(table));
    }
  }

  /** Columns of a table in definition order. */
  columns(table: TableName): ColumnBuffer[] {
    const buffers = this.buffers.get(table)!;
    return this.tables.find((t) => t.name === table)!.columns.map((c: ColumnDefinition) => buffers[c.name]!);
  }

  rowCount(table: TableName): number {
    const buffers = this.buffers.get(table)!;
    return buffers.seed!.length;
  }

  private index(map: ReadonlyMap<string, number>, key: string, what: string): number {
    const k = map.get(key);
    if (k === undefined) throw new EncodingError(`${what} "${key}" is not in the output catalog of the scenario`);
    return k;
  }

  /** Adds one run. `transactions`: the ledger the run settled through, when the transactions table is written. */
  addRun(seed: number, run: number, result: RunResult, discountRate: number, transactions: TransactionRecorder | null): void {
    const { catalog } = this;
    const runs = this.buffers.get('runs');
    if (runs !== undefined) {
      runs.seed!.push(seed);
      runs.run!.push(run);
      runs.marketMode!.push(MARKET_MODES.indexOf(result.marketMode));
      const metrics = result.metrics as unknown as NumericRow;
      for (const name of this.floats.get('runs')!) runs[name]!.push(metrics[name] as number);
    }

    const markets = this.buffers.get('markets');
    const credits = this.buffers.get('credits');
    for (const row of result.schemes) {
      const scheme = this.index(catalog.schemeIndex, row.scheme, 'scheme');
      if (markets !== undefined) {
        markets.seed!.push(seed);
        markets.run!.push(run);
        markets.period!.push(row.period);
        markets.year!.push(row.year);
        markets.scheme!.push(scheme);
        const fields = row as unknown as NumericRow;
        for (const name of this.floats.get('markets')!) markets[name]!.push(fields[name] as number);
        let used = 0;
        for (const type in row.creditsUsed) used += row.creditsUsed[type]!;
        markets.creditsUsed!.push(used);
      }
      if (credits !== undefined) {
        for (const type in row.creditPrices) {
          credits.seed!.push(seed);
          credits.run!.push(run);
          credits.period!.push(row.period);
          credits.year!.push(row.year);
          credits.scheme!.push(scheme);
          credits.creditType!.push(this.index(catalog.creditTypeIndex, type, 'credit type'));
          credits.creditsUsed!.push(row.creditsUsed[type] ?? 0);
          credits.creditPrice!.push(row.creditPrices[type]!);
        }
      }
    }

    const firms = this.buffers.get('firms');
    if (firms !== undefined) {
      const names = this.floats.get('firms')!;
      for (const row of result.firms) {
        firms.seed!.push(seed);
        firms.run!.push(run);
        firms.period!.push(row.period);
        firms.year!.push(row.year);
        firms.firm!.push(this.index(catalog.firmIndex, row.firm, 'firm'));
        firms.sector!.push(this.index(catalog.sectorIndex, row.sector, 'sector'));
        firms.scheme!.push(this.index(catalog.schemeIndex, row.scheme, 'scheme'));
        const fields = row as unknown as NumericRow;
        for (const name of names) firms[name]!.push(fields[name] as number);
        firms.compliant!.push(row.compliant ? 1 : 0);
      }
    }

    const sectors = this.buffers.get('sectors');
    if (sectors !== undefined) this.addSectors(sectors, seed, run, result.firms, result.schemes, discountRate);

    const ledger = this.buffers.get('transactions');
    if (ledger !== undefined) {
      if (transactions === null) throw new EncodingError('the transactions table needs the run\'s recorded ledger');
      const periods = transactions.periods.values();
      const kinds = transactions.kinds.values();
      const schemes = transactions.schemes.values();
      const from = transactions.from.values();
      const to = transactions.to.values();
      const quantities = transactions.quantities.values();
      for (let k = 0; k < transactions.length; k++) {
        ledger.seed!.push(seed);
        ledger.run!.push(run);
        ledger.period!.push(periods[k]!);
        ledger.year!.push(result.years[periods[k]!] ?? 0);
        ledger.sequence!.push(k);
        ledger.kind!.push(kinds[k]!);
        ledger.scheme!.push(schemes[k]!);
        ledger.from!.push(from[k]!);
        ledger.to!.push(to[k]!);
        ledger.quantity!.push(quantities[k]!);
      }
    }
  }

  private addSectors(sectors: Buffers, seed: number, run: number, firmRows: readonly FirmPeriodResult[], schemeRows: readonly SchemePeriodResult[], discountRate: number): void {
    const { catalog } = this;
    const count = catalog.values.sector.length;
    const price = new Map<string, number>();
    for (const row of schemeRows) price.set(`${row.scheme}\u0000${row.period}`, row.price);
    const sums = Array.from({ length: 9 }, () => new Float64Array(count));
    const [emissions, abatement, free, abatementCost, creditCost, penalty, allowanceCost, total] = sums;
    const firmCount = new Uint32Array(count);
    for (const row of firmRows) {
      const s = this.index(catalog.sectorIndex, row.sector, 'sector');
      const discount = 1 / (1 + discountRate) ** row.period;
      const allowance = (price.get(`${row.scheme}\u0000${row.period}`) ?? 0) * (row.purchases - row.sales);
      emissions![s]! += row.emissions;
      abatement![s]! += row.abatement;
      free![s]! += row.freeAllocation;
      abatementCost![s]! += discount * row.abatementCost;
      creditCost![s]! += discount * row.creditCost;
      penalty![s]! += discount * row.penaltyPaid;
      allowanceCost![s]! += discount * allowance;
      total![s]! += discount * (row.abatementCost + row.creditCost + row.penaltyPaid + allowance);
      if (row.period === 0) firmCount[s]! += 1;
    }
    for (let s = 0; s < count; s++) {
      sectors.seed!.push(seed);
      sectors.run!.push(run);
      sectors.sector!.push(s);
      sectors.firms!.push(firmCount[s]!);
      sectors.emissions!.push(emissions![s]!);
      sectors.abatement!.push(abatement![s]!);
      sectors.freeAllocation!.push(free![s]!);
      sectors.discountedAbatementCost!.push(abatementCost![s]!);
      sectors.discountedCreditCost!.push(creditCost![s]!);
      sectors.discountedPenaltyPaid!.push(penalty![s]!);
      sectors.discountedNetAllowanceCost!.push(allowanceCost![s]!);
      sectors.discountedTotalCost!.push(total![s]!);
    }
  }
}
