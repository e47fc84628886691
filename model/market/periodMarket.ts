/**
 * One period's allowance market for a group of schemes that share a price (one scheme, or schemes fully linked).
 *
 * Excess demand at price p:
 *   Σ_firms (emissions − credits − free allocation + change of bank + make-good owed)
 *   − auction sold(p) − ceiling reserve sold(p) − penalty tonnes(p) − net imports.
 * Every term is non-increasing in p; terms that jump (a floor, a ceiling, a step of a MAC, a credit price, a
 * firm's banking indifference price) are ranges at the jump, so excess demand is an interval and clearing finds the
 * price whose interval contains zero (`findMonotoneRoot`). `realize` then picks the quantities at that price.
 *
 * Conventions: at a zero price holders keep surplus allowances (free disposal), so excess demand can be met by
 * holding; auctioned allowances are sold only at or above the reserve price (the floor); with `makeGood` the
 * penalty does not bound the price (the shortfall must still be surrendered later), so it applies only when no
 * price up to `maxPrice` clears.
 */
import type { ResolvedFirm, ResolvedScenario, ResolvedScheme } from '../engine/resolveScenario.js';
import { chooseFirmPeriod, newFirmChoice, type FirmChoice } from '../agents/firmChoice.js';
import { findMonotoneRoot, type Root, type ValueRange } from './monotoneRoot.js';
import { LinearAbatementAggregate } from './linearAbatementAggregate.js';
import { LinearMac } from '../agents/macCurve.js';

/**
 * Firms of one scheme whose response is linear in the marginal value (linear MAC, exogenous output) and whose credit
 * rules are share limits at exogenous prices: one marginal value applies to them all, so their total is evaluated
 * in O(log n) (`LinearAbatementAggregate`) instead of firm by firm.
 */
interface LinearBlock {
  s: number;
  abatement: LinearAbatementAggregate;
  baseline: number;
  freeAllocation: number;
}

/** A firm's end-of-period bank position choice at a price, for expectation-driven (sequential) markets. */
export interface BankPolicy {
  /** Position change range at `price` for firm `firm` (positive: adds to the bank or repays), written to out. */
  change(firm: ResolvedFirm, price: number, out: ValueRange): void;
  /** Prices where some firm's bank choice jumps. */
  breakpoints(): number[];
  /** Allowances the firm must surrender this period on top of its emissions (make-good, debt due), t. */
  owed(firm: ResolvedFirm): number;
  /** Bank (≥ 0) or debt (< 0) the firm carries into the period, t. */
  position(firm: ResolvedFirm): number;
  /** The summed change, owed and debt of a set of firms, for fast evaluation. */
  aggregate(firms: readonly ResolvedFirm[]): { change(price: number, out: ValueRange): void; owed: number; debt: number };
}

export interface FirmOutcome {
  firm: number;
  output: number;
  baseline: number;
  abatement: number;
  emissions: number;
  freeAllocation: number;
  /** Credits used per rule of the firm's scheme, allowance equivalent. */
  credits: number[];
  /** Change of the bank position (positive: banked or repaid). */
  bankChange: number;
  /** Allowances bought (positive) or sold (negative) on the market, including at auction. */
  netPurchase: number;
  penaltyTonnes: number;
}

export interface SchemeOutcome {
  scheme: number;
  auctionOffered: number;
  auctionSold: number;
  reserveSold: number;
  penaltyTonnes: number;
  freeGrandfathering: number;
  freeBenchmark: number;
  supply: number;
}

export interface PeriodOutcome {
  price: number;
  /** Credit price per credit type index (NaN where unused). */
  creditPrices: Float64Array;
  firms: FirmOutcome[];
  schemes: SchemeOutcome[];
  /** Allowances nobody wanted at a zero price (held by their owners), t. */
  unwantedAtZero: number;
  /** True when no price up to maxPrice cleared and the penalty settled the shortfall. */
  infeasible: boolean;
}

const NO_CREDITS: number[] = [];

export class InfeasibleMarketError extends Error {
  override readonly name = 'InfeasibleMarketError';
}

