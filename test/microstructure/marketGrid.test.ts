/** Tick and lot arithmetic at the boundary of every venue; expected values computed by hand. */
import { describe, expect, it } from 'vitest';
import { MarketGrid, MicrostructureOptionError, OrderValidationError } from '../../model/microstructure/marketGrid.js';

describe('MarketGrid', () => {
  const grid = new MarketGrid({ tickSize: 0.5, lotSize: 10, minLots: 2, maxPriceTicks: 100_000 });

  it('converts prices on the tick grid to integer ticks and back', () => {
    expect(grid.priceToTicks(1200.5)).toBe(2401);
    expect(grid.ticksToPrice(2401)).toBe(1200.5);
  });

  it('converts quantities on the lot grid to lots', () => {
    expect(grid.quantityToLots(30)).toBe(3);
    expect(grid.lotsToQuantity(3)).toBe(30);
  });

  it('computes money exactly: 2401 ticks × 3 lots × 10 t × 0.5 = 36,015', () => {
    expect(grid.notional(2401, 3).toString()).toBe('36015');
  });

  it('is exact where floats are not: tick 0.1, 3 ticks × 1 lot × 1 t = 0.3 (0.1 × 3 = 0.30000000000000004 in floats)', () => {
    const fine = new MarketGrid({ tickSize: 0.1 });
    expect(fine.notional(3, 1).toString()).toBe('0.3');
    expect(fine.priceToTicks(0.3)).toBe(3);
  });

  it('rejects a price off the tick grid, naming the field', () => {
    expect(() => grid.priceToTicks(1200.2)).toThrow(new OrderValidationError('price', '1200.2 is not a multiple of tickSize 0.5'));
    expect(() => grid.priceToTicks(0)).toThrow('price: must be an integer number of ticks from 1 to 100000, got 0');
    expect(() => grid.priceToTicks(60_000)).toThrow('price: must be an integer number of ticks from 1 to 100000, got 120000');
    expect(() => grid.priceToTicks(Number.NaN, 'orders[3].price')).toThrow('orders[3].price: must be a finite number, got NaN');
  });

  it('rejects a quantity off the lot grid or below the minimum lot', () => {
    expect(() => grid.quantityToLots(25)).toThrow('quantity: 25 t is not a multiple of lotSize 10 t');
    expect(() => grid.quantityToLots(10)).toThrow('quantity: must be an integer number of lots ≥ minLots (2), got 1');
    expect(() => grid.checkLots(2.5)).toThrow('lots: must be an integer number of lots ≥ minLots (2), got 2.5');
  });

  it('rounds reservation prices inwards to ticks', () => {
    expect(grid.ticksAtOrBelow(100.4)).toBe(200);
    expect(grid.ticksAtOrAbove(100.1)).toBe(201);
    expect(grid.ticksAtOrAbove(100)).toBe(200);
    expect(grid.ticksAtOrBelow(Number.POSITIVE_INFINITY)).toBe(100_000);
    expect(grid.ticksAtOrBelow(0.2)).toBe(0);
  });

  it('validates its options, naming each', () => {
    expect(() => new MarketGrid({ tickSize: 0 })).toThrow(new MicrostructureOptionError('tickSize', 'must be a finite number > 0, got 0'));
    expect(() => new MarketGrid({ lotSize: 1.5 })).toThrow('lotSize: must be an integer ≥ 1, got 1.5');
    expect(() => new MarketGrid({ minLots: 0 })).toThrow('minLots: must be an integer ≥ 1, got 0');
    expect(() => new MarketGrid({ maxPriceTicks: -1 })).toThrow('maxPriceTicks: must be an integer ≥ 1, got -1');
  });
});
