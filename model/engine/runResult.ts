/**
 * What one run of a scenario produces. Plain data (numbers, strings, arrays) so it crosses worker boundaries and
 * maps one-to-one onto the long-format output tables. Units: tonnes (t) of CO2, the scenario's currency, activity
 * units for output. "Period" is the index 0..T−1; `year` is the calendar/fiscal year.
 */

/** One scheme (or linked market) in one period. */
export interface SchemePeriodResult {
  scheme: string;
  period: number;
  year: number;
  /** Allowance price, currency/t. */
  price: number;
  /** Allowances issued for the period before reserve releases: the cap, or Σ intensity × output. t */
  supply: number;
  /** Covered emissions after abatement, t. */
  emissions: number;
  /** Baseline (unabated) covered emissions, t. */
  baselineEmissions: number;
  abatement: number;
  freeAllocationGrandfathering: number;
  freeAllocationBenchmark: number;
  /** Auction volume offered, t. */
  auctionOffered: number;
  /** Auction volume sold, t. */
  auctionSold: number;
  /** Auction revenue, currency. */
  auctionRevenue: number;
  /** Allowances sold from the price-ceiling reserve, t. */
  reserveSold: number;
  reserveRevenue: number;
  /** Secondary-market volume between firms, t. */
  volumeTraded: number;
  /** Credits used for compliance, t of allowance equivalent, by credit type. */
  creditsUsed: Record<string, number>;
  /** Price paid per credit, currency, by credit type. */
  creditPrices: Record<string, number>;
  /** Aggregate bank at the end of the period (≥ 0 part), t. */
  bank: number;
  /** Outstanding borrowing at the end of the period, t. */
  borrowing: number;
  /** Allowances forfeited at a carry-over limit, t. */
  forfeited: number;
  /** Tonnes not surrendered and paid for with the penalty. */
  penaltyTonnes: number;
  penaltyPaid: number;
  /** Net allowances imported through links (negative: exported), t. */
  netImports: number;
  /** Abatement cost in the period, currency. */
  abatementCost: number;
}

/** One firm in one period. */
export interface FirmPeriodResult {
  firm: string;
  sector: string;
  scheme: string;
  period: number;
  year: number;
  output: number;
  baselineEmissions: number;
  emissions: number;
  abatement: number;
  abatementCost: number;
  freeAllocation: number;
  auctionPurchases: number;
  purchases: number;
  sales: number;
  creditsUsed: number;
  creditCost: number;
  /** Bank held at the end of the period, t. */
  bank: number;
  /** Borrowing outstanding at the end of the period, t. */
  borrowing: number;
  penaltyTonnes: number;
  penaltyPaid: number;
  /** Allowances + credits surrendered − emissions − make-good owed, t; ≥ 0 means compliant. */
  complianceBalance: number;
  compliant: boolean;
}

export interface RunMetrics {
  /** Σ_t Σ_i abatement cost / (1 + r)^t, currency. */
  discountedAbatementCost: number;
  /** Abatement + credit purchases + penalties, discounted, currency (allowance payments are transfers). */
  discountedComplianceCost: number;
  /** Least discounted abatement cost that reaches the same cumulative emissions with the same outputs. */
  leastCostAbatementCost: number;
  /** discountedAbatementCost / leastCostAbatementCost (1 = least cost; NaN when no abatement is needed). */
  costEfficiencyRatio: number;
  totalEmissions: number;
  totalAbatement: number;
  auctionRevenue: number;
  /** Mean allowance price over periods and schemes, currency/t. */
  meanPrice: number;
  /** Share of firm-periods that were compliant. */
  complianceRate: number;
}

export interface RunResult {
  scenario: string;
  seed: number;
  years: number[];
  /** How the market was solved: 'intertemporal' (perfect-foresight equilibrium) or 'sequential'. */
  marketMode: 'intertemporal' | 'sequential';
  schemes: SchemePeriodResult[];
  firms: FirmPeriodResult[];
  metrics: RunMetrics;
}
