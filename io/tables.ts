/**
 * The output contract of a batch: every table, column, Arrow type and unit. The Arrow schemas (`arrowSchemas.ts`),
 * the encoders (`encodeRun.ts`) and docs/output-schema.md all follow this list; a test checks that the document
 * names every column with its type and unit.
 *
 * All tables are long format keyed by run identity (seed, run) first. Money is in the scenario's currency
 * (`currency`), quantities in tonnes of CO2 (t), "discounted" means Σ_t x_t / (1 + r)^t with the scenario's
 * discount rate r and t the period index (0 for the first period).
 */

export type ColumnKind = 'float64' | 'uint32' | 'uint16' | 'bool' | 'dictionary';

/** String columns are dictionary-encoded; their values come from the scenario (see `outputCatalog.ts`). */
export type DictionaryName = 'firm' | 'sector' | 'scheme' | 'creditType' | 'marketMode' | 'transactionKind' | 'account';

export interface ColumnDefinition {
  name: string;
  kind: ColumnKind;
  /** Unit as written in the docs and in the Arrow field metadata (`unit`); '' for identifiers and flags. */
  unit: string;
  description: string;
  dictionary?: DictionaryName;
  /** Only dictionary columns may be null (transactions: an account that does not exist for the kind). */
  nullable?: boolean;
}

export type TableName = 'runs' | 'sectors' | 'markets' | 'credits' | 'firms' | 'transactions';

export interface TableDefinition {
  name: TableName;
  /** File name in the output directory. */
  file: string;
  /** What one row is. */
  grain: string;
  description: string;
  /** Written only when asked for (`--detail firms`, `--detail transactions`). */
  optIn: boolean;
  columns: readonly ColumnDefinition[];
}

const f = (name: string, unit: string, description: string): ColumnDefinition => ({ name, kind: 'float64', unit, description });
const d = (name: string, dictionary: DictionaryName, description: string, nullable = false): ColumnDefinition =>
  ({ name, kind: 'dictionary', unit: '', description, dictionary, ...(nullable ? { nullable } : {}) });

const SEED = { name: 'seed', kind: 'uint32', unit: '', description: 'Seed of the batch (`--seed`); with `run` it identifies the run.' } as const satisfies ColumnDefinition;
const RUN = { name: 'run', kind: 'uint32', unit: '', description: 'Run index 0 … runs − 1; run r of seed s draws the same uncertain inputs in every design.' } as const satisfies ColumnDefinition;
const PERIOD = { name: 'period', kind: 'uint16', unit: '', description: 'Period index, 0 for the first period.' } as const satisfies ColumnDefinition;
const YEAR = { name: 'year', kind: 'uint16', unit: 'year', description: 'Calendar or fiscal year of the period.' } as const satisfies ColumnDefinition;

export const RUNS_TABLE: TableDefinition = {
  name: 'runs',
  file: 'runs.arrow',
  grain: 'one row per run',
  description: 'Run-level metrics.',
  optIn: false,
  columns: [
    SEED, RUN,
    d('marketMode', 'marketMode', 'How the market was solved: `intertemporal` (perfect-foresight equilibrium) or `sequential`.'),
    f('discountedAbatementCost', 'currency', 'Σ abatement cost over firms and periods, discounted.'),
    f('discountedComplianceCost', 'currency', 'Total cost: abatement + credit purchases + penalties, discounted (allowance payments are transfers).'),
    f('leastCostAbatementCost', 'currency', 'Least discounted abatement cost reaching the same cumulative emissions with the same outputs.'),
    f('costEfficiencyRatio', 'ratio', 'discountedAbatementCost / leastCostAbatementCost (1 = least cost; NaN when no abatement is needed).'),
    f('totalEmissions', 't', 'Covered emissions after abatement, all firms and periods.'),
    f('totalAbatement', 't', 'Abatement, all firms and periods.'),
    f('auctionRevenue', 'currency', 'Revenue from auctions and reserve sales, all periods (not discounted).'),
    f('meanPrice', 'currency/t', 'Mean allowance price over periods and schemes.'),
    f('complianceRate', 'share', 'Share of firm-periods that were compliant (0–1).'),
  ],
};

