/** Small scenario inputs for tests: valid as given; tests mutate a fresh copy to break one rule at a time. */
import { expect } from 'vitest';
import { parseScenario } from '../../model/scenario/parseScenario.js';
import { ScenarioError, type ScenarioIssue } from '../../model/scenario/scenarioError.js';

// Plain JSON-like data, loosely typed on purpose: tests build invalid scenarios from it.
export type Data = any;

/** A valid two-firm, one-scheme scenario over 2026–2028. */
export function minimalScenario(): Data {
  return {
    name: 'minimal',
    periods: { start: 2026, count: 3 },
    discountRate: 0.03,
    schemes: [
      {
        id: 'main',
        target: { type: 'absolute', cap: 100 },
        allocation: [{ method: 'grandfathering', baseYears: [2024, 2025] }],
      },
    ],
    firms: [
      {
        id: 'a',
        sector: 'steel',
        output: { base: 10 },
        emissions: { perOutput: 6 },
        history: { emissions: { 2024: 60, 2025: 60 } },
        mac: { type: 'linear', slope: 1 },
      },
      {
        id: 'b',
        sector: 'cement',
        output: { base: 10 },
        emissions: { perOutput: 5 },
        history: { emissions: { 2024: 50, 2025: 50 } },
        mac: { type: 'linear', slope: 2 },
      },
    ],
  };
}

/** A firm template for the minimal scenario (sector "other", 3 firms other-1..other-3). */
export function otherTemplate(): Data {
  return {
    sector: 'other',
    count: 3,
    output: { base: 5 },
    emissions: { perOutput: 1 },
    history: { emissions: { 2024: 5, 2025: 5 } },
    mac: { type: 'linear', slope: 3 },
  };
}

export const FILE = 'scenarios/test.yaml';

/** The issues `parseScenario` reports for `data`, as {path, rule} pairs; fails the test if it does not throw. */
export function issuesOf(data: unknown): { path: string; rule: string }[] {
  try {
    parseScenario(data, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    const issues = (error as ScenarioError).issues;
    for (const issue of issues) expect(issue.file).toBe(FILE);
    return issues.map((issue: ScenarioIssue) => ({ path: issue.path, rule: issue.rule }));
  }
  throw new Error('expected a ScenarioError, but the scenario was accepted');
}

/** Freezes `value` and everything inside it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
