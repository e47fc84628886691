/**
 * The registry system a run settles through, built from the resolved scenario (policy as data: nothing here knows a
 * scheme by name):
 * - one allowance registry per scheme, with the scheme's id as registry id, scheme id and unit scheme; its compliance
 *   periods are the engine's periods (one a year: the engine surrenders every period), named by the year ("2026");
 * - one credit registry per credit type, named by the credit type's id, issuing CREDIT units of that scheme into a
 *   `SUPPLY` account (the project developers), linked to every scheme that accepts the credit;
 * - eligibility (P05): a scheme accepts its own allowances and the credit types of its credit rules; limits (P04):
 *   per credit rule, `share` of the period's verified emissions and, where set, `tonnes` (floored to whole tonnes);
 * - borrowing (P10): none when the scheme has none; otherwise next-vintage allowances (one vintage ahead) up to a
 *   bound no entity can exceed: the scheme's largest aggregate borrowing allowance over the periods (limit share ×
 *   supply, or Σ baseline emissions within a compliance period) plus one tonne per firm for rounding;
 * - accounts: one OPERATOR_HOLDING account per firm (id = firm id) and an EXCHANGE account `<scheme>/EXCHANGE` where
 *   purchased credits arrive before they are passed on.
 *
 * No issuance cap (P01) is configured: the engine's supply of a vintage also includes reserve sales, auction volume
 * carried forward and borrowing advances, so the run checks issuance against the engine's own figures instead.
 */
import { ConfigurationError } from './configurationError.js';
import { referenceSupply } from './bankCorridor.js';
import { firmBaseline, type ResolvedScenario } from './resolveScenario.js';
import type { AccountSpec, CreditLimitRule, LinkRule, RegistryConfig, RegistrySystemConfig, SchemeRules } from '../registry/rules.js';
import type { UnitSelector } from '../registry/types.js';

/** A scenario the registry settlement cannot represent (yet); names the scenario path. */
export class RegistrySettlementConfigError extends ConfigurationError {
  override readonly name = 'RegistrySettlementConfigError';
}

/** Account id of a scheme's exchange (clearing) account in its registry. */
export function exchangeAccountId(schemeId: string): string {
  return `${schemeId}/EXCHANGE`;
}

/** Account id of the credit developers' account in a credit registry. */
export const CREDIT_SUPPLY_ACCOUNT = 'SUPPLY';

/** Compliance period id of a year. */
export function periodId(year: number): string {
  return String(year);
}

/** Most next-vintage allowances any one entity can need to surrender in a period (P10 bound), t. */
function borrowingBound(scenario: ResolvedScenario, s: number): number {
  const scheme = scenario.schemes[s]!;
  let most = 0;
  for (let t = 0; t < scenario.periodCount; t++) {
    let aggregate = 0;
    if (scheme.borrowingMode === 'limited') aggregate = scheme.borrowLimitShare * referenceSupply(scenario, scheme, t);
    else for (const f of scheme.firms) aggregate += firmBaseline(scenario.firms[f]!, t);
    most = Math.max(most, aggregate);
  }
  return Math.ceil(most) + scheme.firms.length + 1;
}

/**
 * Checks that the run can be settled in the registry and returns the system configuration.
 * @throws RegistrySettlementConfigError for linked schemes, credit exchange rates other than 1, a credit type used
 * twice by one scheme, or ids that collide.
 */