export const SECTORS_TABLE: TableDefinition = {
  name: 'sectors',
  file: 'sectors.arrow',
  grain: 'one row per run × sector',
  description: 'Burden by sector: who pays, in each run.',
  optIn: false,
  columns: [
    SEED, RUN,
    d('sector', 'sector', 'Sector id.'),
    { name: 'firms', kind: 'uint32', unit: 'count', description: 'Number of firms in the sector.' },
    f('emissions', 't', 'Covered emissions after abatement, all periods.'),
    f('abatement', 't', 'Abatement, all periods.'),
    f('freeAllocation', 't', 'Free allowances received, all periods.'),
    f('discountedAbatementCost', 'currency', 'Abatement cost, discounted.'),
    f('discountedCreditCost', 'currency', 'Payments for credits used, discounted.'),
    f('discountedPenaltyPaid', 'currency', 'Penalties paid, discounted.'),
    f('discountedNetAllowanceCost', 'currency', 'Net payments for allowances (auction and market purchases − sales) at the price of the firm\'s scheme, discounted.'),
    f('discountedTotalCost', 'currency', 'Burden: abatement + credits + penalties + net allowance payments, discounted.'),
  ],
};

export const MARKETS_TABLE: TableDefinition = {
  name: 'markets',
  file: 'markets.arrow',
  grain: 'one row per run × period × scheme',
  description: 'Period-level market results of each scheme.',
  optIn: false,
  columns: [
    SEED, RUN, PERIOD, YEAR,
    d('scheme', 'scheme', 'Scheme id.'),
    f('price', 'currency/t', 'Allowance price.'),
    f('supply', 't', 'Allowances issued for the period before reserve releases: the cap, or Σ intensity × output.'),
    f('emissions', 't', 'Covered emissions after abatement.'),
    f('baselineEmissions', 't', 'Baseline (unabated) covered emissions.'),
    f('abatement', 't', 'Abatement.'),
    f('freeAllocationGrandfathering', 't', 'Free allocation by grandfathering.'),
    f('freeAllocationBenchmark', 't', 'Free allocation by benchmark (historical or output-based).'),
    f('auctionOffered', 't', 'Auction volume offered.'),
    f('auctionSold', 't', 'Auction volume sold.'),
    f('auctionRevenue', 'currency', 'Auction revenue.'),
    f('reserveSold', 't', 'Allowances sold from the price-ceiling reserve.'),
    f('reserveRevenue', 'currency', 'Revenue from reserve sales.'),
    f('volumeTraded', 't', 'Secondary-market volume between firms.'),
    f('creditsUsed', 't', 'Credits used for compliance, all credit types, in allowance equivalents (by type: credits.arrow).'),
    f('bank', 't', 'Aggregate bank at the end of the period.'),
    f('borrowing', 't', 'Outstanding borrowing at the end of the period.'),
    f('forfeited', 't', 'Allowances forfeited at a banking or carry-over limit.'),
    f('penaltyTonnes', 't', 'Tonnes not surrendered and paid for with the penalty.'),
    f('penaltyPaid', 'currency', 'Penalty payments.'),
    f('netImports', 't', 'Net allowances imported through links (negative: exported).'),
    f('abatementCost', 'currency', 'Abatement cost in the period (not discounted).'),
  ],
};

export const CREDITS_TABLE: TableDefinition = {
  name: 'credits',
  file: 'credits.arrow',
  grain: 'one row per run × period × scheme × eligible credit type',
  description: 'Credit use and credit prices by type (no rows when no scheme accepts credits).',
  optIn: false,
  columns: [
    SEED, RUN, PERIOD, YEAR,
    d('scheme', 'scheme', 'Scheme id.'),
    d('creditType', 'creditType', 'Credit type id.'),
    f('creditsUsed', 't', 'Credits of this type used for compliance, in allowance equivalents.'),
    f('creditPrice', 'currency/credit', 'Price paid per credit.'),
  ],
};

