/** Small scenario builders for tests: one firm kind per call, validated through the real schema. */
import { scenarioSchema, type Scenario, type ScenarioInput } from '../../model/scenario/schema.js';

type FirmInput = NonNullable<ScenarioInput['firms']>[number];

/**
 * A firm whose baseline emissions are `baseline` t per period (output 1 × perOutput) and whose MAC is linear with
 * `slope`; history gives `baseline` for 2025 so grandfathering can refer to it.
 */
export function linearFirm(id: string, baseline: number, slope: number, extra: Partial<FirmInput> = {}): FirmInput {
  return {
    id,
    sector: 'industry',
    output: { base: 1 },
    emissions: { perOutput: baseline },
    mac: { type: 'linear', slope },
    history: { emissions: { '2025': baseline }, output: { '2025': 1 } },
    ...extra,
  };
}

export function scenario(input: Omit<ScenarioInput, 'name'> & { name?: string }): Scenario {
  return scenarioSchema.parse({ name: 'test', ...input });
}

/** |actual − expected| ≤ tolerance × max(1, |expected|). */
export function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
}
