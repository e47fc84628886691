/**
 * Realizing the uncertainty of a scenario for one run: purity, determinism, the factor structure (economy, sector,
 * firm components), common random numbers across designs, template expansion, bounds and errors.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../model/engine/simulate.js';
import { applyOverlay } from '../../model/scenario/overlay.js';
import { parseScenario } from '../../model/scenario/parseScenario.js';
import { ScenarioError } from '../../model/scenario/scenarioError.js';
import type { Scenario, ScenarioInput } from '../../model/scenario/schema.js';
import { Realization, realizeScenario } from '../../model/uncertainty/realizeScenario.js';
import { UncertaintyRealizationError } from '../../model/uncertainty/uncertaintyRealizationError.js';
import { relativeError, scenario } from '../support/buildScenario.js';

type Input = Omit<ScenarioInput, 'name'>;

/** Two sectors, two explicit firms each, one scheme, a credit with an exogenous price and one with a supply curve. */
function baseInput(uncertainty: unknown): Input {
  const firm = (id: string, sector: string, base: number) => ({
    id, sector, output: { base, growth: 0.01 }, emissions: { perOutput: 2, fixed: 5 },
    mac: { type: 'linear' as const, slope: 3 }, history: { emissions: { '2025': 2 * base + 5 }, output: { '2025': base } },
  });
  return {
    periods: { start: 2030, count: 4 },
    discountRate: 0.05,
    firms: [firm('s1', 'steel', 100), firm('s2', 'steel', 80), firm('p1', 'power', 120), firm('p2', 'power', 60)],
    credits: [{ id: 'jcredit', price: { initial: 10, annualGrowth: 0.02 } }, { id: 'offset', supply: { type: 'linear', minPrice: 1, slope: 4, maxQuantity: 50 } }],
    schemes: [{
      id: 'ets', target: { type: 'absolute', cap: { initial: 700, annualReduction: 0.05 } }, allocation: [{ method: 'grandfathering', baseYears: [2025] }],
      credits: [{ type: 'jcredit', limit: { share: 0.1 } }, { type: 'offset', limit: { share: 0.1 } }],
      priceControls: { penalty: { price: 1000 } },
    }],
    uncertainty: uncertainty as never,
  };
}

