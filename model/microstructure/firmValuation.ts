/**
 * What one more (or one less) allowance is worth to a covered firm this period, from its marginal abatement cost
 * curve and its position: the basis of every trader's reservation prices.
 *
 * A firm with baseline emissions e0 holding h allowances must abate a = e0 − h. The marginal value of holdings is
 * - the bank value b (e.g. the discounted expected price of a later period; 0 without banking) once h ≥ e0, and
 *   at least b everywhere (a tonne can always be abated further and banked);
 * - MAC(a) while 0 < a ≤ maxAbatement, capped at the shortfall price s (a firm pays the penalty rather than abate
 *   at a higher cost);
 * - s where a > maxAbatement (the firm cannot abate that much).
 * So m(h) = min(s, max(b, MAC(e0 − h))) on the abatable range; it never increases with h.
 *
 * Reservation prices for a block of q tonnes are averages of m: buying q at h is worth ∫_h^{h+q} m / q per tonne;
 * selling q costs ∫_{h−q}^h m / q. Integrals use the curve's exact cost function, so step curves are exact too.
 *
 * @example
 * // baseline 1000 t, MAC = 0.5 a, holds 800 t ⇒ a = 200, marginal value 100
 * const v = new FirmValuation({ baseline: 1000, mac: new LinearMac(0.5, Infinity) });
 * v.marginalValue(800) // 100
 * v.buyValue(800, 10) // (C(200) − C(190)) / 10 = 0.5 (200² − 190²) / 2 / 10 = 97.5
 * v.sellValue(800, 10) // (C(210) − C(200)) / 10 = 102.5
 */
import type { MacCurve } from '../agents/macCurve.js';
import { lastTrue } from './lastTrue.js';
import { MicrostructureOptionError } from './marketGrid.js';

export interface FirmValuationOptions {
  /** Emissions before abatement this period, t. */
  baseline: number;
  mac: MacCurve;
  /** Most the firm can abate, t (default: the curve's own limit, at most the baseline). */
  maxAbatement?: number;
  /** Value of a tonne held beyond the need, currency/t (default 0). */
  bankValue?: number;
  /** Cost of a tonne the firm neither holds nor abates (penalty), currency/t (default +∞). */
  shortfallPrice?: number;
}

export interface GainsFromTrade {
  /** Net gain of the best trade at the price, currency (0 when no trade gains). */
  gain: number;
  /** Lots of that trade: > 0 buy, < 0 sell, 0 none. */
  lots: number;
}

const SCRATCH = { least: 0, most: 0 };

export class FirmValuation {
  readonly baseline: number;
  readonly mac: MacCurve;
  readonly maxAbatement: number;
  readonly bankValue: number;
  readonly shortfallPrice: number;
  /** Abatement up to which MAC ≤ bankValue (valued at the bank value), t. */
  private readonly bankAbatement: number;
  /** Abatement from which MAC ≥ shortfallPrice (valued at the shortfall price), t. */
  private readonly shortfallAbatement: number;

  constructor(options: FirmValuationOptions, optionPath = 'valuation') {
    const { baseline, mac } = options;
    if (!(baseline >= 0) || !Number.isFinite(baseline)) throw new MicrostructureOptionError(`${optionPath}.baseline`, `must be a finite number ≥ 0, got ${baseline}`);
    this.baseline = baseline;
    this.mac = mac;
    const curveLimit = mac.abatementRange(Number.POSITIVE_INFINITY, baseline, SCRATCH).most;
    const maxAbatement = options.maxAbatement ?? curveLimit;
    if (!(maxAbatement >= 0)) throw new MicrostructureOptionError(`${optionPath}.maxAbatement`, `must be a number ≥ 0, got ${maxAbatement}`);
    this.maxAbatement = Math.min(maxAbatement, curveLimit, baseline);
    this.bankValue = options.bankValue ?? 0;
    if (!(this.bankValue >= 0) || !Number.isFinite(this.bankValue)) throw new MicrostructureOptionError(`${optionPath}.bankValue`, `must be a finite number ≥ 0, got ${this.bankValue}`);
    this.shortfallPrice = options.shortfallPrice ?? Number.POSITIVE_INFINITY;
    if (!(this.shortfallPrice >= this.bankValue)) {
      throw new MicrostructureOptionError(`${optionPath}.shortfallPrice`, `must be ≥ bankValue (${this.bankValue}), got ${this.shortfallPrice}`);
    }
    this.bankAbatement = this.bankValue > 0 ? mac.abatementRange(this.bankValue, this.maxAbatement, SCRATCH).most : 0;
    this.shortfallAbatement = Number.isFinite(this.shortfallPrice) ? mac.abatementRange(this.shortfallPrice, this.maxAbatement, SCRATCH).least : this.maxAbatement;
  }

