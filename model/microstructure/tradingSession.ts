/**
 * One compliance period's trading, day by day up to the true-up deadline, on one venue:
 * - `continuous` (ザラバ): each day has `roundsPerDay` rounds; in each round the participants come in a random order
 *   and, with the day's activity probability, act: cancel their resting orders and place new ones
 *   (`TradingStrategy.quote`) into the order book, where they match at once. Orders are day orders: the book is
 *   emptied at each close.
 * - `call` (板寄せ): `roundsPerDay` call auctions a day; each active participant submits its orders (without seeing
 *   the others), then the auction executes them at one price.
 * - `otc` (相対): `roundsPerDay` rounds of random meetings a day; each pair negotiates (`negotiate`).
 *
 * Phases of a session: participation (each firm pays the participation cost if its expected gains from trade at
 * the reference price exceed it; intermediaries always take part) → trading days → indicators. Every trade is
 * settled at once by delivery versus payment (`Settlement`); a trade whose settlement fails is void (kept in
 * `failed`, left out of the indicators). The venue never lets a trader offer more units than it holds or bid more
 * cash than it has (a market buy is bounded only at settlement).
 *
 * Activity: the probability that a participant acts at an opportunity rises from `activity.first` on the first day
 * to 1 on the last: first + (1 − first) × (day / (days − 1))^exponent.
 *
 * Randomness: only from `random` (see randomStreams.ts for the names), so a session is a pure function of its
 * inputs and the run's seed.
 */
import type { CallAuctionResult } from './callAuction.js';
import { clearCallAuction, type AuctionOrder } from './callAuction.js';
import { FeeSchedule } from './fees.js';
import type { FirmValuation } from './firmValuation.js';
import { bucketIndicators, periodIndicators, type CloseQuotes, type PriceIndicators } from './indicators.js';
import { MicrostructureOptionError, type MarketGrid } from './marketGrid.js';
import { Money, type MoneyValue } from './money.js';
import { OrderBook, type Side } from './orderBook.js';
import { checkOtcOptions, negotiate, randomPairs, type OtcOptions } from './otcMatching.js';
import { shuffleInPlace, type RandomStreams, type UniformSource } from './randomStreams.js';
import type { Settlement } from './settlement.js';
import type { DayFills, OrderIntent, QuoteContext, TradingStrategy } from './trader.js';

export type Venue = 'continuous' | 'call' | 'otc';

export interface SessionTrader {
  /** Name in stream names and output, e.g. the firm id. */
  id: string;
  /** Account index in the unit and cash ledgers. */
  account: number;
  /** The firm's valuation; null for an intermediary (which takes part whatever the participation cost). */
  valuation: FirmValuation | null;
  /** How it places orders (not used by the otc venue, where firms negotiate on their valuations). */
  strategy: TradingStrategy;
}

export interface TradingSessionOptions {
  /** Market name for random streams (e.g. the scheme id). */
  market: string;
  /** Calendar year, for random streams. */
  period: number;
  venue: Venue;
  grid: MarketGrid;
  /** Transaction and participation costs (default: none). */
  fees?: FeeSchedule;
  /** Trading days up to the true-up deadline, integer ≥ 1. */
  days: number;
  /** Order rounds (continuous), auctions (call) or meeting rounds (otc) per day, integer ≥ 1 (default 10). */
  roundsPerDay?: number;
  activity?: { first?: number; exponent?: number };
  /**
   * Price participants expect before trading, currency/t: for the participation decision (required when a
   * participation cost is set) and as the first call auction's reference price.
   */
  referencePrice?: number;
  otc?: OtcOptions;
  /** Least daily volume for the VWAP to be the benchmark, t (default 0). */
  minBenchmarkVolume?: number;
  /** Benchmark published before the session (e.g. the previous period's), currency/t. */
  previousBenchmark?: number;
}

export interface SessionTrade {
  day: number;
  /** Position among the session's trades, from 0. */
  sequence: number;
  venue: Venue;
  priceTicks: number;
  lots: number;
  /** currency/t */
  price: number;
  /** t */
  quantity: number;
  buyer: number;
  seller: number;
  /** Side of the incoming order (continuous venue); null for call auctions and otc deals. */
  aggressor: Side | null;
  /** currency (exact amounts are in the cash ledger) */
  notional: number;
  buyerFee: number;
  sellerFee: number;
}

export interface FailedTrade {
  day: number;
  priceTicks: number;
  lots: number;
  buyer: number;
  seller: number;
  leg: 'cash' | 'units';
  reason: string;
}

export interface TraderOutcome {
  id: string;
  account: number;
  participated: boolean;
  ordersSubmitted: number;
  /** t */
  bought: number;
  sold: number;
  /** Cash paid for purchases minus cash received for sales, currency (fees excluded). */
  netPayments: number;
  /** Trading fees plus participation cost, currency. */
  costsPaid: number;
  /** Units held at the deadline, t. */
  finalHoldings: number;
  /** Abatement still needed at the deadline, t (NaN for intermediaries). */
  abatementNeeded: number;
}

