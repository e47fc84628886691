/** Uniform-price auction: expected allocations worked out by hand from the ranking rule. */
import { describe, expect, it } from 'vitest';
import { uniformPriceAuction, AuctionError } from '../../model/market/uniformPriceAuction.js';

describe('uniform-price sealed-bid auction', () => {
  it('serves bids from the highest price down; all winners pay the lowest accepted price', () => {
    // 100 t: 60 at 30 (served), 30 at 25 (served), 50 at 20 (10 left) ⇒ clearing price 20, revenue 2,000.
    const result = uniformPriceAuction(100, 0, [
      { bidder: 0, price: 20, quantity: 50 },
      { bidder: 1, price: 30, quantity: 60 },
      { bidder: 2, price: 25, quantity: 30 },
    ]);
    expect(result.awarded).toEqual([10, 60, 30]);
    expect(result.clearingPrice).toBe(20);
    expect(result.revenue).toBe(2000);
    expect(result.unsold).toBe(0);
  });

  it('shares the last price level pro rata among tied bids', () => {
    // 50 t, two bids of 40 and 60 at the same price ⇒ 20 and 30.
    const result = uniformPriceAuction(50, 0, [{ bidder: 0, price: 10, quantity: 40 }, { bidder: 1, price: 10, quantity: 60 }]);
    expect(result.awarded).toEqual([20, 30]);
    expect(result.clearingPrice).toBe(10);
  });

  it('rejects bids below the reserve price and reports undersubscription at the reserve price', () => {
    // Reserve 15: the bid at 12 is rejected; 30 t of 100 sold at the reserve price, 70 unsold.
    const result = uniformPriceAuction(100, 15, [{ bidder: 0, price: 12, quantity: 80 }, { bidder: 1, price: 40, quantity: 30 }]);
    expect(result.awarded).toEqual([0, 30]);
    expect(result.clearingPrice).toBe(15);
    expect(result.sold).toBe(30);
    expect(result.unsold).toBe(70);
  });

  it('a bid exactly at the reserve price is accepted', () => {
    const result = uniformPriceAuction(10, 15, [{ bidder: 0, price: 15, quantity: 20 }]);
    expect(result.awarded).toEqual([10]);
    expect(result.clearingPrice).toBe(15);
  });

  it('names the bad field of a malformed bid', () => {
    expect(() => uniformPriceAuction(10, 0, [{ bidder: 0, price: Number.NaN, quantity: 1 }])).toThrow(AuctionError);
    expect(() => uniformPriceAuction(10, 0, [{ bidder: 0, price: 1, quantity: -1 }])).toThrow(/bids\[0\]\.quantity/);
    expect(() => uniformPriceAuction(-1, 0, [])).toThrow(/volume/);
  });
});
