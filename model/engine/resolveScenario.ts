/**
 * Turns a validated scenario into the flat, per-period numbers the engine works with: firm templates expanded,
 * paths expanded to arrays, each firm's allocation rule resolved to "fixed tonnes per period" plus "tonnes per unit of
 * actual output". Pure; never mutates the scenario. Assumes `parseScenario` has run (cross-references hold), but
 * still throws a precise error where a missing value would otherwise become NaN.
 */
import { ConfigurationError } from './configurationError.js';
import type { AllocationRuleSpec, FirmSpec, FirmTemplateSpec, Scenario, SchemeSpec, Strategy } from '../scenario/schema.js';
import { expandPricePath, expandQuantityPath } from '../scenario/paths.js';
import { macCurveFromSpec, type MacCurve } from '../agents/macCurve.js';

export interface ResolvedFirm {
  index: number;
  id: string;
  sector: string;
  scheme: number;
  strategy: Strategy;
  discountRate: number;
  /** Output each period when the carbon cost is zero (trend × shock), activity units. */
  referenceOutput: Float64Array;
  /** Marginal production cost slope when output responds to carbon cost; 0 means output is exogenous. */
  outputSlope: number;
  fixedEmissions: number;
  emissionsPerOutput: number;
  mac: MacCurve;
  /** Free allocation fixed before the period (grandfathering, historical benchmark), t per period. */
  fixedAllocation: Float64Array;
  /** Free allocation per unit of actual output (output-based benchmark, intensity target), t per activity unit. */
  allocationPerOutput: Float64Array;
  allocationMethod: 'grandfathering' | 'benchmark' | 'auction' | 'intensity';
  /** Bank or borrowing share weight: the firm's share of the scheme's covered baseline emissions in period 0. */
  bankWeight: number;
}

export interface ResolvedCreditRule {
  creditType: number;
  share: number;
  tonnes: number;
  exchangeRate: number;
}

export interface ResolvedCreditType {
  index: number;
  id: string;
  /** Exogenous price per credit each period, or null when the credit has a supply curve. */
  price: Float64Array | null;
  supply: { minPrice: number; slope: number; maxQuantity: number } | null;
}

export interface ResolvedScheme {
  index: number;
  id: string;
  targetType: 'absolute' | 'intensity';
  /** Cap per period for absolute targets; NaN for intensity targets (supply follows output). */
  cap: Float64Array;
  firms: number[];
  compliancePeriodLength: number;
  bankingMode: 'unlimited' | 'limited' | 'none';
  bankLimitShare: number;
  borrowingMode: 'none' | 'limited' | 'withinCompliancePeriod';
  borrowLimitShare: number;
  borrowInterest: number;
  /** Carry-over limit (share of supply) at the end of period t, or NaN where none applies. */
  carryOverShare: Float64Array;
  credits: ResolvedCreditRule[];
  floor: Float64Array | null;
  ceiling: Float64Array | null;
  ceilingReserve: number;
  /** Penalty per tonne not surrendered, per period (Infinity where none). */
  penalty: Float64Array;
  makeGood: number;
  undersubscription: 'cancel' | 'carryForward';
}

export interface ResolvedScenario {
  name: string;
  years: number[];
  periodCount: number;
  discountRate: number;
  maxPrice: number;
  forceSequential: boolean;
  firms: ResolvedFirm[];
  schemes: ResolvedScheme[];
  creditTypes: ResolvedCreditType[];
  links: { from: number; to: number; twoWay: boolean; limit: number }[];
  adaptiveSmoothing: number;
  adaptiveInitialPrice: number;
  maxBankYears: number;
}

export class ScenarioResolutionError extends ConfigurationError {
  override readonly name = 'ScenarioResolutionError';
}

function spreadFactor(spread: number, k: number, count: number): number {
  return count <= 1 ? 1 : 1 - spread + (2 * spread * k) / (count - 1);
}

function expandTemplates(scenario: Scenario): { spec: FirmSpec; outputScale: number; costScale: number }[] {
  const expanded: { spec: FirmSpec; outputScale: number; costScale: number }[] = scenario.firms.map((spec) => ({ spec, outputScale: 1, costScale: 1 }));
  for (const template of scenario.firmTemplates) {
    const { count, idPrefix, spread, ...body } = template as FirmTemplateSpec;
    for (let k = 0; k < count; k++) {
      expanded.push({
        spec: { ...body, id: `${idPrefix ?? template.sector}-${k + 1}` },
        outputScale: spreadFactor(spread?.output ?? 0, k, count),
        costScale: spreadFactor(spread?.mac ?? 0, k, count),
      });
    }
  }
  return expanded;
}

function matchRule(rules: readonly AllocationRuleSpec[], sector: string): AllocationRuleSpec | undefined {
  return rules.find((rule) => rule.sectors === undefined || rule.sectors.includes(sector));
}