export class PeriodMarket {
  private readonly firms: ResolvedFirm[];
  private readonly schemes: ResolvedScheme[];
  private readonly choice: FirmChoice;
  private readonly creditCosts: Float64Array[];
  /** Credit price per credit type (exogenous, or solved for supply curves). */
  readonly creditPrices: Float64Array;
  private readonly supplyCurveTypes: number[];
  private readonly penaltyCapsPrice: boolean;
  private readonly blocks: LinearBlock[];
  private readonly slowFirms: { firm: ResolvedFirm; s: number }[];
  private readonly bankAggregates: { change(price: number, out: ValueRange): void; owed: number; debt: number }[] | null;
  /**
   * Highest price this market can have: an unlimited ceiling reserve or a penalty without make-good supplies any
   * quantity there. Asked about a higher price, the market answers as at the cap (the range reaches −∞ there).
   */
  readonly priceCap: number;

  constructor(
    private readonly scenario: ResolvedScenario,
    schemeIndices: readonly number[],
    readonly period: number,
    private readonly bankPolicy: BankPolicy | null,
    /** Auction volume carried forward from earlier periods, by scheme index. */
    private readonly carriedAuction: ArrayLike<number> = [],
  ) {
    this.schemes = schemeIndices.map((s) => scenario.schemes[s]!);
    this.firms = this.schemes.flatMap((scheme) => scheme.firms.map((f) => scenario.firms[f]!));
    const maxRules = Math.max(0, ...this.schemes.map((s) => s.credits.length));
    this.choice = newFirmChoice(maxRules);
    this.creditCosts = this.schemes.map((s) => new Float64Array(s.credits.length));
    this.creditPrices = new Float64Array(scenario.creditTypes.length).fill(Number.NaN);
    const used = new Set(this.schemes.flatMap((s) => s.credits.map((rule) => rule.creditType)));
    this.supplyCurveTypes = [...used].filter((k) => scenario.creditTypes[k]!.supply !== null);
    for (const k of used) {
      const exogenous = scenario.creditTypes[k]!.price;
      if (exogenous !== null) this.creditPrices[k] = exogenous[period]!;
    }
    this.penaltyCapsPrice = this.schemes.some((s) => Number.isFinite(s.penalty[period]!) && s.makeGood === 0);
    this.blocks = [];
    this.slowFirms = [];
    this.schemes.forEach((scheme, s) => {
      let shareTotal = 0;
      for (const rule of scheme.credits) shareTotal += rule.share;
      const rulesFit = shareTotal <= 1 && scheme.credits.every((rule) => rule.tonnes === Number.POSITIVE_INFINITY && scenario.creditTypes[rule.creditType]!.price !== null);
      const slopes: number[] = [];
      const caps: number[] = [];
      let baseline = 0;
      let freeAllocation = 0;
      for (const f of scheme.firms) {
        const firm = scenario.firms[f]!;
        if (rulesFit && firm.mac instanceof LinearMac && firm.outputSlope === 0) {
          const firmBaseline = firm.fixedEmissions + firm.emissionsPerOutput * firm.referenceOutput[period]!;
          slopes.push(firm.mac.slope);
          caps.push(Math.min(firm.mac.maxAbatement, firmBaseline));
          baseline += firmBaseline;
          freeAllocation += firm.fixedAllocation[period]! + firm.allocationPerOutput[period]! * firm.referenceOutput[period]!;
        } else {
          this.slowFirms.push({ firm, s });
        }
      }
      if (slopes.length > 0) this.blocks.push({ s, abatement: new LinearAbatementAggregate(slopes, caps), baseline, freeAllocation });
    });
    this.bankAggregates = bankPolicy === null ? null : this.schemes.map((scheme) => bankPolicy.aggregate(scheme.firms.map((f) => scenario.firms[f]!)));
    let cap = Number.POSITIVE_INFINITY;
    for (const scheme of this.schemes) {
      if (scheme.ceiling !== null && scheme.ceilingReserve === Number.POSITIVE_INFINITY) cap = Math.min(cap, scheme.ceiling[period]!);
      if (Number.isFinite(scheme.penalty[period]!) && scheme.makeGood === 0) cap = Math.min(cap, scheme.penalty[period]!);
    }
    this.priceCap = cap;
  }

