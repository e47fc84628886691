/**
 * The engine's entry point to agent-based trading: one scheme's secondary market in one period, run as a trading
 * session on the engine's unit ledger, from options that mirror the proposed scenario block
 * `market.microstructure` (validation messages name those paths).
 *
 * The caller (the engine's trade phase) has already allocated and auctioned the period's allowances into `ledger`.
 * This builds a valuation and a trader per firm of the scheme (`firmTraders.ts`), adds the optional
 * intermediaries, runs the session, and reports per firm what it bought, sold and paid, and the abatement its final
 * holdings require; the caller then surrenders as usual. The period's price for the engine's results is the
 * session's period benchmark (VWAP, or closing mid-quote, or the previous benchmark carried).
 */
import { firmBaseline, type ResolvedFirm, type ResolvedScenario } from '../engine/resolveScenario.js';
import { AdaptiveTrader, type AdaptiveTraderOptions } from './adaptive.js';
import { CashLedger, type CashAccounts } from './cashLedger.js';
import { FeeSchedule, type FeeScheduleOptions } from './fees.js';
import { sessionTradersOfScheme } from './firmTraders.js';
import { MarketGrid, MicrostructureOptionError } from './marketGrid.js';
import { MarketMaker, type MarketMakerOptions } from './marketMaker.js';
import type { OtcOptions } from './otcMatching.js';
import type { RandomStreams } from './randomStreams.js';
import { DeliveryVersusPayment, type UnitTransfers } from './settlement.js';
import { runTradingSession, type SessionResult, type SessionTrader, type Venue } from './tradingSession.js';
import type { TradingStrategy } from './trader.js';
import { ZeroIntelligenceTrader, type ZeroIntelligenceOptions } from './zeroIntelligence.js';

export interface IntermediarySpec extends MarketMakerOptions {
  id: string;
  /** Account index in the unit and cash ledgers (after the firms and the exchange account). */
  account: number;
}

/** Options of `market.microstructure` (proposed schema block). */
export interface MicrostructureOptions {
  venue: Venue;
  /** Trading days up to the true-up deadline. */
  days: number;
  roundsPerDay?: number;
  /** currency/t (default 1) */
  tickSize?: number;
  /** t per lot (default 1) */
  lotSize?: number;
  minLots?: number;
  strategy: 'zeroIntelligence' | 'adaptive';
  /** ZI-C price range; maxPrice defaults to 2 × the reference price. */
  zeroIntelligence?: Partial<ZeroIntelligenceOptions>;
  adaptive?: AdaptiveTraderOptions;
  fees?: FeeScheduleOptions;
  activity?: { first?: number; exponent?: number };
  otc?: OtcOptions;
  minBenchmarkVolume?: number;
  /** Cash each firm starts the period with, currency (default: its baseline × the scenario's maxPrice). */
  cashPerFirm?: number;
  intermediaries?: IntermediarySpec[];
}

export interface SecondaryMarketInput {
  scenario: ResolvedScenario;
  /** Scheme index. */
  scheme: number;
  /** Period index (0-based). */
  period: number;
  ledger: UnitTransfers;
  cash: CashAccounts;
  /** Account receiving fees (the engine's exchange account). */
  feeAccount: number;
  random: RandomStreams;
  options: MicrostructureOptions;
  /** Price participants expect, currency/t (e.g. last period's benchmark, or the equilibrium price). */
  referencePrice?: number;
  previousBenchmark?: number;
  /** Value of a banked tonne per firm, currency/t (default 0). */
  bankValue?: (firm: ResolvedFirm) => number;
}

export interface FirmTradeOutcome {
  firm: number;
  /** t */
  purchases: number;
  sales: number;
  /** Cash paid for purchases − received for sales, currency. */
  netPayments: number;
  /** Fees and participation cost, currency. */
  costsPaid: number;
  /** Abatement the final holdings require, t (may exceed the firm's potential: the rest is a shortfall). */
  abatementNeeded: number;
}

export interface SecondaryMarketResult {
  session: SessionResult;
  firms: FirmTradeOutcome[];
  /** The period benchmark, currency/t (NaN when the market never traded nor quoted). */
  price: number;
}

const PATH = 'market.microstructure';