export function registrySystemConfig(scenario: ResolvedScenario): RegistrySystemConfig {
  if (scenario.links.length > 0) {
    throw new RegistrySettlementConfigError('links[0]', 'registry settlement of linked schemes (allowances crossing registries) is not supported yet; run without the registry');
  }
  const schemeIds = new Set(scenario.schemes.map((s) => s.id));
  for (const [k, credit] of scenario.creditTypes.entries()) {
    if (schemeIds.has(credit.id)) throw new RegistrySettlementConfigError(`credits[${k}].id`, `"${credit.id}" is also a scheme id; registry settlement names registries by both`);
  }
  const registries: RegistryConfig[] = [];
  const schemes: SchemeRules[] = [];
  const links: LinkRule[] = [];
  const accounts: AccountSpec[] = [];
  const acceptedBy = new Map<number, string[]>();

  for (const scheme of scenario.schemes) {
    const creditIds: string[] = [];
    const creditLimits: CreditLimitRule[] = [];
    for (const [k, rule] of scheme.credits.entries()) {
      const path = `schemes[${scheme.index}].credits[${k}]`;
      if (rule.exchangeRate !== 1) throw new RegistrySettlementConfigError(`${path}.exchangeRate`, 'registry settlement counts one credit as one tonne; exchange rates other than 1 are not supported yet');
      const creditId = scenario.creditTypes[rule.creditType]!.id;
      if (creditIds.includes(creditId)) throw new RegistrySettlementConfigError(`${path}.type`, `credit type "${creditId}" appears twice in the scheme; registry limits are per credit type`);
      creditIds.push(creditId);
      const appliesTo: UnitSelector[] = [{ unitTypes: ['CREDIT'], schemes: [creditId] }];
      creditLimits.push({ id: `${creditId}:share`, appliesTo, limit: { kind: 'shareOfEmissions', share: rule.share }, source: `${path}.limit.share` });
      if (Number.isFinite(rule.tonnes)) creditLimits.push({ id: `${creditId}:tonnes`, appliesTo, limit: { kind: 'tonnes', tonnes: Math.floor(rule.tonnes) }, source: `${path}.limit.tonnes` });
      let list = acceptedBy.get(rule.creditType);
      if (list === undefined) acceptedBy.set(rule.creditType, list = []);
      list.push(scheme.id);
    }
    const holdable: UnitSelector[] = [{ unitTypes: ['ALLOWANCE'], schemes: [scheme.id] }];
    if (creditIds.length > 0) holdable.push({ unitTypes: ['CREDIT'], schemes: creditIds });
    registries.push({ id: scheme.id, holdable: { OPERATOR_HOLDING: holdable, EXCHANGE: holdable, TOTAL_QUANTITY: holdable.slice(0, 1), ALLOCATION: holdable.slice(0, 1), AUCTION: holdable.slice(0, 1), RESERVE: holdable.slice(0, 1) } });
    schemes.push({
      id: scheme.id, registry: scheme.id, unitType: 'ALLOWANCE',
      compliancePeriods: scenario.years.map((year) => ({ id: periodId(year), firstYear: year, lastYear: year })),
      eligibleUnits: [{ unitTypes: ['ALLOWANCE'], schemes: [scheme.id] }, ...creditIds.map((id): UnitSelector => ({ unitTypes: ['CREDIT'], schemes: [id] }))],
      creditLimits,
      ...(scheme.borrowingMode === 'none' ? {} : { borrowing: { maxVintagesAhead: 1, limit: { kind: 'tonnes', tonnes: borrowingBound(scenario, scheme.index) }, source: `schemes[${scheme.index}].borrowing` } }),
    });
    accounts.push({ registry: scheme.id, id: exchangeAccountId(scheme.id), type: 'EXCHANGE', holder: scheme.id });
    for (const f of scheme.firms) accounts.push({ registry: scheme.id, id: scenario.firms[f]!.id, type: 'OPERATOR_HOLDING' });
  }
  for (const credit of scenario.creditTypes) {
    const holdable: UnitSelector[] = [{ unitTypes: ['CREDIT'], schemes: [credit.id] }];
    registries.push({ id: credit.id, holdable: { TRADING: holdable } });
    schemes.push({ id: credit.id, registry: credit.id, unitType: 'CREDIT' });
    accounts.push({ registry: credit.id, id: CREDIT_SUPPLY_ACCOUNT, type: 'TRADING', holder: credit.id });
    for (const schemeId of acceptedBy.get(credit.index) ?? []) links.push({ from: credit.id, to: schemeId, units: holdable });
  }
  return { registries, schemes, links, accounts };
}