  private schemeOf(firm: ResolvedFirm): number {
    return this.schemes.findIndex((s) => s.index === firm.scheme);
  }

  private setCreditCosts(): void {
    for (let s = 0; s < this.schemes.length; s++) {
      const rules = this.schemes[s]!.credits;
      const costs = this.creditCosts[s]!;
      for (let k = 0; k < rules.length; k++) costs[k] = this.creditPrices[rules[k]!.creditType]! / rules[k]!.exchangeRate;
    }
  }

  /** Credits of type `type` demanded (in credits, not allowance equivalent) at allowance price `price`, at most. */
  private creditDemand(type: number, price: number, out: ValueRange): void {
    this.setCreditCosts();
    let least = 0;
    let most = 0;
    for (const firm of this.firms) {
      const s = this.schemeOf(firm);
      const rules = this.schemes[s]!.credits;
      const position = rules.findIndex((rule) => rule.creditType === type);
      if (position < 0) continue;
      chooseFirmPeriod(firm, this.period, price, rules, this.creditCosts[s]!, this.choice);
      least += this.choice.creditsLeast[position]! / rules[position]!.exchangeRate;
      most += this.choice.creditsMost[position]! / rules[position]!.exchangeRate;
    }
    out.lo = least;
    out.hi = most;
  }

  /** Solves the price of each supply-curve credit type at allowance price `price` (credit market clearing). */
  private solveCreditPrices(price: number): void {
    if (this.supplyCurveTypes.length === 0) return;
    const demand: ValueRange = { lo: 0, hi: 0 };
    for (let sweep = 0; sweep < 100; sweep++) {
      let largestChange = 0;
      for (const type of this.supplyCurveTypes) {
        const supply = this.scenario.creditTypes[type]!.supply!;
        let parity = 0;
        for (const scheme of this.schemes) {
          for (const rule of scheme.credits) if (rule.creditType === type) parity = Math.max(parity, price * rule.exchangeRate);
        }
        const quantityAt = (creditPrice: number): number =>
          Math.min(supply.maxQuantity, Math.max(0, (creditPrice - supply.minPrice) * supply.slope));
        const previous = this.creditPrices[type]!;
        if (parity <= supply.minPrice) {
          this.creditPrices[type] = parity;
        } else {
          const root = findMonotoneRoot(
            (creditPrice, out) => {
              this.creditPrices[type] = creditPrice;
              this.creditDemand(type, price, demand);
              const supplied = quantityAt(creditPrice);
              out.lo = demand.lo - supplied;
              out.hi = demand.hi - supplied;
            },
            { lower: supply.minPrice, upper: parity, relativeTolerance: 1e-14 },
          );
          this.creditPrices[type] = root.x;
        }
        const change = Math.abs(this.creditPrices[type]! - previous);
        if (!(change <= largestChange)) largestChange = Number.isNaN(change) ? Number.POSITIVE_INFINITY : change;
      }
      if (this.supplyCurveTypes.length === 1 || largestChange <= 1e-12 * Math.max(1, price)) return;
    }
    throw new InfeasibleMarketError(`period ${this.period}: credit prices did not converge`);
  }

  /**
   * Supply-curve credits priced at parity with allowances are not rationed by limits: firms are indifferent, and
   * the quantity used is what the curve supplies at that price. Returns, per scheme position and rule, that quantity
   * in allowance equivalent, or NaN where the firm's own choice stands.
   */
  private paritySupply(price: number): Float64Array[] {
    return this.schemes.map((scheme) => Float64Array.from(scheme.credits, (rule) => {
      const type = this.scenario.creditTypes[rule.creditType]!;
      if (type.supply === null) return Number.NaN;
      const creditPrice = this.creditPrices[rule.creditType]!;
      const parity = price * rule.exchangeRate;
      if (!(creditPrice >= parity * (1 - 1e-12))) return Number.NaN;
      return Math.min(type.supply.maxQuantity, Math.max(0, (creditPrice - type.supply.minPrice) * type.supply.slope)) * rule.exchangeRate;
    }));
  }

