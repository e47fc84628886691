/**
 * Micro-benchmark of the microstructure layer (not a test): matching throughput of the order book (orders/s) and
 * batch speed of whole trading sessions per venue. Deterministic inputs (seeded streams); only the timing varies.
 *
 * Run: npx tsx bench/orderBook.ts [orders] (default 1,000,000), or through the build: node dist/bench/orderBook.js.
 */
import { pathToFileURL } from 'node:url';
import { resolveScenario } from '../model/engine/resolveScenario.js';
import { SimpleLedger } from '../model/engine/unitLedger.js';
import { CashLedger } from '../model/microstructure/cashLedger.js';
import { sessionTradersOfScheme } from '../model/microstructure/firmTraders.js';
import { MarketGrid } from '../model/microstructure/marketGrid.js';
import { OrderBook, type OrderRequest } from '../model/microstructure/orderBook.js';
import { DeliveryVersusPayment } from '../model/microstructure/settlement.js';
import { runTradingSession, type Venue } from '../model/microstructure/tradingSession.js';
import { ZeroIntelligenceTrader } from '../model/microstructure/zeroIntelligence.js';
import { RunRandom } from '../model/random/runRandom.js';
import { scenarioSchema } from '../model/scenario/schema.js';

export interface MatchingFigures {
  orders: number;
  trades: number;
  seconds: number;
  ordersPerSecond: number;
  restingAtEnd: number;
}

/**
 * Submits `count` orders (85 % limit orders within ±20 ticks of a drifting mid, 5 % market orders, 10 % cancels of
 * a recent order) from 200 traders to one book.
 */
export function benchmarkMatching(count: number, seed = 1): MatchingFigures {
  const random = new RunRandom(seed, 0).stream('bench', 0, 'orderBook');
  const requests: (OrderRequest | number)[] = [];
  let mid = 10_000;
  for (let k = 0; k < count; k++) {
    const u = random.next();
    mid += random.next() < 0.5 ? -1 : 1;
    if (u < 0.1) requests.push(Math.max(0, k - 1 - Math.floor(random.next() * 50)));
    else {
      const trader = Math.floor(random.next() * 200);
      const side = random.next() < 0.5 ? 'buy' : 'sell';
      const lots = 1 + Math.floor(random.next() * 10);
      if (u < 0.15) requests.push({ trader, side, type: 'market', lots });
      else {
        const offset = Math.floor(random.next() * 21) - (side === 'buy' ? 15 : 5);
        requests.push({ trader, side, type: 'limit', priceTicks: mid + offset, lots });
      }
    }
  }
  const book = new OrderBook(new MarketGrid({ tickSize: 1, lotSize: 10 }));
  let trades = 0;
  const ids: number[] = [];
  const start = performance.now();
  for (const request of requests) {
    if (typeof request === 'number') {
      const id = ids[request];
      if (id !== undefined) book.cancel(id);
      ids.push(-1);
    } else {
      const result = book.submit(request);
      trades += result.trades.length;
      ids.push(result.orderId);
    }
  }
  const seconds = (performance.now() - start) / 1000;
  return { orders: count, trades, seconds, ordersPerSecond: count / seconds, restingAtEnd: book.size };
}

export interface SessionFigures {
  venue: Venue;
  firms: number;
  sessions: number;
  secondsPerSession: number;
  ordersPerSecond: number;
  tradesPerSession: number;
}

function marketOf(n: number) {
  const pattern = [600, 800, 1200, 1400];
  const input = scenarioSchema.parse({
    name: 'bench', periods: { start: 2026, count: 1 }, discountRate: 0,
    firms: Array.from({ length: n }, (_, k) => ({
      id: `F${k}`, sector: 'industry', output: { base: 1 }, emissions: { perOutput: pattern[k % 4]! }, mac: { type: 'linear', slope: 0.5 },
      history: { emissions: { '2025': pattern[k % 4]! }, output: { '2025': 1 } },
    })),
    schemes: [{ id: 'ets', target: { type: 'absolute', cap: 800 * n }, allocation: [{ method: 'grandfathering', baseYears: [2025], reduction: { initial: 0.2 } }] }],
  });
  return resolveScenario(input);
}

/** Whole sessions (20 days × 5 rounds, ZI-C firms) on the closed-form market with `firms` firms, `runs` seeds. */
export function benchmarkSessions(venue: Venue, firms: number, runs: number): SessionFigures {
  const resolved = marketOf(firms);
  const grid = new MarketGrid({ tickSize: 1, lotSize: 10 });
  let orders = 0;
  let trades = 0;
  let seconds = 0;
  for (let run = 0; run < runs; run++) {
    const units = new SimpleLedger(firms + 1, 1);
    units.issue(0, 800 * firms);
    for (const firm of resolved.firms) units.distribute(0, firm.index, firm.fixedAllocation[0]!);
    const cash = new CashLedger(Array.from({ length: firms + 1 }, (_, k) => (k < firms ? 1e7 : 0)));
    const traders = sessionTradersOfScheme(resolved, 0, 0, () => new ZeroIntelligenceTrader({ minPrice: 1, maxPrice: 200 }));
    const start = performance.now();
    const result = runTradingSession(traders, new DeliveryVersusPayment(units, cash, firms), new RunRandom(1, run), {
      market: 'ets', period: 2026, venue, grid, days: 20, roundsPerDay: 5, referencePrice: 100,
    });
    seconds += (performance.now() - start) / 1000;
    orders += result.ordersSubmitted;
    trades += result.trades.length;
  }
  return { venue, firms, sessions: runs, secondsPerSession: seconds / runs, ordersPerSecond: orders / seconds, tradesPerSession: trades / runs };
}

function main(): void {
  const count = Number(process.argv[2] ?? 1_000_000);
  benchmarkMatching(50_000); // warm-up
  const matching = benchmarkMatching(count);
  console.log(`order book: ${matching.orders.toLocaleString('en')} orders in ${matching.seconds.toFixed(3)} s = ${Math.round(matching.ordersPerSecond).toLocaleString('en')} orders/s (${matching.trades.toLocaleString('en')} fills, ${matching.restingAtEnd} resting at end)`);
  for (const venue of ['continuous', 'call', 'otc'] as const) {
    for (const firms of [64, 256]) {
      benchmarkSessions(venue, firms, 1); // warm-up
      const s = benchmarkSessions(venue, firms, 5);
      const rate = venue === 'otc'
        ? `${Math.round(s.tradesPerSession / s.secondsPerSession).toLocaleString('en')} deals/s (bilateral: no orders)`
        : `${Math.round(s.ordersPerSecond).toLocaleString('en')} orders/s incl. strategies and DvP`;
      console.log(`session ${venue.padEnd(10)} ${String(firms).padStart(4)} firms × 20 days × 5 rounds: ${(s.secondsPerSession * 1000).toFixed(1)} ms/session (${(1 / s.secondsPerSession).toFixed(1)} sessions/s), ${rate}, ${s.tradesPerSession.toFixed(0)} trades/session`);
    }
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
