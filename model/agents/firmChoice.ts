/**
 * A price-taking firm's choice in one period, given the allowance price and the cost of each eligible credit:
 * how much it produces, abates and emits, how many credits it uses, and so how many allowances it needs.
 *
 * Credits with a limit proportional to emissions change the value of abating: with share s of emissions coverable
 * by a credit costing c < p, each extra tonne emitted needs (1 − s) allowances and s credits, so the firm abates
 * until MAC = p − s(p − c). Once the firm reaches a tonnage limit the discount stops. That marginal value rises with
 * emissions, so the firm's choice is the crossing of a falling emissions response with a rising step function; the
 * loop below walks its segments.
 *
 * Banking is not decided here: under perfect foresight it is an aggregate decision (see `intertemporalSolver`),
 * under expectations it is added by `expectationBanking`.
 */
import type { ResolvedFirm, ResolvedCreditRule } from '../engine/resolveScenario.js';
import type { AbatementRange } from './macCurve.js';

export interface FirmChoice {
  output: number;
  baseline: number;
  freeAllocation: number;
  abatementLeast: number;
  abatementMost: number;
  /** Marginal value of abatement the firm acts on, currency/t. */
  marginalValue: number;
  /** Credits used per rule of the firm's scheme, allowance equivalent, at least / at most. */
  creditsLeast: number[];
  creditsMost: number[];
  /** Allowances needed beyond free allocation (negative: surplus), before banking: at least / at most. */
  netLeast: number;
  netMost: number;
}

export function newFirmChoice(ruleCount: number): FirmChoice {
  return {
    output: 0, baseline: 0, freeAllocation: 0, abatementLeast: 0, abatementMost: 0, marginalValue: 0,
    creditsLeast: new Array<number>(ruleCount).fill(0), creditsMost: new Array<number>(ruleCount).fill(0), netLeast: 0, netMost: 0,
  };
}

const range: AbatementRange = { least: 0, most: 0 };

/** Output, baseline emissions and abatement at marginal value `value` (writes output/baseline/abatement fields). */
function respond(firm: ResolvedFirm, period: number, price: number, value: number, out: FirmChoice): void {
  let output = firm.referenceOutput[period]!;
  const perOutputAllocation = firm.allocationPerOutput[period]!;
  if (firm.outputSlope > 0) {
    // Profit-maximising output: marginal production cost rises by `outputSlope` per unit; the carbon cost of a unit
    // is value × intensity, and output-based allocation pays back price × allocation per unit.
    const carbonCostPerUnit = value * firm.emissionsPerOutput - price * perOutputAllocation;
    output = Math.max(0, output - carbonCostPerUnit / firm.outputSlope);
  }
  const baseline = firm.fixedEmissions + firm.emissionsPerOutput * output;
  firm.mac.abatementRange(value, baseline, range);
  out.output = output;
  out.baseline = baseline;
  out.freeAllocation = firm.fixedAllocation[period]! + perOutputAllocation * output;
  out.abatementLeast = range.least;
  out.abatementMost = range.most;
  out.marginalValue = value;
}

/**
 * The firm's choice at allowance price `price`, with `creditCosts[k]` the cost of rule k's credit per allowance it
 * replaces (credit price / exchange rate). Writes into `out`.
 */
export function chooseFirmPeriod(
  firm: ResolvedFirm,
  period: number,
  price: number,
  rules: readonly ResolvedCreditRule[],
  creditCosts: ArrayLike<number>,
  out: FirmChoice,
): FirmChoice {
  if (rules.length === 0) {
    respond(firm, period, price, price, out);
    out.netLeast = out.baseline - out.abatementMost - out.freeAllocation;
    out.netMost = out.baseline - out.abatementLeast - out.freeAllocation;
    return out;
  }

  // Segments of emissions where the set of credit rules still below their tonnage limit is constant.
  // A rule with cost < price is "discounting" while share × emissions < tonnes.
  let boundaries: number[] | undefined;
  for (let k = 0; k < rules.length; k++) {
    const rule = rules[k]!;
    if (creditCosts[k]! < price && rule.share > 0 && Number.isFinite(rule.tonnes)) {
      (boundaries ??= []).push(rule.tonnes / rule.share);
    }
  }
  boundaries?.sort((a, b) => a - b);
  const segmentCount = (boundaries?.length ?? 0) + 1;
  let previousValue = Number.NaN;
  let solved = false;
  for (let j = 0; j < segmentCount && !solved; j++) {
    const segmentLow = j === 0 ? 0 : boundaries![j - 1]!;
    const segmentHigh = j < segmentCount - 1 ? boundaries![j]! : Number.POSITIVE_INFINITY;
    let value = price;
    for (let k = 0; k < rules.length; k++) {
      const rule = rules[k]!;
      const cost = creditCosts[k]!;
      if (cost < price && rule.share > 0 && rule.tonnes / rule.share > segmentLow) value -= rule.share * (price - cost);
    }
    respond(firm, period, price, value, out);
    const emissions = out.baseline - out.abatementMost;
    if (emissions < segmentHigh) {
      if (emissions >= segmentLow || j === 0) solved = true;
      else {
        // Kink: the firm emits exactly `segmentLow`, at a marginal value between the two segments' values.
        let low = previousValue;
        let high = value;
        for (let iteration = 0; iteration < 200 && high - low > 1e-12 * Math.max(1, high); iteration++) {
          const middle = 0.5 * (low + high);
          respond(firm, period, price, middle, out);
          if (out.baseline - out.abatementMost > segmentLow) low = middle;
          else high = middle;
        }
        respond(firm, period, price, high, out);
        const excess = out.baseline - out.abatementMost - segmentLow;
        // Absorb the bisection residual in abatement so emissions sit exactly on the kink.
        out.abatementMost += excess;
        out.abatementLeast = Math.min(out.abatementLeast + excess, out.abatementMost);
        solved = true;
      }
    }
    previousValue = value;
  }

  let creditsLeast = 0;
  let creditsMost = 0;
  const emissionsLeast = out.baseline - out.abatementMost;
  const emissionsMost = out.baseline - out.abatementLeast;
  for (let k = 0; k < rules.length; k++) {
    const rule = rules[k]!;
    const cost = creditCosts[k]!;
    const share = Math.min(rule.share, 1);
    let least = 0;
    let most = 0;
    if (cost <= price) {
      most = Math.min(share * emissionsMost, rule.tonnes);
      least = cost < price ? Math.min(share * emissionsLeast, rule.tonnes) : 0;
    }
    out.creditsLeast[k] = least;
    out.creditsMost[k] = most;
    creditsLeast += least;
    creditsMost += most;
  }
  // Credits used cannot exceed the obligation itself.
  out.netLeast = Math.max(emissionsLeast - creditsMost, 0) - out.freeAllocation;
  out.netMost = Math.max(emissionsMost - creditsLeast, 0) - out.freeAllocation;
  return out;
}