  /** Supply elements at price p for one scheme: [least, most] of auction + reserve + penalty tonnes. */
  private schemeSupply(scheme: ResolvedScheme, offered: number, price: number, penaltyCapacity: number, out: ValueRange): void {
    const floor = scheme.floor === null ? 0 : scheme.floor[this.period]!;
    let least = 0;
    let most = 0;
    if (price > floor) { least += offered; most += offered; }
    else if (price === floor) most += offered;
    if (scheme.ceiling !== null) {
      const ceiling = scheme.ceiling[this.period]!;
      if (price > ceiling) { least += scheme.ceilingReserve; most += scheme.ceilingReserve; }
      else if (price === ceiling) most += scheme.ceilingReserve;
    }
    // Paying the penalty replaces surrendering, so it can stand in for at most what firms must surrender.
    const penalty = scheme.penalty[this.period]!;
    if (Number.isFinite(penalty) && scheme.makeGood === 0) {
      if (price > penalty) { least += penaltyCapacity; most += penaltyCapacity; }
      else if (price === penalty) most += penaltyCapacity;
    }
    out.lo = least;
    out.hi = most;
  }

  private readonly bankRange: ValueRange = { lo: 0, hi: 0 };
  private readonly supplyRange: ValueRange = { lo: 0, hi: 0 };

  /** Excess demand range at `price`, with `imports` allowances arriving from linked markets. */
  /** The price actually paid when `price` is asked for: no more than the cap. */
  effectivePrice(price: number): number {
    return Math.min(price, this.priceCap);
  }

  excessDemand(askedPrice: number, out: ValueRange, imports = 0): void {
    const price = Math.min(askedPrice, this.priceCap);
    this.solveCreditPrices(price);
    this.setCreditCosts();
    let least = 0;
    let most = 0;
    const parity = this.paritySupply(price);
    const freeByScheme = new Float64Array(this.schemes.length);
    const capacityByScheme = new Float64Array(this.schemes.length);
    for (const block of this.blocks) {
      // One marginal value for the whole block: the price less each cheaper credit's discount on its share.
      const rules = this.schemes[block.s]!.credits;
      const costs = this.creditCosts[block.s]!;
      let value = price;
      let strictShare = 0;
      let equalShare = 0;
      for (let k = 0; k < rules.length; k++) {
        const share = rules[k]!.share;
        if (costs[k]! < price) { value -= share * (price - costs[k]!); strictShare += share; }
        else if (costs[k] === price) equalShare += share;
      }
      const emissions = block.baseline - block.abatement.total(value);
      most += Math.max(emissions * (1 - strictShare), 0) - block.freeAllocation;
      least += Math.max(emissions * (1 - strictShare - equalShare), 0) - block.freeAllocation;
      freeByScheme[block.s]! += block.freeAllocation;
      capacityByScheme[block.s]! += emissions;
    }
    for (const { firm, s } of this.slowFirms) {
      const scheme = this.schemes[s]!;
      chooseFirmPeriod(firm, this.period, price, scheme.credits, this.creditCosts[s]!, this.choice);
      least += this.choice.netLeast;
      most += this.choice.netMost;
      for (let k = 0; k < scheme.credits.length; k++) {
        // Parity credits: undo the firm's range here, the supplied quantity is subtracted once below.
        if (!Number.isNaN(parity[s]![k]!)) { least += this.choice.creditsMost[k]!; most += this.choice.creditsLeast[k]!; }
      }
      freeByScheme[s]! += this.choice.freeAllocation;
      capacityByScheme[s]! += this.choice.baseline - this.choice.abatementLeast;
    }
    if (this.bankAggregates !== null) {
      for (let s = 0; s < this.schemes.length; s++) {
        const aggregate = this.bankAggregates[s]!;
        aggregate.change(price, this.bankRange);
        least += this.bankRange.lo + aggregate.owed;
        most += this.bankRange.hi + aggregate.owed;
        capacityByScheme[s]! += aggregate.owed + aggregate.debt;
      }
    }
    for (let s = 0; s < this.schemes.length; s++) {
      this.schemeSupply(this.schemes[s]!, this.auctionOffered(s, freeByScheme[s]!), price, capacityByScheme[s]!, this.supplyRange);
      least -= this.supplyRange.hi;
      most -= this.supplyRange.lo;
    }
    for (const rules of parity) for (const quantity of rules) if (!Number.isNaN(quantity)) { least -= quantity; most -= quantity; }
    least -= imports;
    most -= imports;
    if (price === 0) most = Number.POSITIVE_INFINITY;
    out.lo = least;
    out.hi = most;
  }

