/**
 * Draws the uncertain inputs of one run and returns the scenario with the drawn values in place, so that the engine
 * runs it like any deterministic scenario: `simulate(realizeScenario(scenario, seed, run), { seed })`.
 *
 * - Pure: the input is never mutated; the result may share unchanged parts with it (treat both as read-only).
 * - Deterministic: the same (scenario, seed, run) gives the same result in every process.
 * - Common random numbers: every draw comes from a stream named (seed, run, entity, year, purpose) with entity
 *   `economy`, `sector:<id>`, `firm:<id>` or `credit:<id>`, so draws do not depend on the design, on other targets
 *   or on the order of firms. Two designs with the same seed see the same shocks; only the policy differs.
 * - Firm templates stay templates unless a target has a `firm` (idiosyncratic) component; then every template is
 *   expanded into explicit firms (`templateFirmId` ids, spread applied to output, history and costs), because
 *   each firm needs its own values.
 * - The result has no `uncertainty` section (realizing it again changes nothing).
 *
 * See `uncertaintySchema.ts` for the targets and how their components combine.
 */
import { type Distribution, draw } from '../random/distribution.js';
import { nameHash, type NameHash } from '../random/nameHash.js';
import { RUN_WIDE, RunRandom } from '../random/runRandom.js';
import { formatPath } from '../scenario/formatPath.js';
import { expandPricePath } from '../scenario/paths.js';
import { ScenarioError } from '../scenario/scenarioError.js';
import type { CreditTypeSpec, FirmSpec, FirmTemplateSpec, MacSpec, Scenario } from '../scenario/schema.js';
import { templateFirmId } from '../scenario/templateFirmId.js';
import { checkUncertainty } from './checkUncertainty.js';
import { distributionFromSpec } from './distributionFromSpec.js';
import type { FactorModelSpec } from './uncertaintySchema.js';
import { UncertaintyRealizationError } from './uncertaintyRealizationError.js';

/** Stream purposes, one per target (part of every stream name: changing one changes that target's draws). */
export const PURPOSES = {
  outputGrowth: 'output.growth',
  outputShocks: 'output.shocks',
  emissions: 'emissions',
  mac: 'mac',
  creditPrice: 'credits.price',
  creditSupply: 'credits.supply',
} as const;

/** A factor model with its distributions built. */
class Factor {
  readonly purpose: NameHash;
  private readonly economy: Distribution | null;
  private readonly sector: Distribution | null;
  private readonly sectors: Map<string, Distribution>;
  readonly firm: Distribution | null;

  constructor(readonly path: string, spec: FactorModelSpec, purpose: string, hash: (name: string) => NameHash) {
    this.purpose = hash(purpose);
    this.economy = spec.economy === undefined ? null : distributionFromSpec(spec.economy);
    this.sector = spec.sector === undefined ? null : distributionFromSpec(spec.sector);
    this.sectors = new Map(Object.entries(spec.sectors ?? {}).map(([sector, d]) => [sector, distributionFromSpec(d)]));
    this.firm = spec.firm === undefined ? null : distributionFromSpec(spec.firm);
  }

  /** Economy and sector components of one year, per sector (`identity` for a missing component). */
  common(random: RunRandom, year: number, sectors: readonly string[], sectorHashes: readonly NameHash[], economyHash: NameHash, combine: (a: number, b: number) => number, identity: number): Map<string, number> {
    const economy = this.economy === null ? identity : draw(this.economy, random.streamHashed(economyHash, year, this.purpose));
    const values = new Map<string, number>();
    sectors.forEach((sector, k) => {
      const distribution = this.sectors.get(sector) ?? this.sector;
      const value = distribution === null ? identity : draw(distribution, random.streamHashed(sectorHashes[k]!, year, this.purpose));
      values.set(sector, combine(economy, value));
    });
    return values;
  }

  /** The firm component (`identity` when there is none). */
  own(random: RunRandom, firmHash: NameHash, year: number, identity: number): number {
    return this.firm === null ? identity : draw(this.firm, random.streamHashed(firmHash, year, this.purpose));
  }
}

