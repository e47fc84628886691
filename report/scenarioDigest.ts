/**
 * The parts of a scenario that the charts need and the output tables do not hold: each scheme's target type, its
 * cap, banking and borrowing rules and credit limits, and how many firms it covers. Computed from the validated
 * scenario on the Node side (`loadScenarioDigest.ts`) and handed to the browser as JSON.
 */
import type { Scenario } from '../model/scenario/schema.js';

export interface CreditLimitDigest {
  /** Credit type id. */
  type: string;
  /** Most credits a firm may use as a share of its emissions in the period (null: no share limit). */
  share: number | null;
  /** Most credits a firm may use per period, t of allowance equivalent (null: no tonne limit). */
  tonnes: number | null;
  /** Allowances one credit counts for. */
  exchangeRate: number;
}

export interface SchemeDigest {
  id: string;
  /** Free text from the scenario file: escape before putting it into HTML. */
  name: string | null;
  targetType: 'absolute' | 'intensity';
  bankingMode: string;
  borrowingMode: string;
  credits: CreditLimitDigest[];
  /** Firms covered (explicit and generated from templates). */
  firmCount: number;
}

export interface ScenarioDigest {
  /** Free text from the scenario file: escape before putting it into HTML. */
  name: string;
  description: string | null;
  currency: string;
  firstYear: number;
  periods: number;
  schemes: SchemeDigest[];
  /** Credit type id → display name (free text) or null. */
  creditTypes: { id: string; name: string | null }[];
}

export function scenarioDigest(scenario: Scenario): ScenarioDigest {
  const onlyScheme = scenario.schemes.length === 1 ? scenario.schemes[0]!.id : undefined;
  const firmCount = new Map<string, number>();
  const count = (scheme: string | undefined, n: number): void => {
    const id = scheme ?? onlyScheme;
    if (id !== undefined) firmCount.set(id, (firmCount.get(id) ?? 0) + n);
  };
  for (const firm of scenario.firms) count(firm.scheme, 1);
  for (const template of scenario.firmTemplates) count(template.scheme, template.count);
  return {
    name: scenario.name,
    description: scenario.description ?? null,
    currency: scenario.currency,
    firstYear: scenario.periods.start,
    periods: scenario.periods.count,
    schemes: scenario.schemes.map((scheme) => ({
      id: scheme.id,
      name: scheme.name ?? null,
      targetType: scheme.target.type,
      bankingMode: scheme.banking?.mode ?? 'unlimited',
      borrowingMode: scheme.borrowing?.mode ?? 'none',
      credits: (scheme.credits ?? []).map((rule) => ({
        type: rule.type,
        share: rule.limit?.share ?? null,
        tonnes: rule.limit?.tonnes ?? null,
        exchangeRate: rule.exchangeRate,
      })),
      firmCount: firmCount.get(scheme.id) ?? 0,
    })),
    creditTypes: scenario.credits.map((credit) => ({ id: credit.id, name: credit.name ?? null })),
  };
}
