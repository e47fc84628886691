/** Call auction clearing on hand-computed books (the volume tables are in each test's comment). */
import { describe, expect, it } from 'vitest';
import { auctionClearingPrice, clearCallAuction, type AuctionOrder } from '../../model/microstructure/callAuction.js';

const bid = (trader: number, priceTicks: number | null, lots: number): AuctionOrder => ({ trader, side: 'buy', priceTicks, lots });
const ask = (trader: number, priceTicks: number | null, lots: number): AuctionOrder => ({ trader, side: 'sell', priceTicks, lots });

describe('clearCallAuction on a hand-computed book', () => {
  // Bids: B1 market × 5, B2 102 × 10, B3 101 × 5, B4 100 × 10.  Asks: S1 market × 3, S2 99 × 6, S3 100 × 8,
  // S4 101 × 10, S5 103 × 5.
  //   price  D(p)  S(p)  executable
  //    99     30     9       9
  //   100     30    17      17
  //   101     20    27      20   ← most volume
  //   102     15    27      15
  //   103      5    32       5
  // At 101: every bid (20 lots) executes; asks S1 3, S2 6, S3 8 in full and 3 of S4's 10.
  const orders = [bid(1, null, 5), bid(2, 102, 10), bid(3, 101, 5), bid(4, 100, 10), ask(11, null, 3), ask(12, 99, 6), ask(13, 100, 8), ask(14, 101, 10), ask(15, 103, 5)];
  const result = clearCallAuction(orders);

  it('clears at the price of most executable volume', () => {
    expect(result.clearingPriceTicks).toBe(101);
    expect(result.volumeLots).toBe(20);
    expect(result.surplusLots).toBe(-7);
  });

  it('fills the short side in full and rations the long side by price, then time', () => {
    expect(result.executedLots).toEqual([5, 10, 5, 0, 3, 6, 8, 3, 0]);
  });

  it('pairs bids and asks in priority order, all at the clearing price', () => {
    // B1(5) × S1(3) → 3; B1 × S2 → 2; B2(10) × S2 rest 4 → 4; B2 × S3 → 6; B3(5) × S3 rest 2 → 2; B3 × S4 → 3.
    expect(result.fills.map((f) => [f.buyer, f.seller, f.lots])).toEqual([[1, 11, 3], [1, 12, 2], [2, 12, 4], [2, 13, 6], [3, 13, 2], [3, 14, 3]]);
  });
});

describe('call auction tie rules', () => {
  it('rule 2: least surplus among equal volumes', () => {
    // Bids 101 × 4, 100 × 2; ask 99 × 4. Volume 4 at 99, 100 and 101; surplus +2, +2, 0 ⇒ 101.
    expect(auctionClearingPrice([bid(1, 101, 4), bid(2, 100, 2), ask(3, 99, 4)])).toBe(101);
  });

  it('rule 3: buy pressure ⇒ highest price; sell pressure ⇒ lowest', () => {
    // Bid 101 × 4, ask 99 × 3: volume 3, surplus +1 at both 99 and 101 ⇒ 101.
    expect(auctionClearingPrice([bid(1, 101, 4), ask(2, 99, 3)])).toBe(101);
    // Bid 101 × 3, ask 99 × 4: volume 3, surplus −1 at both ⇒ 99.
    expect(auctionClearingPrice([bid(1, 101, 3), ask(2, 99, 4)])).toBe(99);
  });

  it('rule 4: balanced ties go to the price closest to the reference (ties to the lower); rule 5: lowest', () => {
    // Bid 101 × 5, ask 99 × 5: volume 5, surplus 0 at 99 and 101.
    const orders = [bid(1, 101, 5), ask(2, 99, 5)];
    expect(auctionClearingPrice(orders, 102)).toBe(101);
    expect(auctionClearingPrice(orders, 95)).toBe(99);
    expect(auctionClearingPrice(orders, 100)).toBe(99);
    expect(auctionClearingPrice(orders)).toBe(99);
  });

  it('market orders only: executes at the reference price, or not at all without one', () => {
    const orders = [bid(1, null, 5), ask(2, null, 3)];
    expect(clearCallAuction(orders, { referencePriceTicks: 100 })).toMatchObject({ clearingPriceTicks: 100, volumeLots: 3, executedLots: [3, 3] });
    expect(clearCallAuction(orders)).toMatchObject({ clearingPriceTicks: null, volumeLots: 0, fills: [] });
  });

  it('no crossing: no trade', () => {
    expect(clearCallAuction([bid(1, 98, 5), ask(2, 99, 5)])).toMatchObject({ clearingPriceTicks: null, volumeLots: 0 });
  });

  it('validates orders, naming the field', () => {
    expect(() => clearCallAuction([bid(1, 100.5, 1)])).toThrow('orders[0].priceTicks: must be an integer ≥ 1 or null (market order), got 100.5');
    expect(() => clearCallAuction([bid(1, 100, 1), ask(2, 100, 0)])).toThrow('orders[1].lots: must be an integer ≥ 1, got 0');
    expect(() => clearCallAuction([], { referencePriceTicks: 0 })).toThrow('referencePriceTicks: must be an integer ≥ 1, got 0');
  });
});