const add = (a: number, b: number): number => a + b;
const multiply = (a: number, b: number): number => a * b;

/**
 * A firm of the realized scenario before its draws: an explicit firm, a template kept whole, or a firm expanded
 * from a template (its spec then has the template's body, its id, and the output spread applied to base output and
 * history, computed once rather than per run).
 */
interface FirmSlot {
  /** Id for explicit and expanded firms; null for a template kept whole. */
  id: string | null;
  hash: NameHash | null;
  sector: string;
  spec: FirmSpec | FirmTemplateSpec;
  /** Cost spread factor of an expanded template firm (1 otherwise): applied to its MAC with the drawn multiplier. */
  costScale: number;
  label: string;
}

function spreadFactor(spread: number, k: number, count: number): number {
  return count <= 1 ? 1 : 1 - spread + (2 * spread * k) / (count - 1);
}

function scaleRecord(record: Record<string, number>, factor: number): Record<string, number> {
  if (factor === 1) return record;
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, value * factor]));
}

/** A MAC with every cost multiplied by `factor`. */
export function scaleMac(mac: MacSpec, factor: number): MacSpec {
  if (factor === 1) return mac;
  switch (mac.type) {
    case 'linear':
      return { ...mac, slope: mac.slope * factor };
    case 'power':
      return { ...mac, coefficient: mac.coefficient * factor };
    case 'steps':
      return {
        ...mac,
        measures: mac.measures.map((m) => ({ ...m, cost: m.cost * factor, ...(m.capitalCost === undefined ? {} : { capitalCost: m.capitalCost * factor }) })),
      };
  }
}

function hasFirmComponent(scenario: Scenario): boolean {
  const u = scenario.uncertainty;
  return [u?.output?.growth, u?.output?.shocks, u?.emissions, u?.mac].some((model) => model?.firm !== undefined);
}

/** The uncertainty of one scenario, prepared once and realized for many runs. */
export class Realization {
  private readonly hashes = new Map<string, NameHash>();
  private readonly years: number[];
  private readonly slots: FirmSlot[];
  private readonly expand: boolean;
  private readonly sectors: string[];
  private readonly sectorHashes: NameHash[];
  private readonly economyHash: NameHash;
  private readonly growth: Factor | null;
  private readonly shocks: Factor | null;
  private readonly emissions: Factor | null;
  private readonly mac: Factor | null;
  private readonly credits: { index: number; spec: CreditTypeSpec; hash: NameHash; price: Distribution | null; supply: Distribution | null }[];
  private readonly creditPricePurpose: NameHash;
  private readonly creditSupplyPurpose: NameHash;