function sectorValue(value: number | Record<string, number>, sector: string, path: string): number {
  if (typeof value === 'number') return value;
  const v = value[sector];
  if (v === undefined) throw new ScenarioResolutionError(path, `no value for sector "${sector}"`);
  return v;
}

function historyMean(record: Record<string, number> | undefined, years: readonly number[], path: string): number {
  let sum = 0;
  for (const year of years) {
    const v = record?.[String(year)];
    if (v === undefined) throw new ScenarioResolutionError(path, `history has no value for ${year}`);
    sum += v;
  }
  return sum / years.length;
}

function resolveScheme(spec: SchemeSpec, index: number, scenario: Scenario, creditIndex: Map<string, number>): ResolvedScheme {
  const T = scenario.periods.count;
  const carryOverShare = new Float64Array(T).fill(Number.NaN);
  for (const rule of spec.carryOver ?? []) {
    const t = rule.afterYear - scenario.periods.start;
    if (t >= 0 && t < T) carryOverShare[t] = rule.limitShare;
  }
  const controls = spec.priceControls;
  return {
    index,
    id: spec.id,
    targetType: spec.target.type,
    cap: spec.target.type === 'absolute' ? expandQuantityPath(spec.target.cap, T) : new Float64Array(T).fill(Number.NaN),
    firms: [],
    compliancePeriodLength: spec.compliancePeriodLength,
    bankingMode: spec.banking?.mode ?? 'unlimited',
    bankLimitShare: spec.banking?.limitShare ?? 0,
    borrowingMode: spec.borrowing?.mode ?? 'none',
    borrowLimitShare: spec.borrowing?.limitShare ?? 0,
    borrowInterest: spec.borrowing?.interestRate ?? 0,
    carryOverShare,
    credits: (spec.credits ?? []).map((rule, k) => {
      const creditType = creditIndex.get(rule.type);
      if (creditType === undefined) throw new ScenarioResolutionError(`schemes[${index}].credits[${k}].type`, `unknown credit type "${rule.type}"`);
      return {
        creditType,
        // Without a share limit a firm may still cover at most its whole obligation with credits.
        share: Math.min(rule.limit?.share ?? 1, 1),
        tonnes: rule.limit?.tonnes ?? Number.POSITIVE_INFINITY,
        exchangeRate: rule.exchangeRate,
      };
    }),
    floor: controls?.floor ? expandPricePath(controls.floor.price, T) : null,
    ceiling: controls?.ceiling ? expandPricePath(controls.ceiling.price, T) : null,
    ceilingReserve: controls?.ceiling ? (controls.ceiling.reserve === 'unlimited' ? Number.POSITIVE_INFINITY : controls.ceiling.reserve) : 0,
    penalty: controls?.penalty === undefined ? new Float64Array(T).fill(Number.POSITIVE_INFINITY) : expandPricePath(controls.penalty.price, T),
    makeGood: controls?.penalty?.makeGood ?? 0,
    undersubscription: spec.auction?.undersubscription ?? 'cancel',
  };
}

