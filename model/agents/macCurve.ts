/**
 * Marginal abatement cost (MAC) curves. A curve answers two questions for one firm and period:
 * how much the firm abates at a given marginal value of abatement (currency/t), and what abating a tonnes costs.
 *
 * Step curves make the answer a range at a measure's own cost (the firm is indifferent there), so
 * `abatementRange` returns [least, most]; continuous curves return a single point.
 */
import type { MacSpec } from '../scenario/schema.js';

export interface AbatementRange {
  /** Least abatement that is optimal at this price, t. */
  least: number;
  /** Most abatement that is optimal at this price, t. */
  most: number;
}

export interface MacCurve {
  /** Optimal abatement at marginal value `price`, capped at `ceiling` (the firm cannot abate more than it emits). */
  abatementRange(price: number, ceiling: number, out: AbatementRange): AbatementRange;
  /** Total cost of abating `abatement` tonnes, currency (the integral of the MAC from 0). */
  cost(abatement: number): number;
  /** Marginal cost at `abatement`, currency/t (for steps, the cost of the measure that abates the next tonne). */
  marginalCost(abatement: number): number;
}

/** MAC(a) = slope × a on [0, maxAbatement]; cost = slope a² / 2. */
export class LinearMac implements MacCurve {
  constructor(readonly slope: number, readonly maxAbatement: number) {}
  abatementRange(price: number, ceiling: number, out: AbatementRange): AbatementRange {
    const cap = Math.min(this.maxAbatement, ceiling);
    const a = price <= 0 ? 0 : Math.min(price / this.slope, cap);
    out.least = a;
    out.most = a;
    return out;
  }
  cost(abatement: number): number {
    return 0.5 * this.slope * abatement * abatement;
  }
  marginalCost(abatement: number): number {
    return this.slope * abatement;
  }
}

/** MAC(a) = coefficient × a^exponent on [0, maxAbatement]; cost = coefficient a^(k+1) / (k+1). */
export class PowerMac implements MacCurve {
  private readonly inverseExponent: number;
  constructor(readonly coefficient: number, readonly exponent: number, readonly maxAbatement: number) {
    this.inverseExponent = 1 / exponent;
  }
  abatementRange(price: number, ceiling: number, out: AbatementRange): AbatementRange {
    const cap = Math.min(this.maxAbatement, ceiling);
    const a = price <= 0 ? 0 : Math.min((price / this.coefficient) ** this.inverseExponent, cap);
    out.least = a;
    out.most = a;
    return out;
  }
  cost(abatement: number): number {
    return (this.coefficient * abatement ** (this.exponent + 1)) / (this.exponent + 1);
  }
  marginalCost(abatement: number): number {
    return this.coefficient * abatement ** this.exponent;
  }
}

/** One discrete measure of a step curve, with its cost per tonne already including any annualised capital cost. */
export interface StepMeasure {
  capacity: number;
  /** Cost per tonne used for the adoption decision, currency/t. */
  unitCost: number;
  /** Cost per tonne once adopted (capital sunk), currency/t; equals unitCost without a capital cost. */
  runningCost?: number;
  /** Periods an adopted measure keeps its running cost; 0 when it has no capital cost. */
  lifetime?: number;
  /** Position in the scenario's list of measures, kept through sorting. */
  id?: number;
}

/**
 * Stepwise MAC: measures sorted by cost; at price p every measure cheaper than p runs fully, measures costing
 * exactly p may run at any level. Capital costs enter as a levelised cost per tonne (see `levelisedUnitCost`).
 */
export class StepMac implements MacCurve {
  readonly capacities: Float64Array;
  readonly unitCosts: Float64Array;
  /** The measures in cost order, with their running cost and lifetime (see `CapitalStock`). */
  readonly measures: readonly StepMeasure[];
  constructor(measures: readonly StepMeasure[]) {
    const sorted = measures.map((m, k) => ({ ...m, id: m.id ?? k })).sort((x, y) => x.unitCost - y.unitCost || x.id - y.id);
    this.measures = sorted;
    this.capacities = Float64Array.from(sorted, (m) => m.capacity);
    this.unitCosts = Float64Array.from(sorted, (m) => m.unitCost);
  }
  abatementRange(price: number, ceiling: number, out: AbatementRange): AbatementRange {
    let below = 0;
    let atPrice = 0;
    for (let k = 0; k < this.unitCosts.length; k++) {
      const unitCost = this.unitCosts[k]!;
      if (unitCost < price) below += this.capacities[k]!;
      else if (unitCost === price) atPrice += this.capacities[k]!;
      else break;
    }
    out.least = Math.min(below, ceiling);
    out.most = Math.min(below + atPrice, ceiling);
    return out;
  }
  cost(abatement: number): number {
    let remaining = abatement;
    let total = 0;
    for (let k = 0; k < this.unitCosts.length && remaining > 0; k++) {
      const used = Math.min(remaining, this.capacities[k]!);
      total += used * this.unitCosts[k]!;
      remaining -= used;
    }
    return total;
  }
  marginalCost(abatement: number): number {
    let cumulative = 0;
    for (let k = 0; k < this.unitCosts.length; k++) {
      cumulative += this.capacities[k]!;
      if (abatement < cumulative) return this.unitCosts[k]!;
    }
    return this.unitCosts.length > 0 ? this.unitCosts[this.unitCosts.length - 1]! : 0;
  }
}

/**
 * Cost per tonne of a measure with an up-front capital cost: running cost plus the capital cost spread over its
 * lifetime with the capital recovery factor r / (1 − (1 + r)^−L), divided by the tonnes it abates per period.
 */
export function levelisedUnitCost(runningCost: number, capacity: number, capitalCost: number, lifetime: number, discountRate: number): number {
  if (capitalCost === 0) return runningCost;
  const recoveryFactor = discountRate === 0 ? 1 / lifetime : discountRate / (1 - (1 + discountRate) ** -lifetime);
  return runningCost + (capitalCost * recoveryFactor) / capacity;
}

/** Builds the curve a spec describes; `costScale` multiplies every cost (for template heterogeneity). */
export function macCurveFromSpec(spec: MacSpec, discountRate: number, costScale = 1): MacCurve {
  switch (spec.type) {
    case 'linear':
      return new LinearMac(spec.slope * costScale, spec.maxAbatement ?? Number.POSITIVE_INFINITY);
    case 'power':
      return new PowerMac(spec.coefficient * costScale, spec.exponent, spec.maxAbatement ?? Number.POSITIVE_INFINITY);
    case 'steps':
      return new StepMac(
        spec.measures.map((m, id) => ({
          id,
          capacity: m.capacity,
          unitCost: levelisedUnitCost(m.cost, m.capacity, m.capitalCost ?? 0, m.lifetime ?? 1, discountRate) * costScale,
          runningCost: m.cost * costScale,
          lifetime: (m.capitalCost ?? 0) > 0 ? m.lifetime ?? 1 : 0,
        })),
      );
  }
}