  /** @param file the scenario's file, for messages. */
  constructor(readonly scenario: Scenario, file = '<scenario>') {
    const issues = checkUncertainty(scenario);
    if (issues.length > 0) throw new ScenarioError(issues.map((issue) => ({ file, path: formatPath(issue.segments), rule: issue.rule })));
    const hash = (name: string): NameHash => this.hashOf(name);
    const u = scenario.uncertainty ?? {};
    this.years = Array.from({ length: scenario.periods.count }, (_, t) => scenario.periods.start + t);
    this.expand = hasFirmComponent(scenario);
    this.slots = [];
    for (const spec of scenario.firms) {
      this.slots.push({ id: spec.id, hash: hash(`firm:${spec.id}`), sector: spec.sector, spec, costScale: 1, label: `firm "${spec.id}"` });
    }
    for (const template of scenario.firmTemplates) {
      if (!this.expand) {
        this.slots.push({ id: null, hash: null, sector: template.sector, spec: template, costScale: 1, label: `firm template of sector "${template.sector}"` });
        continue;
      }
      const { count: _count, idPrefix: _idPrefix, spread: _spread, ...body } = template;
      for (let k = 0; k < template.count; k++) {
        const id = templateFirmId(template, k + 1);
        const outputScale = spreadFactor(template.spread?.output ?? 0, k, template.count);
        const spec: FirmSpec = { ...body, id, output: outputScale === 1 ? body.output : { ...body.output, base: body.output.base * outputScale } };
        if (body.history !== undefined) {
          spec.history = {
            ...(body.history.emissions === undefined ? {} : { emissions: scaleRecord(body.history.emissions, outputScale) }),
            ...(body.history.output === undefined ? {} : { output: scaleRecord(body.history.output, outputScale) }),
          };
        }
        this.slots.push({ id, hash: hash(`firm:${id}`), sector: template.sector, spec, costScale: spreadFactor(template.spread?.mac ?? 0, k, template.count), label: `firm "${id}"` });
      }
    }
    this.sectors = [...new Set(this.slots.map((slot) => slot.sector))];
    this.sectorHashes = this.sectors.map((sector) => hash(`sector:${sector}`));
    this.economyHash = hash('economy');
    this.growth = u.output?.growth ? new Factor('uncertainty.output.growth', u.output.growth, PURPOSES.outputGrowth, hash) : null;
    this.shocks = u.output?.shocks ? new Factor('uncertainty.output.shocks', u.output.shocks, PURPOSES.outputShocks, hash) : null;
    this.emissions = u.emissions ? new Factor('uncertainty.emissions', u.emissions, PURPOSES.emissions, hash) : null;
    this.mac = u.mac ? new Factor('uncertainty.mac', u.mac, PURPOSES.mac, hash) : null;
    this.credits = scenario.credits.flatMap((spec, index) => {
      const c = u.credits?.[spec.id];
      if (c === undefined) return [];
      return [{
        index, spec, hash: hash(`credit:${spec.id}`),
        price: c.price === undefined ? null : distributionFromSpec(c.price),
        supply: c.supply === undefined ? null : distributionFromSpec(c.supply),
      }];
    });
    this.creditPricePurpose = hash(PURPOSES.creditPrice);
    this.creditSupplyPurpose = hash(PURPOSES.creditSupply);
  }

  private hashOf(name: string): NameHash {
    let h = this.hashes.get(name);
    if (h === undefined) {
      h = nameHash(name);
      this.hashes.set(name, h);
    }
    return h;
  }

  /** True when the scenario has an uncertainty section (otherwise every run is the same). */
  get isUncertain(): boolean {
    return this.scenario.uncertainty !== undefined;
  }

