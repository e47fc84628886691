/**
 * The data the charts, the report and the notebooks read: the tables of one or more batch output directories
 * (`ets run --runs N --out DIR` writes one, `ets compare` one per design) as plain rows, with each design's manifest,
 * summary and a digest of its scenario. Browser-safe: no Node imports, so the notebooks use the same types.
 *
 * Row fields follow io/tables.ts exactly (a test checks it); money is in the scenario's currency, quantities in t.
 */
import type { BatchSummary } from '../io/batchSummary.js';
import type { Manifest } from '../io/manifest.js';
import type { ScenarioDigest } from './scenarioDigest.js';

/** runs.arrow: one row per run. */
export interface RunRow {
  seed: number;
  run: number;
  marketMode: string;
  discountedAbatementCost: number;
  discountedComplianceCost: number;
  leastCostAbatementCost: number;
  costEfficiencyRatio: number;
  totalEmissions: number;
  totalAbatement: number;
  auctionRevenue: number;
  meanPrice: number;
  complianceRate: number;
}

/** sectors.arrow: one row per run × sector. */
export interface SectorRow {
  seed: number;
  run: number;
  sector: string;
  firms: number;
  emissions: number;
  abatement: number;
  freeAllocation: number;
  discountedAbatementCost: number;
  discountedCreditCost: number;
  discountedPenaltyPaid: number;
  discountedNetAllowanceCost: number;
  discountedTotalCost: number;
}

/** markets.arrow: one row per run × period × scheme. */
export interface MarketRow {
  seed: number;
  run: number;
  period: number;
  year: number;
  scheme: string;
  price: number;
  supply: number;
  emissions: number;
  baselineEmissions: number;
  abatement: number;
  freeAllocationGrandfathering: number;
  freeAllocationBenchmark: number;
  auctionOffered: number;
  auctionSold: number;
  auctionRevenue: number;
  reserveSold: number;
  reserveRevenue: number;
  volumeTraded: number;
  creditsUsed: number;
  bank: number;
  borrowing: number;
  forfeited: number;
  penaltyTonnes: number;
  penaltyPaid: number;
  netImports: number;
  abatementCost: number;
}

/** credits.arrow: one row per run × period × scheme × eligible credit type. */
export interface CreditRow {
  seed: number;
  run: number;
  period: number;
  year: number;
  scheme: string;
  creditType: string;
  creditsUsed: number;
  creditPrice: number;
}

/** firms.arrow (opt-in `--detail firms`): one row per run × period × firm. */
export interface FirmRow {
  seed: number;
  run: number;
  period: number;
  year: number;
  firm: string;
  sector: string;
  scheme: string;
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
  bank: number;
  borrowing: number;
  penaltyTonnes: number;
  penaltyPaid: number;
  complianceBalance: number;
  compliant: boolean;
}

/** One design's batch: what its directory holds. */
export interface DesignOutput {
  /** The design label (`base`, an overlay's name): one colour per design in every chart. */
  label: string;
  manifest: Manifest;
  summary: BatchSummary | null;
  /** The parts of the scenario the charts need; null when the scenario file could not be found or has changed. */
  scenario: ScenarioDigest | null;
  runs: RunRow[];
  sectors: SectorRow[];
  markets: MarketRow[];
  credits: CreditRow[];
  /** Null when the batch was run without `--detail firms`. */
  firms: FirmRow[] | null;
}

export interface OutputData {
  /** The directory as the user named it (for titles). */
  source: string;
  /** `batch`: one design (`ets run --runs N`); `compare`: several designs run with the same seed (paired runs). */
  kind: 'batch' | 'compare';
  /** In display order; for a comparison the first is the baseline. */
  designs: DesignOutput[];
  /** Problems that did not stop loading (a scenario file that changed, a table missing), for the reader. */
  notes: string[];
}

/** The currency of money columns (the first design's scenario; designs of one comparison share it). */
export function currencyOf(data: Pick<OutputData, 'designs'>): string {
  return data.designs[0]?.manifest.scenario.currency ?? '';
}

/** The scenario name (the first design's). */
export function scenarioNameOf(data: Pick<OutputData, 'designs'>): string {
  return data.designs[0]?.manifest.scenario.name ?? '';
}