export interface SessionResult {
  venue: Venue;
  trades: SessionTrade[];
  failed: FailedTrade[];
  /** One row per trading day. */
  daily: PriceIndicators[];
  /** The whole period. */
  period: PriceIndicators;
  ordersSubmitted: number;
  participants: number;
  traders: TraderOutcome[];
}

interface TraderState {
  trader: SessionTrader;
  participated: boolean;
  resting: number[];
  ordersSubmitted: number;
  boughtLots: number;
  soldLots: number;
  dayBought: number;
  daySold: number;
  netPayments: MoneyValue;
  costs: MoneyValue;
}

function checkOptions(options: TradingSessionOptions, traders: readonly SessionTrader[]): { rounds: number; first: number; exponent: number } {
  if (options.venue !== 'continuous' && options.venue !== 'call' && options.venue !== 'otc') {
    throw new MicrostructureOptionError('venue', `must be "continuous", "call" or "otc", got ${String(options.venue)}`);
  }
  if (!Number.isSafeInteger(options.days) || options.days < 1) throw new MicrostructureOptionError('days', `must be an integer ≥ 1, got ${options.days}`);
  const rounds = options.roundsPerDay ?? 10;
  if (!Number.isSafeInteger(rounds) || rounds < 1) throw new MicrostructureOptionError('roundsPerDay', `must be an integer ≥ 1, got ${rounds}`);
  const first = options.activity?.first ?? 1;
  if (!(first > 0 && first <= 1)) throw new MicrostructureOptionError('activity.first', `must be a number in (0, 1], got ${first}`);
  const exponent = options.activity?.exponent ?? 1;
  if (!(exponent > 0) || !Number.isFinite(exponent)) throw new MicrostructureOptionError('activity.exponent', `must be a finite number > 0, got ${exponent}`);
  if (options.referencePrice !== undefined && !(options.referencePrice > 0 && Number.isFinite(options.referencePrice))) {
    throw new MicrostructureOptionError('referencePrice', `must be a finite number > 0, got ${options.referencePrice}`);
  }
  if ((options.fees?.participationCost ?? 0) > 0 && options.referencePrice === undefined) {
    throw new MicrostructureOptionError('referencePrice', 'is required when fees.participationCost > 0 (participants weigh the cost against their gains at that price)');
  }
  if (options.venue === 'otc') checkOtcOptions(options.otc ?? {}, 'otc');
  const accounts = new Set<number>();
  traders.forEach((trader, k) => {
    if (!Number.isSafeInteger(trader.account) || trader.account < 0) throw new MicrostructureOptionError(`traders[${k}].account`, `must be an integer ≥ 0, got ${trader.account}`);
    if (accounts.has(trader.account)) throw new MicrostructureOptionError(`traders[${k}].account`, `account ${trader.account} is used by another trader`);
    accounts.add(trader.account);
  });
  return { rounds, first, exponent };
}

