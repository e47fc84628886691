/**
 * With many small traders and no transaction costs the order book's prices approach the equilibrium price of the
 * same scenario (Gode & Sunder 1993: markets of ZI-C traders reach near-equilibrium prices and near-full allocative
 * efficiency from the market's rules alone).
 *
 * Market: fixture.ts, p* = 100 in closed form (confirmed here against the engine's equilibrium). For n = 4, 16, 64
 * firms and seeds 1…8 (fixed: the test is deterministic), the gap is |period VWAP − p*|; its mean over the seeds
 * must fall at each step, and for n = 64 be within 1.5 % of p* (measured when written: 4.41, 1.38, 0.58).
 * The venues compared beside it: call auctions must show the same shrinking gap; bilateral Nash bargaining on this
 * symmetric market is near p* at every size.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../model/engine/simulate.js';
import { MarketGrid } from '../../model/microstructure/marketGrid.js';
import { runTradingSession, type Venue } from '../../model/microstructure/tradingSession.js';
import { ZeroIntelligenceTrader } from '../../model/microstructure/zeroIntelligence.js';
import { RunRandom } from '../../model/random/runRandom.js';
import { EQUILIBRIUM_PRICE, openMarket, patternScenario, totalComplianceCost } from './fixture.js';

const SIZES = [4, 16, 64];
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const TOLERANCE = 0.015 * EQUILIBRIUM_PRICE;
const grid = new MarketGrid({ tickSize: 1, lotSize: 10 });

function study(venue: Venue): { gap: number; efficiency: number }[] {
  return SIZES.map((n) => {
    let gap = 0;
    let efficiency = 0;
    for (const seed of SEEDS) {
      const market = openMarket(patternScenario(n), () => new ZeroIntelligenceTrader({ minPrice: 1, maxPrice: 2 * EQUILIBRIUM_PRICE }));
      const result = runTradingSession(market.traders, market.settlement, new RunRandom(seed, 0), {
        market: 'ets', period: 2026, venue, grid, days: 20, roundsPerDay: 5, referencePrice: EQUILIBRIUM_PRICE,
      });
      gap += Math.abs(result.period.vwap - EQUILIBRIUM_PRICE);
      efficiency += (n * 10_000) / totalComplianceCost(market);
    }
    return { gap: gap / SEEDS.length, efficiency: efficiency / SEEDS.length };
  });
}

describe('convergence to the equilibrium price as traders are added', () => {
  it('the closed-form p* = 100 is the engine\'s equilibrium price of the same scenario', () => {
    for (const n of SIZES) expect(simulate(patternScenario(n)).schemes[0]!.price).toBeCloseTo(EQUILIBRIUM_PRICE, 9);
  });

  it('continuous double auction: mean |VWAP − p*| shrinks 4 → 16 → 64 and ends within 1.5 % of p*', () => {
    const rows = study('continuous');
    expect(rows[1]!.gap).toBeLessThan(rows[0]!.gap);
    expect(rows[2]!.gap).toBeLessThan(rows[1]!.gap);
    expect(rows[2]!.gap).toBeLessThanOrEqual(TOLERANCE);
    // Allocative efficiency (least cost / achieved cost) near 1, as Gode and Sunder found.
    expect(rows[2]!.efficiency).toBeGreaterThan(0.99);
  });

  it('call auctions: the gap shrinks from 4 to 64 traders and ends within 1.5 percent of p*', () => {
    const rows = study('call');
    expect(rows[2]!.gap).toBeLessThan(rows[0]!.gap);
    expect(rows[2]!.gap).toBeLessThanOrEqual(TOLERANCE);
  });

  it('bilateral deals (symmetric Nash bargaining) price within 1.5 percent of p* at every size', () => {
    // With β = 1/2 and MACs symmetric about p*, pairs split the difference around 100: the gap is small already at n = 4.
    for (const row of study('otc')) expect(row.gap).toBeLessThanOrEqual(TOLERANCE);
  });
});