  /** Abatement the firm needs holding `holdings` t: max(0, baseline − holdings), t. */
  abatementNeeded(holdings: number): number {
    return Math.max(0, this.baseline - holdings);
  }

  /** Cost of complying holding `holdings` t: abatement cost plus shortfall at the shortfall price, currency. */
  complianceCost(holdings: number): number {
    const needed = this.abatementNeeded(holdings);
    const abated = Math.min(needed, this.shortfallAbatement);
    const short = needed - abated;
    return this.mac.cost(abated) + (short > 0 ? short * this.shortfallPrice : 0);
  }

  /** m(h): value of the next tonne at holdings h, currency/t. */
  marginalValue(holdings: number): number {
    const a = this.baseline - holdings;
    if (a <= 0) return this.bankValue;
    if (a > this.maxAbatement) return this.shortfallPrice;
    return Math.min(this.shortfallPrice, Math.max(this.bankValue, this.mac.marginalCost(a)));
  }

  /** ∫ m(h) dh over holdings [from, to], currency (from ≤ to). */
  integral(from: number, to: number): number {
    if (!(to > from)) return 0;
    let total = 0;
    // Holdings at or above the baseline: bank value.
    if (to > this.baseline) total += this.bankValue * (to - Math.max(from, this.baseline));
    // Abatement interval [aLow, aHigh] for the holdings below the baseline.
    const aLow = this.baseline - Math.min(to, this.baseline);
    const aHigh = this.baseline - from;
    if (aHigh <= aLow) return total;
    // Beyond shortfallAbatement (incl. beyond maxAbatement): the shortfall price.
    const capped = Math.max(aLow, this.shortfallAbatement);
    if (aHigh > capped) total += this.shortfallPrice * (aHigh - capped);
    const top = Math.min(aHigh, this.shortfallAbatement);
    if (top <= aLow) return total;
    // Up to bankAbatement: the bank value; above it: the curve's cost.
    const split = Math.min(Math.max(aLow, this.bankAbatement), top);
    total += this.bankValue * (split - aLow);
    if (top > split) total += this.mac.cost(top) - this.mac.cost(split);
    return total;
  }

  /** Value per tonne of buying `tonnes` more at holdings h, currency/t. */
  buyValue(holdings: number, tonnes: number): number {
    return this.integral(holdings, holdings + tonnes) / tonnes;
  }

  /** Value per tonne given up by selling `tonnes` at holdings h, currency/t (+∞ when it would leave a shortfall at an infinite penalty). */
  sellValue(holdings: number, tonnes: number): number {
    return this.integral(holdings - tonnes, holdings) / tonnes;
  }

  /**
   * The best whole-lot trade at `price` currency/t paying `feePerTonne` currency/t: buy lots while each is worth more
   * than price + fee, or sell lots (never more than held) while each is worth less than price − fee. At most
   * `maxLots` lots.
   */
  gainsFromTrade(holdings: number, price: number, feePerTonne: number, lotTonnes: number, maxLots = 1_000_000): GainsFromTrade {
    const buyPrice = price + feePerTonne;
    const sellPrice = price - feePerTonne;
    const buyLots = lastTrue(maxLots, (k) => this.buyValue(holdings + (k - 1) * lotTonnes, lotTonnes) > buyPrice);
    if (buyLots > 0) return { gain: this.integral(holdings, holdings + buyLots * lotTonnes) - buyLots * lotTonnes * buyPrice, lots: buyLots };
    const sellable = Math.min(maxLots, Math.floor(holdings / lotTonnes + 1e-9));
    const sellLots = lastTrue(sellable, (k) => this.sellValue(holdings - (k - 1) * lotTonnes, lotTonnes) < sellPrice);
    if (sellLots > 0) return { gain: sellLots * lotTonnes * sellPrice - this.integral(holdings - sellLots * lotTonnes, holdings), lots: -sellLots };
    return { gain: 0, lots: 0 };
  }
}
