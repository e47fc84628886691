/** Fee arithmetic (exact, rounded half-even) and option validation. */
import { describe, expect, it } from 'vitest';
import { FeeSchedule } from '../../model/microstructure/fees.js';
import { Money } from '../../model/microstructure/money.js';

describe('FeeSchedule', () => {
  it('charges rate × notional + perTonne × t + perTrade: 0.1 % of 1.2 M + 100 = 1300', () => {
    expect(new FeeSchedule({ rate: 0.001, perTrade: 100 }).fee(new Money(1_200_000), 1000).toString()).toBe('1300');
  });

  it('rounds half-even to currencyDecimals: 0.15 % of 333 = 0.4995 ⇒ 0 (whole yen) or 0.50; 2.5 × 3 t = 7.5 ⇒ 8', () => {
    expect(new FeeSchedule({ rate: 0.0015 }).fee(new Money(333), 1).toString()).toBe('0');
    expect(new FeeSchedule({ rate: 0.0015, currencyDecimals: 2 }).fee(new Money(333), 1).toFixed(2)).toBe('0.50');
    expect(new FeeSchedule({ perTonne: 2.5 }).fee(new Money(0), 3).toString()).toBe('8');
  });

  it('estimates fees per tonne for decisions: 0.001 × 1000 + 2 + 100 / 50 = 5', () => {
    expect(new FeeSchedule({ rate: 0.001, perTonne: 2, perTrade: 100 }).feePerTonne(1000, 50)).toBeCloseTo(5, 12);
  });

  it('validates options, naming the path', () => {
    expect(() => new FeeSchedule({ rate: -0.1 })).toThrow('fees.rate: must be a finite number ≥ 0, got -0.1');
    expect(() => new FeeSchedule({ participationCost: Number.NaN }, 'venues.otc.fees')).toThrow('venues.otc.fees.participationCost: must be a finite number ≥ 0, got NaN');
    expect(() => new FeeSchedule({ currencyDecimals: 1.5 })).toThrow('fees.currencyDecimals: must be an integer from 0 to 12, got 1.5');
  });
});