  /** Auction volume offered by scheme position `s` given its total free allocation this period. */
  private auctionOffered(s: number, freeAllocation: number): number {
    const scheme = this.schemes[s]!;
    if (scheme.targetType !== 'absolute') return 0;
    return Math.max(0, scheme.cap[this.period]! - freeAllocation) + (this.carriedAuction[scheme.index] ?? 0);
  }

  /** Every price where excess demand may jump, sorted. */
  breakpoints(): Float64Array {
    const points: number[] = [];
    for (const scheme of this.schemes) {
      if (scheme.floor !== null) points.push(scheme.floor[this.period]!);
      if (scheme.ceiling !== null) points.push(scheme.ceiling[this.period]!);
      if (Number.isFinite(scheme.penalty[this.period]!) && scheme.makeGood === 0) points.push(scheme.penalty[this.period]!);
      for (const rule of scheme.credits) {
        const price = this.creditPrices[rule.creditType]!;
        if (this.scenario.creditTypes[rule.creditType]!.price !== null && Number.isFinite(price)) points.push(price / rule.exchangeRate);
      }
      for (const f of scheme.firms) {
        const mac = this.scenario.firms[f]!.mac;
        if ('unitCosts' in mac) for (const cost of (mac as { unitCosts: Float64Array }).unitCosts) points.push(cost);
      }
    }
    if (this.bankPolicy !== null) points.push(...this.bankPolicy.breakpoints());
    const sorted = Float64Array.from(points.filter((p) => p > 0 && Number.isFinite(p)));
    sorted.sort();
    return sorted;
  }

  /** Clears the market: the price where excess demand's range contains zero. */
  clear(imports = 0): Root {
    const root = findMonotoneRoot((price, out) => this.excessDemand(price, out, imports), {
      lower: 0,
      upper: this.scenario.maxPrice,
      breakpoints: this.breakpoints(),
    });
    // Above the cap the market answers as at the cap, so any root found there is the cap itself.
    return { ...root, x: this.effectivePrice(root.x) };
  }