const normal = (sd: number, mean = 0) => ({ type: 'normal', mean, sd });
const shocksOf = (s: Scenario) => Object.fromEntries(s.firms.map((f) => [f.id, f.output.shocks ?? []]));

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('realizeScenario', () => {
  it('returns the scenario itself when it has no uncertainty', () => {
    const s = scenario(baseInput(undefined));
    expect(realizeScenario(s, 1, 0)).toBe(s);
  });

  it('never mutates its input and drops the uncertainty section from the result', () => {
    const s = deepFreeze(scenario(baseInput({ output: { shocks: { economy: normal(0.05), firm: normal(0.02) }, growth: { sector: normal(0.01) } }, mac: { firm: { type: 'lognormal', sdlog: 0.2 } } })));
    const before = JSON.stringify(s);
    const realized = realizeScenario(s, 7, 3);
    expect(JSON.stringify(s)).toBe(before);
    expect(realized.uncertainty).toBeUndefined();
    expect(realizeScenario(realized, 7, 4)).toBe(realized);
  });

  it('is deterministic in (seed, run) and differs between runs and seeds', () => {
    const s = scenario(baseInput({ output: { shocks: { economy: normal(0.05), firm: normal(0.02) } } }));
    expect(shocksOf(realizeScenario(s, 7, 3))).toEqual(shocksOf(realizeScenario(s, 7, 3)));
    expect(shocksOf(realizeScenario(s, 7, 3))).not.toEqual(shocksOf(realizeScenario(s, 7, 4)));
    expect(shocksOf(realizeScenario(s, 8, 3))).not.toEqual(shocksOf(realizeScenario(s, 7, 3)));
  });

  it('economy components are shared by all firms, sector components within a sector, firm components by no one', () => {
    const economyOnly = shocksOf(realizeScenario(scenario(baseInput({ output: { shocks: { economy: normal(0.05) } } })), 1, 0));
    expect(economyOnly.s1).toEqual(economyOnly.p2);
    expect(new Set(economyOnly.s1).size).toBe(4); // a new draw each year

    const sectorOnly = shocksOf(realizeScenario(scenario(baseInput({ output: { shocks: { sector: normal(0.05) } } })), 1, 0));
    expect(sectorOnly.s1).toEqual(sectorOnly.s2);
    expect(sectorOnly.p1).toEqual(sectorOnly.p2);
    expect(sectorOnly.s1).not.toEqual(sectorOnly.p1);

    const firmOnly = shocksOf(realizeScenario(scenario(baseInput({ output: { shocks: { firm: normal(0.05) } } })), 1, 0));
    expect(firmOnly.s1).not.toEqual(firmOnly.s2);

    // The components add up: economy + sector + firm, each drawn from its own stream.
    const all = shocksOf(realizeScenario(scenario(baseInput({ output: { shocks: { economy: normal(0.05), sector: normal(0.05), firm: normal(0.05) } } })), 1, 0));
    for (let t = 0; t < 4; t++) {
      expect(all.s1![t]).toBeCloseTo(economyOnly.s1![t]! + sectorOnly.s1![t]! + firmOnly.s1![t]!, 15);
    }
  });

  it('sector-specific distributions override the default sector component', () => {
    const s = scenario(baseInput({ output: { shocks: { sector: normal(0.05), sectors: { power: normal(0, 0.3) } } } }));
    const shocks = shocksOf(realizeScenario(s, 1, 0));
    expect(shocks.p1).toEqual([0.3, 0.3, 0.3, 0.3]); // sd 0 → exactly the mean
    expect(shocks.s1!.every((x) => x !== 0.3)).toBe(true);
  });

  it('economy shocks over many runs have the specified mean and standard deviation', () => {
    const realization = new Realization(scenario(baseInput({ output: { shocks: { economy: normal(0.04, 0.01) } } })));
    const values: number[] = [];
    for (let run = 0; run < 2000; run++) values.push(...(realization.realize(99, run).firms[0]!.output.shocks ?? []));
    const n = values.length;
    const mean = values.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    expect(Math.abs(mean - 0.01)).toBeLessThan(5 * 0.04 / Math.sqrt(n));
    expect(Math.abs(sd - 0.04)).toBeLessThan(5 * 0.04 / Math.sqrt(2 * n));
  });

  it('applies growth, emissions, MAC and credit targets as documented', () => {
    const u = {
      output: { growth: { economy: normal(0, 0.02) } },
      emissions: { economy: normal(0, 1.5) },
      mac: { sectors: { steel: normal(0, 2) } },
      credits: { jcredit: { price: normal(0, 0.5) }, offset: { supply: normal(0, 3) } },
    };
    const s = scenario(baseInput(u));
    const r = realizeScenario(s, 1, 0);
    const s1 = r.firms.find((f) => f.id === 's1')!;
    const p1 = r.firms.find((f) => f.id === 'p1')!;
    expect(s1.output.growth).toBeCloseTo(0.03, 15);
    expect(s1.emissions).toEqual({ perOutput: 3, fixed: 7.5 });
    expect(s1.mac).toEqual({ type: 'linear', slope: 6 });
    expect(p1.mac).toEqual({ type: 'linear', slope: 3 });
    // Price path {initial 10, +2 %/period} × 0.5 each period.
    expect(r.credits[0]!.price).toEqual([5, 5.1, 10 * 1.02 ** 2 * 0.5, 10 * 1.02 ** 3 * 0.5]);
    expect(r.credits[1]!.supply).toEqual({ type: 'linear', minPrice: 1, slope: 12, maxQuantity: 150 });
  });
});

describe('common random numbers', () => {
  const u = { output: { shocks: { economy: normal(0.05), sector: normal(0.03), firm: normal(0.02) }, growth: { firm: normal(0.01) } }, mac: { sector: { type: 'lognormal', sdlog: 0.3 } } };

  it('two designs with the same seed see the same draws; only the policy differs', () => {
    const baseData = baseInput(u);
    const designData = applyOverlay(baseData, {
      schemes: [{ id: 'ets', target: { type: 'absolute', cap: { initial: 650, annualReduction: 0.06 } }, banking: { mode: 'none' } }],
    }, 'design.yaml');
    const base = parseScenario({ name: 'base', ...baseData }, 'base.yaml');
    const design = parseScenario({ name: 'design', ...(designData as object) }, 'design.yaml');
    for (const run of [0, 1, 2]) {
      const a = realizeScenario(base, 42, run);
      const b = realizeScenario(design, 42, run);
      expect(b.firms.map((f) => [f.output, f.mac])).toEqual(a.firms.map((f) => [f.output, f.mac]));
      // Outputs are exogenous here, so the simulated outputs agree too.
      const outputs = (s: Scenario) => simulate(s).firms.map((row) => row.output);
      expect(outputs(b)).toEqual(outputs(a));
    }
  });

  it('adding a firm or a sector leaves every other firm\'s draws unchanged', () => {
    const base = scenario(baseInput(u));
    const more = baseInput(u);
    more.firms = [{ ...more.firms![0]!, id: 'c1', sector: 'cement' }, ...more.firms!];
    const a = realizeScenario(base, 5, 9);
    const b = realizeScenario(scenario(more), 5, 9);
    for (const firm of a.firms) expect(b.firms.find((f) => f.id === firm.id)!.output).toEqual(firm.output);
  });
});