export function runTradingSession(traders: readonly SessionTrader[], settlement: Settlement, random: RandomStreams, options: TradingSessionOptions): SessionResult {
  const { rounds, first, exponent } = checkOptions(options, traders);
  const { grid, days, venue, market, period } = options;
  const fees = options.fees ?? new FeeSchedule();
  const book = new OrderBook(grid);
  const states: TraderState[] = traders.map((trader) => ({
    trader, participated: false, resting: [], ordersSubmitted: 0, boughtLots: 0, soldLots: 0, dayBought: 0, daySold: 0,
    netPayments: new Money(0), costs: new Money(0),
  }));
  const byAccount = new Map(states.map((s) => [s.trader.account, s]));
  const trades: SessionTrade[] = [];
  const failed: FailedTrade[] = [];
  const daily: PriceIndicators[] = [];
  let ordersSubmitted = 0;
  let lastPriceTicks: number | null = null;
  let lastCloseQuotes: CloseQuotes | null = null;

  // Phase 1: participation.
  const lotTonnes = grid.lotsToQuantity(grid.minLots);
  for (const state of states) {
    const valuation = state.trader.valuation;
    let joins = true;
    if (fees.participationCost > 0 && valuation !== null) {
      const price = options.referencePrice!;
      const holdings = settlement.units(state.trader.account);
      joins = valuation.gainsFromTrade(holdings, price, fees.feePerTonne(price, lotTonnes), lotTonnes).gain > fees.participationCost;
    }
    if (joins && fees.participationCost > 0) {
      const cost = new Money(fees.participationCost);
      joins = settlement.charge(state.trader.account, cost).ok;
      if (joins) state.costs = state.costs.plus(cost);
    }
    state.participated = joins;
  }
  const participants = states.filter((s) => s.participated);

  const settle = (day: number, buyer: number, seller: number, priceTicks: number, lots: number, aggressor: Side | null): boolean => {
    const quantity = grid.lotsToQuantity(lots);
    const amount = grid.notional(priceTicks, lots);
    const buyerFee = fees.fee(amount, quantity);
    const sellerFee = buyerFee; // the schedule charges both sides alike
    const outcome = settlement.settle({ buyer, seller, quantity, amount, buyerFee, sellerFee });
    if (!outcome.ok) {
      failed.push({ day, priceTicks, lots, buyer, seller, leg: outcome.leg, reason: outcome.reason });
      return false;
    }
    const b = byAccount.get(buyer)!;
    const s = byAccount.get(seller)!;
    b.boughtLots += lots;
    b.dayBought += lots;
    s.soldLots += lots;
    s.daySold += lots;
    b.netPayments = b.netPayments.plus(amount);
    s.netPayments = s.netPayments.minus(amount);
    b.costs = b.costs.plus(buyerFee);
    s.costs = s.costs.plus(sellerFee);
    trades.push({
      day, sequence: trades.length, venue, priceTicks, lots, price: grid.ticksToPrice(priceTicks), quantity, buyer, seller, aggressor,
      notional: amount.toNumber(), buyerFee: buyerFee.toNumber(), sellerFee: sellerFee.toNumber(),
    });
    lastPriceTicks = priceTicks;
    return true;
  };

  const context = (state: TraderState, day: number, sealed: boolean): QuoteContext => {
    const holdings = settlement.units(state.trader.account);
    return {
      valuation: state.trader.valuation,
      holdings,
      sellableLots: Math.floor(holdings / grid.lotSize + 1e-9),
      cash: settlement.cash(state.trader.account).toNumber(),
      grid, fees, day, days,
      bestBidTicks: sealed ? null : book.bestBid(),
      bestAskTicks: sealed ? null : book.bestAsk(),
      lastPriceTicks,
    };
  };

  /** The intents the venue accepts: sells within holdings, limit buys within cash (fees included). */
  const admissible = (state: TraderState, ctx: QuoteContext, intents: readonly OrderIntent[]): OrderIntent[] => {
    let sellLeft = ctx.sellableLots;
    // Float bookkeeping of cash, with an exact check only where the float margin is thin (fees round up to one unit).
    let cashLeft = ctx.cash;
    let exactCashLeft: MoneyValue | null = null;
    const out: OrderIntent[] = [];
    for (const intent of intents) {
      let lots = intent.lots;
      if (intent.side === 'sell') {
        lots = Math.min(lots, sellLeft);
        if (lots < grid.minLots) continue;
        sellLeft -= lots;
      } else if (intent.type === 'limit') {
        const price = grid.ticksToPrice(intent.priceTicks);
        const perLot = grid.lotSize * (price + fees.feePerTonne(price, grid.lotSize));
        lots = Math.min(lots, Math.floor(cashLeft / perLot));
        if (lots >= grid.minLots && lots * perLot + 1 + 1e-9 * cashLeft >= cashLeft) {
          const total = (n: number): MoneyValue => {
            const amount = grid.notional(intent.priceTicks, n);
            return amount.plus(fees.fee(amount, grid.lotsToQuantity(n)));
          };
          exactCashLeft ??= settlement.cash(state.trader.account);
          while (lots >= grid.minLots && total(lots).greaterThan(exactCashLeft)) lots--;
          if (lots >= grid.minLots) exactCashLeft = exactCashLeft.minus(total(lots));
        }
        if (lots < grid.minLots) continue;
        cashLeft -= lots * perLot;
      }
      out.push({ ...intent, lots });
    }
    return out;
  };

  const activityOn = (day: number): number => (days === 1 ? 1 : first + (1 - first) * (day / (days - 1)) ** exponent);
  const otc = checkOtcOptions(options.otc ?? {}, 'otc');

  for (let day = 0; day < days; day++) {
    const sequence = random.stream(market, period, `microstructure.day${day}.sequence`);
    const quoteStreams = new Map<TraderState, UniformSource>();
    const quoteStream = (state: TraderState): UniformSource => {
      let stream = quoteStreams.get(state);
      if (stream === undefined) {
        stream = random.stream(`${market}/${state.trader.id}`, period, `microstructure.day${day}.quotes`);
        quoteStreams.set(state, stream);
      }
      return stream;
    };
    const activity = activityOn(day);
    const acts = (): boolean => activity >= 1 || sequence.next() < activity;
    for (const state of states) {
      state.dayBought = 0;
      state.daySold = 0;
    }
    const dayStart = trades.length;
    let closeQuotes: CloseQuotes | null = null;

    if (venue === 'continuous') {
      for (let round = 0; round < rounds; round++) {
        for (const state of shuffleInPlace(participants.slice(), sequence)) {
          if (!acts()) continue;
          for (const id of state.resting) book.cancel(id);
          state.resting.length = 0;
          const ctx = context(state, day, false);
          for (const intent of admissible(state, ctx, state.trader.strategy.quote(ctx, quoteStream(state)))) {
            const trader = state.trader.account;
            const result = book.submit(intent.type === 'limit'
              ? { trader, side: intent.side, type: 'limit', priceTicks: intent.priceTicks, lots: intent.lots }
              : { trader, side: intent.side, type: 'market', lots: intent.lots });
            ordersSubmitted++;
            state.ordersSubmitted++;
            for (const fill of result.trades) settle(day, fill.buyer, fill.seller, fill.priceTicks, fill.lots, fill.aggressor);
            if (result.restingLots > 0) state.resting.push(result.orderId);
          }
        }
      }
      closeQuotes = { bidTicks: book.bestBid(), askTicks: book.bestAsk() };
      book.cancelAll();
      for (const state of states) state.resting.length = 0;
    } else if (venue === 'call') {
      for (let round = 0; round < rounds; round++) {
        const orders: AuctionOrder[] = [];
        for (const state of shuffleInPlace(participants.slice(), sequence)) {
          if (!acts()) continue;
          const ctx = context(state, day, true);
          for (const intent of admissible(state, ctx, state.trader.strategy.quote(ctx, quoteStream(state)))) {
            orders.push({ trader: state.trader.account, side: intent.side, priceTicks: intent.type === 'limit' ? intent.priceTicks : null, lots: intent.lots });
            ordersSubmitted++;
            state.ordersSubmitted++;
          }
        }
        const reference = lastPriceTicks ?? (options.referencePrice === undefined ? undefined : Math.max(1, Math.round(options.referencePrice / grid.tickSize)));
        const result: CallAuctionResult = clearCallAuction(orders, reference === undefined ? {} : { referencePriceTicks: reference });
        if (result.clearingPriceTicks === null) continue;
        for (const fill of result.fills) {
          if (fill.buyer !== fill.seller) settle(day, fill.buyer, fill.seller, result.clearingPriceTicks, fill.lots, null);
        }
      }
    } else {
      const firms = participants.filter((s) => s.trader.valuation !== null);
      const meetings = random.stream(market, period, `microstructure.day${day}.otc`);
      for (let round = 0; round < rounds; round++) {
        for (const [a, b] of randomPairs(firms, meetings)) {
          if (activity < 1 && meetings.next() >= activity) continue;
          const party = (s: TraderState) => ({
            trader: s.trader.account, valuation: s.trader.valuation!, holdings: settlement.units(s.trader.account), cash: settlement.cash(s.trader.account).toNumber(),
          });
          const deal = negotiate(party(a), party(b), grid, fees, otc);
          if (deal !== null) settle(day, deal.buyer, deal.seller, deal.priceTicks, deal.lots, null);
        }
      }
    }

    const previous = daily[daily.length - 1];
    const today = bucketIndicators(trades.slice(dayStart), 1, 1, grid, {
      firstDay: day,
      closeQuotes: [closeQuotes],
      previousBenchmark: previous?.benchmark ?? options.previousBenchmark ?? Number.NaN,
      previousLast: previous?.last ?? Number.NaN,
      ...(options.minBenchmarkVolume === undefined ? {} : { minBenchmarkVolume: options.minBenchmarkVolume }),
    })[0]!;
    daily.push(today);
    lastCloseQuotes = closeQuotes;
    for (const state of participants) {
      const own: DayFills = { boughtLots: state.dayBought, soldLots: state.daySold };
      state.trader.strategy.observeDay?.(today, own);
    }
  }

  const periodRow = periodIndicators(trades, days, grid, {
    closeQuotes: [lastCloseQuotes],
    previousBenchmark: options.previousBenchmark ?? Number.NaN,
    ...(options.minBenchmarkVolume === undefined ? {} : { minBenchmarkVolume: options.minBenchmarkVolume }),
  });

  return {
    venue,
    trades,
    failed,
    daily,
    period: periodRow,
    ordersSubmitted,
    participants: participants.length,
    traders: states.map((state) => {
      const finalHoldings = settlement.units(state.trader.account);
      return {
        id: state.trader.id,
        account: state.trader.account,
        participated: state.participated,
        ordersSubmitted: state.ordersSubmitted,
        bought: grid.lotsToQuantity(state.boughtLots),
        sold: grid.lotsToQuantity(state.soldLots),
        netPayments: state.netPayments.toNumber(),
        costsPaid: state.costs.toNumber(),
        finalHoldings,
        abatementNeeded: state.trader.valuation === null ? Number.NaN : state.trader.valuation.abatementNeeded(finalHoldings),
      };
    }),
  };
}