export function resolveScenario(scenario: Scenario): ResolvedScenario {
  const T = scenario.periods.count;
  const years = Array.from({ length: T }, (_, t) => scenario.periods.start + t);
  const creditIndex = new Map(scenario.credits.map((c, k) => [c.id, k]));
  const schemeIndex = new Map(scenario.schemes.map((s, k) => [s.id, k]));
  const schemes = scenario.schemes.map((spec, k) => resolveScheme(spec, k, scenario, creditIndex));

  const firms: ResolvedFirm[] = expandTemplates(scenario).map(({ spec, outputScale, costScale }, index) => {
    const path = `firms[${spec.id}]`;
    const schemeId = spec.scheme ?? (scenario.schemes.length === 1 ? scenario.schemes[0]!.id : undefined);
    const scheme = schemeId === undefined ? undefined : schemeIndex.get(schemeId);
    if (scheme === undefined) throw new ScenarioResolutionError(`${path}.scheme`, 'names no scheme of the scenario');
    const schemeSpec = scenario.schemes[scheme]!;
    const discountRate = spec.discountRate ?? scenario.discountRate;

    const referenceOutput = new Float64Array(T);
    for (let t = 0; t < T; t++) {
      referenceOutput[t] = spec.output.base * outputScale * (1 + spec.output.growth) ** t * (1 + (spec.output.shocks?.[t] ?? 0));
    }

    const fixedAllocation = new Float64Array(T);
    const allocationPerOutput = new Float64Array(T);
    let allocationMethod: ResolvedFirm['allocationMethod'];
    if (schemeSpec.target.type === 'intensity') {
      allocationMethod = 'intensity';
      const intensity = spec.intensityTarget ?? sectorValue(schemeSpec.target.intensity, spec.sector, `schemes[${scheme}].target.intensity`);
      allocationPerOutput.fill(intensity);
    } else {
      const rule = matchRule(schemeSpec.allocation ?? [], spec.sector);
      if (rule === undefined) throw new ScenarioResolutionError(`schemes[${scheme}].allocation`, `no rule matches sector "${spec.sector}" of firm "${spec.id}"`);
      allocationMethod = rule.method;
      if (rule.method === 'grandfathering') {
        const base = historyMean(spec.history?.emissions, rule.baseYears, `${path}.history.emissions`) * outputScale;
        for (let t = 0; t < T; t++) {
          fixedAllocation[t] = base * Math.max(0, 1 - (rule.reduction?.initial ?? 0) - (rule.reduction?.annual ?? 0) * t);
        }
      } else if (rule.method === 'benchmark') {
        const benchmark = sectorValue(rule.benchmark, spec.sector, `schemes[${scheme}].allocation.benchmark`);
        const activity = rule.activity === 'historical'
          ? historyMean(spec.history?.output, rule.baseYears ?? [], `${path}.history.output`) * outputScale
          : 0;
        for (let t = 0; t < T; t++) {
          const level = benchmark * Math.max(0, 1 - rule.annualReduction * t);
          if (rule.activity === 'historical') fixedAllocation[t] = level * activity;
          else allocationPerOutput[t] = level;
        }
      }
    }

    return {
      index,
      id: spec.id,
      sector: spec.sector,
      scheme,
      strategy: spec.strategy ?? scenario.expectations.strategy,
      discountRate,
      referenceOutput,
      outputSlope: spec.output.priceResponse?.slope ?? 0,
      fixedEmissions: spec.emissions.fixed,
      emissionsPerOutput: spec.emissions.perOutput,
      mac: macCurveFromSpec(spec.mac, discountRate, costScale),
      fixedAllocation,
      allocationPerOutput,
      allocationMethod,
      bankWeight: 0,
    };
  });

  for (const firm of firms) schemes[firm.scheme]!.firms.push(firm.index);
  // Free allocation fixed in advance cannot exceed an absolute cap: scale it down uniformly where it would
  // (a cross-sectoral correction factor, as in the EU ETS). Output-based allocation is not corrected.
  for (const scheme of schemes) {
    if (scheme.targetType !== 'absolute') continue;
    for (let t = 0; t < T; t++) {
      let fixed = 0;
      for (const f of scheme.firms) fixed += firms[f]!.fixedAllocation[t]!;
      const cap = scheme.cap[t]!;
      if (fixed > cap && fixed > 0) for (const f of scheme.firms) firms[f]!.fixedAllocation[t] = (firms[f]!.fixedAllocation[t]! * cap) / fixed;
    }
  }
  for (const scheme of schemes) {
    let total = 0;
    for (const f of scheme.firms) total += firmBaseline(firms[f]!, 0);
    for (const f of scheme.firms) firms[f]!.bankWeight = total > 0 ? firmBaseline(firms[f]!, 0) / total : 1 / scheme.firms.length;
  }

  const creditTypes: ResolvedCreditType[] = scenario.credits.map((spec, index) => ({
    index,
    id: spec.id,
    price: spec.price === undefined ? null : expandPricePath(spec.price, T),
    supply: spec.supply === undefined ? null : {
      minPrice: spec.supply.minPrice,
      slope: spec.supply.slope,
      maxQuantity: spec.supply.maxQuantity ?? Number.POSITIVE_INFINITY,
    },
  }));

  const links = scenario.links.map((link, k) => {
    const from = schemeIndex.get(link.from);
    const to = schemeIndex.get(link.to);
    if (from === undefined || to === undefined) throw new ScenarioResolutionError(`links[${k}]`, 'names an unknown scheme');
    return { from, to, twoWay: link.direction === 'twoWay', limit: link.importLimit ?? Number.POSITIVE_INFINITY };
  });

  return {
    name: scenario.name,
    years,
    periodCount: T,
    discountRate: scenario.discountRate,
    maxPrice: scenario.market.maxPrice,
    forceSequential: scenario.market.mode === 'sequential',
    firms,
    schemes,
    creditTypes,
    links,
    adaptiveSmoothing: scenario.expectations.smoothing,
    adaptiveInitialPrice: scenario.expectations.initialPrice ?? 0,
    maxBankYears: scenario.expectations.maxBankYears,
  };
}

/** Baseline (unabated) emissions at reference output, t. */
export function firmBaseline(firm: ResolvedFirm, period: number): number {
  return firm.fixedEmissions + firm.emissionsPerOutput * firm.referenceOutput[period]!;
}