export const FIRMS_TABLE: TableDefinition = {
  name: 'firms',
  file: 'firms.arrow',
  grain: 'one row per run × period × firm',
  description: 'Firm-level results (opt-in: `--detail firms`).',
  optIn: true,
  columns: [
    SEED, RUN, PERIOD, YEAR,
    d('firm', 'firm', 'Firm id (template firms: `${idPrefix or sector}-${k}`).'),
    d('sector', 'sector', 'Sector id.'),
    d('scheme', 'scheme', 'Scheme covering the firm.'),
    f('output', 'activity unit', 'Output, in the sector\'s activity unit.'),
    f('baselineEmissions', 't', 'Baseline (unabated) emissions.'),
    f('emissions', 't', 'Emissions after abatement.'),
    f('abatement', 't', 'Abatement.'),
    f('abatementCost', 'currency', 'Abatement cost.'),
    f('freeAllocation', 't', 'Free allowances received.'),
    f('auctionPurchases', 't', 'Allowances bought at auction or from the reserve.'),
    f('purchases', 't', 'All allowances bought (auction, reserve and market).'),
    f('sales', 't', 'Allowances sold.'),
    f('creditsUsed', 't', 'Credits used, in allowance equivalents.'),
    f('creditCost', 'currency', 'Payments for credits used.'),
    f('bank', 't', 'Bank held at the end of the period.'),
    f('borrowing', 't', 'Borrowing outstanding at the end of the period.'),
    f('penaltyTonnes', 't', 'Tonnes paid for with the penalty.'),
    f('penaltyPaid', 'currency', 'Penalty paid.'),
    f('complianceBalance', 't', 'Allowances + credits surrendered − emissions − make-good owed; ≥ 0 means compliant.'),
    { name: 'compliant', kind: 'bool', unit: '', description: 'Whether the firm met its obligation in the period.' },
  ],
};

export const TRANSACTIONS_TABLE: TableDefinition = {
  name: 'transactions',
  file: 'transactions.arrow',
  grain: 'one row per unit-ledger operation',
  description: 'Every operation on the unit ledger, in the order the engine made them (opt-in: `--detail transactions`).',
  optIn: true,
  columns: [
    SEED, RUN, PERIOD, YEAR,
    { name: 'sequence', kind: 'uint32', unit: '', description: 'Order of the operation within the run, from 0.' },
    d('kind', 'transactionKind', 'Operation: issue, distribute, transfer, surrender, borrow, repay, chargeInterest, settleDebtByPenalty, cancelUnissued, lapse.'),
    d('scheme', 'scheme', 'Scheme of issue, distribute, borrow and cancelUnissued; null otherwise.', true),
    d('from', 'account', 'Account the units leave (null when units are created).', true),
    d('to', 'account', 'Account the units reach (null when units are surrendered, cancelled or lapse).', true),
    f('quantity', 't', 'Quantity moved (for chargeInterest and settleDebtByPenalty: debt added or settled).'),
  ],
};

export const TABLES: readonly TableDefinition[] = [RUNS_TABLE, SECTORS_TABLE, MARKETS_TABLE, CREDITS_TABLE, FIRMS_TABLE, TRANSACTIONS_TABLE];

export function tableDefinition(name: TableName): TableDefinition {
  return TABLES.find((table) => table.name === name)!;
}

/** Opt-in details a batch can ask for. */
export type Detail = 'firms' | 'transactions';

/** The tables a batch writes: every table that is not opt-in, plus the details asked for, in `TABLES` order. */
export function tablesFor(details: readonly Detail[]): TableDefinition[] {
  return TABLES.filter((table) => !table.optIn || details.includes(table.name as Detail));
}