describe('firm templates', () => {
  function templated(uncertainty: unknown): Scenario {
    return scenario({
      periods: { start: 2030, count: 3 },
      discountRate: 0.05,
      firmTemplates: [
        { sector: 'steel', count: 3, output: { base: 100 }, emissions: { perOutput: 2 }, mac: { type: 'linear', slope: 2 }, history: { emissions: { '2029': 200 } }, spread: { output: 0.2, mac: 0.5 } },
        { sector: 'power', idPrefix: 'pw', count: 2, output: { base: 50 }, emissions: { perOutput: 3 }, mac: { type: 'power', coefficient: 1, exponent: 2 }, history: { emissions: { '2029': 150 } } },
      ],
      schemes: [{ id: 'ets', target: { type: 'absolute', cap: [600, 550, 500] }, allocation: [{ method: 'grandfathering', baseYears: [2029] }] }],
      uncertainty: uncertainty as never,
    });
  }

  it('stay templates when no target has a firm component', () => {
    const r = realizeScenario(templated({ output: { shocks: { sector: normal(0.05) } } }), 3, 1);
    expect(r.firms).toEqual([]);
    expect(r.firmTemplates.map((t) => t.count)).toEqual([3, 2]);
    expect(r.firmTemplates[0]!.output.shocks).toHaveLength(3);
  });

  it('are expanded into explicit firms with the spread applied when a target has a firm component', () => {
    // With a zero-variance firm component the expanded scenario must simulate like the original.
    const s = templated({ output: { shocks: { firm: normal(0) } } });
    const r = realizeScenario(s, 3, 1);
    expect(r.firmTemplates).toEqual([]);
    expect(r.firms.map((f) => f.id)).toEqual(['steel-1', 'steel-2', 'steel-3', 'pw-1', 'pw-2']);
    // Spread 0.2 over 3 firms: base × (0.8, 1.0, 1.2) (rounded: the factor is computed in floating point).
    expect(r.firms.map((f) => Number(f.output.base.toFixed(9)))).toEqual([80, 100, 120, 50, 50]);
    const expected = simulate(s);
    const actual = simulate(r);
    expect(actual.firms.map((row) => row.firm)).toEqual(expected.firms.map((row) => row.firm));
    actual.firms.forEach((row, k) => {
      const other = expected.firms[k]!;
      for (const key of ['output', 'emissions', 'abatement', 'abatementCost', 'freeAllocation', 'bank'] as const) {
        expect(relativeError(row[key], other[key])).toBeLessThan(1e-9);
      }
    });
    actual.schemes.forEach((row, k) => expect(relativeError(row.price, expected.schemes[k]!.price)).toBeLessThan(1e-9));
  });
});

describe('errors', () => {
  it('a draw outside the allowed range names the path, the firm, the year, the run and the seed', () => {
    const s = scenario(baseInput({ output: { shocks: { economy: { type: 'discrete', values: [-2] } } } }));
    expect(() => realizeScenario(s, 42, 17)).toThrow(UncertaintyRealizationError);
    expect(() => realizeScenario(s, 42, 17)).toThrow(
      'uncertainty.output.shocks: the drawn output shock -2 of firm "s1" in 2030 is outside (−1, 10) (output must stay positive); bound the distributions with min/max (run 17, seed 42)',
    );
  });

  it('bounds keep draws in range', () => {
    const s = scenario(baseInput({ output: { shocks: { economy: { type: 'normal', sd: 10, min: -0.5, max: 0.5 } } } }));
    for (let run = 0; run < 50; run++) {
      for (const x of realizeScenario(s, 1, run).firms[0]!.output.shocks!) expect(Math.abs(x)).toBeLessThanOrEqual(0.5);
    }
  });

  it('references to unknown credits and sectors are scenario errors with paths', () => {
    const s = scenario(baseInput({ output: { shocks: { sectors: { steeel: normal(0.1) } } }, credits: { nope: { price: normal(0.1) }, offset: { price: normal(0.1) } } }));
    let error: unknown;
    try {
      new Realization(s, 'x.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).issues.map((i) => `${i.path}: ${i.rule}`)).toEqual([
      'uncertainty.output.shocks.sectors.steeel: no firm of the scenario is in sector "steeel" (sectors: "steel", "power")',
      'uncertainty.credits.nope: names no credit type of the scenario (credits: "jcredit", "offset")',
      'uncertainty.credits.offset.price: credit "offset" has no exogenous price to make uncertain',
    ]);
  });

  it('the schema rejects malformed distributions with paths', () => {
    const bad = { output: { shocks: { economy: { type: 'uniform', min: 1, max: 0 }, firm: { type: 'gamma', shape: 1 } } }, mac: { sector: { type: 'triangular', min: 0, mode: 5, max: 1 } } };
    let error: unknown;
    try {
      parseScenario({ name: 'x', ...baseInput(bad) }, 'x.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    const paths = (error as ScenarioError).issues.map((i) => i.path);
    expect(paths).toContain('uncertainty.output.shocks.economy.max');
    expect(paths).toContain('uncertainty.output.shocks.firm.type');
    expect(paths).toContain('uncertainty.mac.sector.mode');
  });
});