/** Opening cash per account: `cashPerFirm` (or baseline × maxPrice) for firms, 0 for the exchange, the intermediaries' own. */
export function openingCash(scenario: ResolvedScenario, period: number, options: MicrostructureOptions, accountCount: number): CashLedger {
  const opening = Array.from({ length: accountCount }, () => 0);
  for (const firm of scenario.firms) {
    opening[firm.index] = options.cashPerFirm ?? firmBaseline(firm, period) * scenario.maxPrice;
  }
  for (const [k, spec] of (options.intermediaries ?? []).entries()) {
    if (!Number.isSafeInteger(spec.account) || spec.account < 0 || spec.account >= accountCount) {
      throw new MicrostructureOptionError(`${PATH}.intermediaries[${k}].account`, `must be an account index from 0 to ${accountCount - 1}, got ${spec.account}`);
    }
  }
  return new CashLedger(opening);
}

function strategyFactory(options: MicrostructureOptions, referencePrice: number | undefined): () => TradingStrategy {
  if (options.strategy === 'zeroIntelligence') {
    const spec = options.zeroIntelligence ?? {};
    const maxPrice = spec.maxPrice ?? (referencePrice === undefined ? undefined : 2 * referencePrice);
    if (maxPrice === undefined) throw new MicrostructureOptionError(`${PATH}.zeroIntelligence.maxPrice`, 'is required without a reference price');
    const zi: ZeroIntelligenceOptions = { maxPrice, ...(spec.minPrice === undefined ? {} : { minPrice: spec.minPrice }), ...(spec.lotsPerOrder === undefined ? {} : { lotsPerOrder: spec.lotsPerOrder }) };
    new ZeroIntelligenceTrader(zi, `${PATH}.zeroIntelligence`); // validates once, before any trading
    return () => new ZeroIntelligenceTrader(zi, `${PATH}.zeroIntelligence`);
  }
  if (options.strategy === 'adaptive') {
    const spec = { ...(referencePrice === undefined ? {} : { initialPrice: referencePrice }), ...options.adaptive };
    new AdaptiveTrader(spec, `${PATH}.adaptive`); // validates once, before any trading
    return () => new AdaptiveTrader(spec, `${PATH}.adaptive`);
  }
  throw new MicrostructureOptionError(`${PATH}.strategy`, `must be "zeroIntelligence" or "adaptive", got ${String(options.strategy)}`);
}

export function runSecondaryMarket(input: SecondaryMarketInput): SecondaryMarketResult {
  const { scenario, scheme, period, options } = input;
  const grid = new MarketGrid({
    ...(options.tickSize === undefined ? {} : { tickSize: options.tickSize }),
    ...(options.lotSize === undefined ? {} : { lotSize: options.lotSize }),
    ...(options.minLots === undefined ? {} : { minLots: options.minLots }),
  });
  const fees = new FeeSchedule(options.fees ?? {}, `${PATH}.fees`);
  const makeStrategy = strategyFactory(options, input.referencePrice);
  const firms = sessionTradersOfScheme(scenario, scheme, period, () => makeStrategy(), (firm) => (input.bankValue === undefined ? {} : { bankValue: input.bankValue(firm) }));
  const intermediaries: SessionTrader[] = (options.intermediaries ?? []).map((spec, k) => {
    const { id, account, ...dealer } = spec;
    return { id, account, valuation: null, strategy: new MarketMaker(dealer, `${PATH}.intermediaries[${k}]`) };
  });
  const session = runTradingSession([...firms, ...intermediaries], new DeliveryVersusPayment(input.ledger, input.cash, input.feeAccount), input.random, {
    market: scenario.schemes[scheme]!.id,
    period: scenario.years[period]!,
    venue: options.venue,
    grid,
    fees,
    days: options.days,
    ...(options.roundsPerDay === undefined ? {} : { roundsPerDay: options.roundsPerDay }),
    ...(options.activity === undefined ? {} : { activity: options.activity }),
    ...(input.referencePrice === undefined ? {} : { referencePrice: input.referencePrice }),
    ...(options.otc === undefined ? {} : { otc: options.otc }),
    ...(options.minBenchmarkVolume === undefined ? {} : { minBenchmarkVolume: options.minBenchmarkVolume }),
    ...(input.previousBenchmark === undefined ? {} : { previousBenchmark: input.previousBenchmark }),
  });
  const outcomes = session.traders.slice(0, firms.length).map((t) => ({
    firm: t.account, purchases: t.bought, sales: t.sold, netPayments: t.netPayments, costsPaid: t.costsPaid, abatementNeeded: t.abatementNeeded,
  }));
  return { session, firms: outcomes, price: session.period.benchmark };
}