  /**
   * Quantities at `price`. Where demand or supply is a range, the realised total is the point of the two ranges'
   * overlap nearest the middle; every firm then takes the same fraction of its own range, and so does each supply
   * element, which keeps the choice deterministic and order-independent.
   */
  realize(askedPrice: number, imports = 0, infeasible = false): PeriodOutcome {
    const price = this.effectivePrice(askedPrice);
    this.solveCreditPrices(price);
    this.setCreditCosts();
    const parity = this.paritySupply(price);
    const parityDemand = this.schemes.map((scheme) => new Float64Array(scheme.credits.length));
    const firmChoices: { firm: ResolvedFirm; s: number; choice: FirmChoice; bankLo: number; bankHi: number; owed: number }[] = [];
    let demandLeast = 0;
    let demandMost = 0;
    const freeByScheme = new Float64Array(this.schemes.length);
    for (let s = 0; s < this.schemes.length; s++) {
      const scheme = this.schemes[s]!;
      for (const f of scheme.firms) {
        const firm = this.scenario.firms[f]!;
        const choice = chooseFirmPeriod(firm, this.period, price, scheme.credits, this.creditCosts[s]!, newFirmChoice(scheme.credits.length));
        for (let k = 0; k < scheme.credits.length; k++) if (!Number.isNaN(parity[s]![k]!)) parityDemand[s]![k]! += choice.creditsMost[k]!;
        let bankLo = 0;
        let bankHi = 0;
        let owed = 0;
        firmChoices.push({ firm, s, choice, bankLo, bankHi, owed });
      }
    }
    const capacityByScheme = new Float64Array(this.schemes.length);
    // Second pass: parity credits shared in proportion to what each firm could use; then totals.
    for (const entry of firmChoices) {
      const { firm, s, choice } = entry;
      const scheme = this.schemes[s]!;
      for (let k = 0; k < scheme.credits.length; k++) {
        const supplied = parity[s]![k]!;
        if (Number.isNaN(supplied)) continue;
        const total = parityDemand[s]![k]!;
        const used = total > 0 ? (supplied * choice.creditsMost[k]!) / total : 0;
        choice.netLeast += choice.creditsMost[k]! - used;
        choice.netMost += choice.creditsLeast[k]! - used;
        choice.creditsLeast[k] = used;
        choice.creditsMost[k] = used;
      }
      if (this.bankPolicy !== null) {
        this.bankPolicy.change(firm, price, this.bankRange);
        entry.bankLo = this.bankRange.lo;
        entry.bankHi = this.bankRange.hi;
        entry.owed = this.bankPolicy.owed(firm);
      }
      demandLeast += choice.netLeast + entry.bankLo + entry.owed;
      demandMost += choice.netMost + entry.bankHi + entry.owed;
      freeByScheme[s]! += choice.freeAllocation;
      capacityByScheme[s]! += choice.baseline - choice.abatementLeast + entry.owed
        + (this.bankPolicy === null ? 0 : Math.max(0, -this.bankPolicy.position(firm)));
    }
    const offered = this.schemes.map((_, s) => this.auctionOffered(s, freeByScheme[s]!));
    const supplies = this.schemes.map((scheme, s) => {
      const range = { lo: 0, hi: 0 };
      this.schemeSupply(scheme, offered[s]!, price, capacityByScheme[s]!, range);
      return range;
    });
    let supplyLeast = imports;
    let supplyMost = imports;
    for (const range of supplies) { supplyLeast += range.lo; supplyMost += range.hi; }

    // Realised traded total: inside both ranges if they overlap, else the residual of the tolerance stays visible.
    const overlapLow = Math.max(demandLeast, supplyLeast);
    const overlapHigh = Math.min(demandMost, supplyMost);
    let demandTotal: number;
    let supplyTotal: number;
    if (overlapLow <= overlapHigh) {
      const mid = Number.isFinite(overlapHigh) ? 0.5 * (overlapLow + overlapHigh) : overlapLow;
      demandTotal = mid;
      supplyTotal = mid;
    } else {
      demandTotal = demandLeast > supplyMost ? demandLeast : demandMost;
      supplyTotal = demandLeast > supplyMost ? supplyMost : supplyLeast;
    }
    let unwantedAtZero = 0;
    if (price === 0 && demandMost < supplyLeast) {
      // Free disposal: nobody buys the surplus at a zero price, so sellers keep what they cannot sell.
      unwantedAtZero = supplyLeast - demandMost;
      demandTotal = demandMost;
      supplyTotal = supplyLeast;
    }
    const demandShare = demandMost > demandLeast ? Math.min(1, Math.max(0, (demandTotal - demandLeast) / (demandMost - demandLeast))) : 0;

    const firms: FirmOutcome[] = firmChoices.map(({ firm, choice, bankLo, bankHi, owed }) => {
      // Higher demand share ⇒ less abatement, fewer credits, more banking (all move demand up).
      const abatement = choice.abatementMost - demandShare * (choice.abatementMost - choice.abatementLeast);
      const credits = choice.creditsLeast.length === 0 ? NO_CREDITS : new Array<number>(choice.creditsLeast.length);
      let creditTotal = 0;
      for (let k = 0; k < credits.length; k++) {
        credits[k] = choice.creditsMost[k]! - demandShare * (choice.creditsMost[k]! - choice.creditsLeast[k]!);
        creditTotal += credits[k]!;
      }
      const emissions = choice.baseline - abatement;
      const bankChange = bankLo + demandShare * (bankHi - bankLo);
      return {
        firm: firm.index,
        output: choice.output,
        baseline: choice.baseline,
        abatement,
        emissions,
        freeAllocation: choice.freeAllocation,
        credits,
        bankChange,
        netPurchase: emissions + owed - creditTotal - choice.freeAllocation + bankChange,
        penaltyTonnes: 0,
      };
    });

    // Supply side: auction first, then the ceiling reserve, then the penalty settles what is left.
    const freeGrandfatheringByScheme = new Float64Array(this.schemes.length);
    const freeBenchmarkByScheme = new Float64Array(this.schemes.length);
    for (let position = 0; position < firms.length; position++) {
      const { firm, s } = firmChoices[position]!;
      if (firm.allocationMethod === 'grandfathering') freeGrandfatheringByScheme[s]! += firms[position]!.freeAllocation;
      else freeBenchmarkByScheme[s]! += firms[position]!.freeAllocation;
    }
    const schemes: SchemeOutcome[] = this.schemes.map((scheme, s) => {
      const freeGrandfathering = freeGrandfatheringByScheme[s]!;
      const freeBenchmark = freeBenchmarkByScheme[s]!;
      return {
        scheme: scheme.index, auctionOffered: offered[s]!, auctionSold: 0, reserveSold: 0, penaltyTonnes: 0,
        freeGrandfathering, freeBenchmark,
        supply: scheme.targetType === 'absolute' ? scheme.cap[this.period]! : freeBenchmark + freeGrandfathering,
      };
    });
    let toSupply = Math.max(0, supplyTotal - imports);
    const floorShare = (s: number): number => {
      const floor = this.schemes[s]!.floor === null ? 0 : this.schemes[s]!.floor![this.period]!;
      return price >= floor ? offered[s]! : 0;
    };
    for (let s = 0; s < schemes.length && toSupply > 0; s++) {
      const sold = Math.min(toSupply, floorShare(s));
      schemes[s]!.auctionSold = sold;
      toSupply -= sold;
    }
    for (let s = 0; s < schemes.length && toSupply > 0; s++) {
      const scheme = this.schemes[s]!;
      if (scheme.ceiling !== null && price >= scheme.ceiling[this.period]!) {
        const sold = Math.min(toSupply, scheme.ceilingReserve);
        schemes[s]!.reserveSold = sold;
        toSupply -= sold;
      }
    }
    // Infeasible: no price clears, so the whole gap between demand and what can be supplied is penalised.
    if (infeasible) toSupply += Math.max(0, demandTotal - supplyTotal);
    if (toSupply > 0 && (this.penaltyCapsPrice || infeasible)) {
      // Shortfall settled by the penalty: spread over the firms short for compliance (purchases other than for
      // banking) in proportion to that need.
      const need = firms.map((outcome, position) => {
        const firm = this.scenario.firms[outcome.firm]!;
        const debt = this.bankPolicy === null ? 0 : Math.max(0, -this.bankPolicy.position(firm));
        let credits = 0;
        for (const c of outcome.credits) credits += c;
        // What the firm must hand over this period: emissions and make-good, less credits, plus debt it repays.
        return Math.max(0, outcome.emissions + firmChoices[position]!.owed - credits) + Math.min(debt, Math.max(0, outcome.bankChange));
      });
      const totalNeed = need.reduce((sum, x) => sum + x, 0);
      firms.forEach((outcome, position) => {
        if (need[position]! <= 0 || totalNeed <= 0) return;
        const tonnes = Math.min(need[position]!, (toSupply * need[position]!) / totalNeed);
        outcome.penaltyTonnes = tonnes;
        outcome.netPurchase -= tonnes;
        const s = this.schemes.findIndex((scheme) => scheme.index === this.scenario.firms[outcome.firm]!.scheme);
        schemes[s]!.penaltyTonnes += tonnes;
      });
      toSupply = 0;
    }
    if (unwantedAtZero > 0) {
      // Sellers' sales shrink in proportion so that what is sold equals what is bought; they hold the rest.
      let selling = 0;
      for (const outcome of firms) if (outcome.netPurchase < 0) selling -= outcome.netPurchase;
      const kept = Math.min(unwantedAtZero, selling);
      for (const outcome of firms) {
        if (outcome.netPurchase >= 0 || selling <= 0) continue;
        const extra = (kept * -outcome.netPurchase) / selling;
        outcome.netPurchase += extra;
        outcome.bankChange += extra;
      }
    }
    return { price, creditPrices: Float64Array.from(this.creditPrices), firms, schemes, unwantedAtZero, infeasible };
  }
}
