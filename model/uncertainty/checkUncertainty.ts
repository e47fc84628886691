/**
 * Checks the `uncertainty` section against the rest of a structurally valid scenario: credit ids exist and have the
 * price or supply curve made uncertain, sectors named in `sectors` have firms. Returns every problem with its path
 * (empty when all is well); `prepareRealization` throws them as one `ScenarioError`.
 */
import type { PathIssue, PathSegment } from '../scenario/formatPath.js';
import type { Scenario } from '../scenario/schema.js';
import type { FactorModelSpec } from './uncertaintySchema.js';

function checkSectors(model: FactorModelSpec | undefined, at: PathSegment[], sectors: ReadonlySet<string>, issues: PathIssue[]): void {
  for (const sector of Object.keys(model?.sectors ?? {})) {
    if (!sectors.has(sector)) {
      issues.push({ segments: [...at, 'sectors', sector], rule: `no firm of the scenario is in sector "${sector}" (sectors: ${[...sectors].map((s) => `"${s}"`).join(', ') || 'none'})` });
    }
  }
}

export function checkUncertainty(scenario: Scenario): PathIssue[] {
  const uncertainty = scenario.uncertainty;
  if (uncertainty === undefined) return [];
  const issues: PathIssue[] = [];
  const sectors = new Set<string>([...scenario.firms.map((f) => f.sector), ...scenario.firmTemplates.map((t) => t.sector)]);
  checkSectors(uncertainty.output?.growth, ['uncertainty', 'output', 'growth'], sectors, issues);
  checkSectors(uncertainty.output?.shocks, ['uncertainty', 'output', 'shocks'], sectors, issues);
  checkSectors(uncertainty.emissions, ['uncertainty', 'emissions'], sectors, issues);
  checkSectors(uncertainty.mac, ['uncertainty', 'mac'], sectors, issues);
  const credits = new Map(scenario.credits.map((c) => [c.id, c]));
  for (const [id, spec] of Object.entries(uncertainty.credits ?? {})) {
    const credit = credits.get(id);
    if (credit === undefined) {
      issues.push({ segments: ['uncertainty', 'credits', id], rule: `names no credit type of the scenario (credits: ${[...credits.keys()].map((c) => `"${c}"`).join(', ') || 'none'})` });
      continue;
    }
    if (spec.price !== undefined && credit.price === undefined) {
      issues.push({ segments: ['uncertainty', 'credits', id, 'price'], rule: `credit "${id}" has no exogenous price to make uncertain` });
    }
    if (spec.supply !== undefined && credit.supply === undefined) {
      issues.push({ segments: ['uncertainty', 'credits', id, 'supply'], rule: `credit "${id}" has no supply curve to make uncertain` });
    }
  }
  return issues;
}
