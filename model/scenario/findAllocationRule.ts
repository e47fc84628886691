/**
 * Which allocation rule of a scheme applies to a sector: the first rule whose `sectors` list the sector, otherwise
 * the first rule without `sectors` (a catch-all); -1 when none does.
 *
 * The scenario checks also require a catch-all to come last and each sector to be listed in at most one rule, so
 * "first matching rule in list order" gives the same answer on every valid scenario.
 *
 * @example findAllocationRule([{ method: 'auction' }, { method: 'auction', sectors: ['steel'] }], 'steel') // 1
 */
import type { AllocationRuleSpec } from './schema.js';

export function findAllocationRule(rules: readonly Pick<AllocationRuleSpec, 'sectors'>[], sector: string): number {
  let catchAll = -1;
  for (let j = 0; j < rules.length; j++) {
    const sectors = rules[j]!.sectors;
    if (sectors === undefined) {
      if (catchAll < 0) catchAll = j;
    } else if (sectors.includes(sector)) return j;
  }
  return catchAll;
}