  /** The scenario of run `run` of a batch with seed `seed`. */
  realize(seed: number, run: number): Scenario {
    const scenario = this.scenario;
    if (scenario.uncertainty === undefined) return scenario;
    const random = new RunRandom(seed, run, this.hashes);
    const T = this.years.length;
    const fail = (path: string, rule: string): never => { throw new UncertaintyRealizationError(path, seed, run, rule); };

    const growthCommon = this.growth?.common(random, RUN_WIDE, this.sectors, this.sectorHashes, this.economyHash, add, 0) ?? null;
    const emissionsCommon = this.emissions?.common(random, RUN_WIDE, this.sectors, this.sectorHashes, this.economyHash, multiply, 1) ?? null;
    const macCommon = this.mac?.common(random, RUN_WIDE, this.sectors, this.sectorHashes, this.economyHash, multiply, 1) ?? null;
    const shockCommon = this.shocks === null ? null
      : this.years.map((year) => this.shocks!.common(random, year, this.sectors, this.sectorHashes, this.economyHash, add, 0));

    const firms: FirmSpec[] = [];
    const templates: FirmTemplateSpec[] = [];
    for (const slot of this.slots) {
      const spec = slot.spec;
      const ownHash = slot.hash;

      let output = spec.output;
      if (this.growth !== null) {
        let growth = spec.output.growth + growthCommon!.get(slot.sector)!;
        if (ownHash !== null) growth += this.growth.own(random, ownHash, RUN_WIDE, 0);
        if (!(growth > -1 && growth < 10)) fail(this.growth.path, `the drawn output growth ${growth} of ${slot.label} is outside (−1, 10); bound the distributions with min/max`);
        output = { ...output, growth };
      }
      if (shockCommon !== null) {
        const shocks = new Array<number>(T);
        for (let t = 0; t < T; t++) {
          let shock = (spec.output.shocks?.[t] ?? 0) + shockCommon[t]!.get(slot.sector)!;
          if (ownHash !== null) shock += this.shocks!.own(random, ownHash, this.years[t]!, 0);
          if (!(shock > -1 && shock < 10)) fail(this.shocks!.path, `the drawn output shock ${shock} of ${slot.label} in ${this.years[t]} is outside (−1, 10) (output must stay positive); bound the distributions with min/max`);
          shocks[t] = shock;
        }
        output = { ...output, shocks };
      }

      let emissions = spec.emissions;
      if (this.emissions !== null) {
        let factor = emissionsCommon!.get(slot.sector)!;
        if (ownHash !== null) factor *= this.emissions.own(random, ownHash, RUN_WIDE, 1);
        if (!(factor >= 0 && Number.isFinite(factor))) fail(this.emissions.path, `the drawn emissions multiplier ${factor} of ${slot.label} must be a finite number ≥ 0`);
        emissions = { ...emissions, perOutput: emissions.perOutput * factor, fixed: emissions.fixed * factor };
      }

      let macFactor = slot.costScale;
      if (this.mac !== null) {
        let factor = macCommon!.get(slot.sector)!;
        if (ownHash !== null) factor *= this.mac.own(random, ownHash, RUN_WIDE, 1);
        if (!(factor > 0 && Number.isFinite(factor))) fail(this.mac.path, `the drawn abatement cost multiplier ${factor} of ${slot.label} must be a finite number > 0`);
        macFactor *= factor;
      }
      const mac = scaleMac(spec.mac, macFactor);

      if (slot.id === null) templates.push({ ...(spec as FirmTemplateSpec), output, emissions, mac });
      else firms.push({ ...(spec as FirmSpec), output, emissions, mac });
    }

    let credits = scenario.credits;
    if (this.credits.length > 0) {
      credits = [...scenario.credits];
      for (const c of this.credits) {
        let spec = c.spec;
        const path = `uncertainty.credits.${c.spec.id}`;
        if (c.price !== null && spec.price !== undefined) {
          const base = expandPricePath(spec.price, T);
          const price = new Array<number>(T);
          for (let t = 0; t < T; t++) {
            const factor = draw(c.price, random.streamHashed(c.hash, this.years[t]!, this.creditPricePurpose));
            if (!(factor >= 0 && Number.isFinite(factor))) fail(`${path}.price`, `the drawn price multiplier ${factor} in ${this.years[t]} must be a finite number ≥ 0`);
            price[t] = base[t]! * factor;
          }
          spec = { ...spec, price };
        }
        if (c.supply !== null && spec.supply !== undefined) {
          const factor = draw(c.supply, random.streamHashed(c.hash, RUN_WIDE, this.creditSupplyPurpose));
          if (!(factor > 0 && Number.isFinite(factor))) fail(`${path}.supply`, `the drawn supply multiplier ${factor} must be a finite number > 0`);
          const supply = { ...spec.supply, slope: spec.supply.slope * factor };
          if (spec.supply.maxQuantity !== undefined) supply.maxQuantity = spec.supply.maxQuantity * factor;
          spec = { ...spec, supply };
        }
        credits[c.index] = spec;
      }
    }

    const { uncertainty: _uncertainty, ...rest } = scenario;
    return { ...rest, firms, firmTemplates: templates, credits };
  }
}

/** Prepares and realizes in one call; in a loop over runs, prepare once with `new Realization(scenario)`. */
export function realizeScenario(scenario: Scenario, seed: number, run: number): Scenario {
  return new Realization(scenario).realize(seed, run);
}
