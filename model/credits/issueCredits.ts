/**
 * Issuing a period's scheduled domestic credits through the registry: each project is registered once (owner and
 * co-implementers, for the co-implementer transfer restriction, P09), then each row is an ISSUE to the holder's
 * account with the project id and vintage on the units.
 */
import { registerProject, type RegistrySystem } from '../registry/system.js';
import { submit, type TxResult } from '../registry/transact.js';
import type { AccountRef, EntityId, SchemeId } from '../registry/types.js';
import type { CreditProject } from './project.js';
import type { IssuanceSchedule } from './issuanceSchedule.js';

export interface IssueCreditsOptions {
  /** The credit scheme (default 'DOMESTIC'). */
  scheme?: SchemeId;
  /** Account receiving the credits of an entity (in the scheme's registry). */
  accountOf: (entity: EntityId) => AccountRef;
}

/** Issues the rows of `period`; returns one result per row, in schedule order. */
export function issueScheduledCredits(
  system: RegistrySystem, schedule: IssuanceSchedule, projects: readonly CreditProject[], period: number, options: IssueCreditsOptions,
): TxResult[] {
  const scheme = options.scheme ?? 'DOMESTIC';
  const byId = new Map(projects.map((p) => [p.id, p]));
  const results: TxResult[] = [];
  for (const row of schedule.rows) {
    if (row.period !== period) continue;
    if (!system.projects.has(row.projectId)) {
      const project = byId.get(row.projectId)!;
      registerProject(system, { id: project.id, scheme, owner: project.owner, coImplementers: project.coImplementers });
    }
    results.push(submit(system, { type: 'ISSUE', at: row.issuedAt, to: options.accountOf(row.holder), scheme, quantity: row.quantity, vintage: row.vintage, projectId: row.projectId }));
  }
  return results;
}
