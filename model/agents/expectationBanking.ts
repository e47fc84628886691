/**
 * Banking and borrowing of firms that act on price expectations (sequential markets).
 *
 * A firm values an allowance kept to next period at v = E[p_{t+1}] / (1 + r_i). It banks (up to its cap) when the
 * price is below v, sells its bank when above, and borrows (down to its floor) when the price exceeds v × (1 + ρ),
 * ρ being the scheme's interest on borrowing; at exactly those prices it is indifferent and its position may be
 * anything in between. Expectations: myopic firms expect today's price to persist (so v = p / (1 + r) < p and they
 * never bank), adaptive firms use an exponentially smoothed past price, perfect-foresight firms the equilibrium path.
 * Without a behavioural cap a risk-neutral firm would bank without bound below v; the cap is `maxBankYears` periods
 * of its own baseline emissions, a scenario parameter.
 */
import type { ResolvedFirm, ResolvedScenario } from '../engine/resolveScenario.js';
import type { BankPolicy } from '../market/periodMarket.js';
import type { ValueRange } from '../market/monotoneRoot.js';

export interface FirmBankState {
  /** Bank (≥ 0) or debt (< 0) carried into the period, interest included, t. */
  position: Float64Array;
  /** Make-good allowances owed this period, t. */
  owed: Float64Array;
}

export class ExpectationBanking implements BankPolicy {
  /** Per firm: value of an allowance held to next period (NaN for myopic firms, whose value moves with the price). */
  private readonly holdValue: Float64Array;
  private readonly interestFactor: Float64Array;
  private readonly cap: Float64Array;
  private readonly floor: Float64Array;

  constructor(
    scenario: ResolvedScenario,
    private readonly state: FirmBankState,
    period: number,
    /** Expected next-period price per firm (ignored for myopic firms). */
    expectedPrice: Float64Array,
    /** Bank cap and borrowing floor per firm for this period, from the scheme's rules. */
    bankCap: Float64Array,
    borrowFloor: Float64Array,
  ) {
    const n = scenario.firms.length;
    this.holdValue = new Float64Array(n);
    this.interestFactor = new Float64Array(n);
    this.cap = bankCap;
    this.floor = borrowFloor;
    const last = period === scenario.periodCount - 1;
    for (const firm of scenario.firms) {
      const scheme = scenario.schemes[firm.scheme]!;
      this.interestFactor[firm.index] = 1 + scheme.borrowInterest;
      if (last) this.holdValue[firm.index] = 0;
      else if (firm.strategy === 'myopic') this.holdValue[firm.index] = Number.NaN;
      else this.holdValue[firm.index] = expectedPrice[firm.index]! / (1 + firm.discountRate);
    }
  }

  change(firm: ResolvedFirm, price: number, out: ValueRange): void {
    const i = firm.index;
    positionChange(this.holdValue[i]!, this.interestFactor[i]!, firm.discountRate, price,
      Math.max(this.cap[i]!, 0), Math.min(this.floor[i]!, 0), this.state.position[i]!, out);
  }

  /**
   * The summed change of a set of firms, in O(groups): firms that share a hold value, interest and discount rate
   * take the same branch at every price, so their caps, floors and positions add up.
   */
  aggregate(firms: readonly ResolvedFirm[]): BankAggregate {
    const groups = new Map<string, { value: number; interest: number; rate: number; cap: number; floor: number; position: number }>();
    let owed = 0;
    let debt = 0;
    for (const firm of firms) {
      const i = firm.index;
      const value = this.holdValue[i]!;
      const rate = Number.isNaN(value) ? firm.discountRate : 0;
      const key = `${value}|${this.interestFactor[i]}|${rate}`;
      let group = groups.get(key);
      if (group === undefined) groups.set(key, group = { value, interest: this.interestFactor[i]!, rate, cap: 0, floor: 0, position: 0 });
      group.cap += Math.max(this.cap[i]!, 0);
      group.floor += Math.min(this.floor[i]!, 0);
      group.position += this.state.position[i]!;
      owed += this.state.owed[i]!;
      debt += Math.max(0, -this.state.position[i]!);
    }
    const list = [...groups.values()];
    const part: ValueRange = { lo: 0, hi: 0 };
    return {
      owed,
      debt,
      change(price: number, out: ValueRange): void {
        let lo = 0;
        let hi = 0;
        for (const g of list) {
          positionChange(g.value, g.interest, g.rate, price, g.cap, g.floor, g.position, part);
          lo += part.lo;
          hi += part.hi;
        }
        out.lo = lo;
        out.hi = hi;
      },
    };
  }

  breakpoints(): number[] {
    const points: number[] = [];
    for (let i = 0; i < this.holdValue.length; i++) {
      const value = this.holdValue[i]!;
      if (Number.isFinite(value) && value > 0) {
        points.push(value);
        if (this.interestFactor[i] !== 1) points.push(value * this.interestFactor[i]!);
      }
    }
    return points;
  }

  /** Bank (≥ 0) or debt (< 0) the firm carries into the period. */
  position(firm: ResolvedFirm): number {
    return this.state.position[firm.index]!;
  }

  owed(firm: ResolvedFirm): number {
    return this.state.owed[firm.index]!;
  }
}

/** Summed bank behaviour of a set of firms (see `ExpectationBanking.aggregate`). */
export interface BankAggregate {
  change(price: number, out: ValueRange): void;
  /** Σ make-good owed this period, t. */
  owed: number;
  /** Σ debt carried into the period, t. */
  debt: number;
}

/**
 * Range of the change of a bank position at `price`: `value` is what a unit kept to next period is worth (NaN for
 * a myopic firm, whose value moves with the price), `cap` ≥ 0 and `floor` ≤ 0 bound the end position.
 */
function positionChange(value: number, interestFactor: number, discountRate: number, price: number, cap: number, floor: number, position: number, out: ValueRange): void {
  if (Number.isNaN(value)) {
    // Myopic: expects today's price to persist, so keeping a unit is worth p / (1 + r) ≤ p: never banks; borrows
    // only when discounting beats the interest on borrowing, strictly (at r = ρ it keeps no position).
    // At a zero price holding or borrowing costs nothing either way: any position between the floor and none.
    const borrow = discountRate > interestFactor - 1 && price > 0;
    out.lo = (borrow || price === 0 ? floor : 0) - position;
    out.hi = price > 0 ? out.lo : -position;
    return;
  }
  const borrowValue = value * interestFactor;
  let least: number;
  let most: number;
  if (price < value) { least = cap; most = cap; }
  else if (price === value) { least = price === borrowValue ? floor : 0; most = cap; }
  else if (price < borrowValue) { least = 0; most = 0; }
  else if (price === borrowValue) { least = floor; most = 0; }
  else { least = floor; most = floor; }
  out.lo = least - position;
  out.hi = most - position;
}

/** Expected next-period price for each firm, by its strategy. */
export function expectedPrices(
  scenario: ResolvedScenario,
  period: number,
  groupOfScheme: readonly number[],
  adaptiveExpectation: Float64Array,
  equilibriumPrices: Float64Array[] | null,
): Float64Array {
  const expected = new Float64Array(scenario.firms.length);
  for (const firm of scenario.firms) {
    const group = groupOfScheme[firm.scheme]!;
    if (firm.strategy === 'adaptive') expected[firm.index] = adaptiveExpectation[group]!;
    else if (firm.strategy === 'perfectForesight') {
      const path = equilibriumPrices?.[group];
      expected[firm.index] = path !== undefined && period + 1 < path.length ? path[period + 1]! : 0;
    }
  }
  return expected;
}
