/**
 * A domestic credit (国内クレジット) project and the parameters of the project cycle, from the operating rules
 * (国内クレジット制度運営規則, Oct 2008; seed 002):
 *  - ch. 4 §2.1 requirements: carried out in Japan, additional, by a firm outside the voluntary action plans,
 *    under an approved methodology, validated by a registered verifier;
 *  - ch. 4 §2.2(3): the committee must notify non-approval within (in principle) 10 weeks of receiving the
 *    application, otherwise the plan is deemed approved; subsidised projects are credited taking the subsidy share
 *    into account;
 *  - ch. 5 §1: reductions are credited only for periods up to 31 March 2013;
 *  - ch. 5 §2(3): the committee issues the credit document within (in principle) 10 weeks of the application.
 * Durations are whole weeks; instants are `Instant`s (see model/registry/instant.ts).
 */
import { instant, type Instant } from '../registry/instant.js';
import type { EntityId } from '../registry/types.js';

export interface CreditProject {
  id: string;
  /** 排出削減事業者: the firm carrying out the reduction (typically an SME). */
  owner: EntityId;
  /** 排出削減事業共同実施者: firms providing technology or funds. */
  coImplementers: readonly EntityId[];
  /** 国内クレジット保有予定者: who receives the credits, the owner or a co-implementer (named in the plan). */
  creditHolder: EntityId;
  methodology: string;
  /** Application of the project plan (start of validation). */
  appliedAt: Instant;
  /** Start of the reduction activity (monitoring starts here, or at approval if later). */
  startAt: Instant;
  /** Baseline, project and leakage emissions, t CO2 per year (reduction = baseline − project − leakage). */
  baselinePerYear: number;
  projectPerYear: number;
  leakagePerYear: number;
  /** Share of the equipment cost covered by a national or local subsidy, 0–1 (credited ∝ 1 − share). */
  subsidyShare: number;
  /** Abatement cost, currency per t (decimal string or number); used only with `creditPrice`. */
  costPerTonne?: number | string;
  /** Requirement flags (ch. 4 §2.1). */
  domestic: boolean;
  additional: boolean;
  inVoluntaryActionPlan: boolean;
  /** The committee's non-approval notice, if any (effective only within the 10-week window). */
  refusedAt?: Instant;
  /** An explicit approval before the deemed-approval date. */
  approvedAt?: Instant;
}

export interface ProjectCycleParams {
  /** Methodologies approved by the committee (ch. 4 §1.3; KM/CDM equivalents deemed approved, supplementary provision 2). */
  approvedMethodologies: readonly string[];
  /** Application → validation report to the committee, weeks. */
  validationWeeks: number;
  /** Non-approval must be notified within this many weeks of receipt, else the plan is deemed approved (10). */
  deemedApprovalWeeks: number;
  /** Length of one monitoring (reduction report) period, weeks. */
  monitoringWeeks: number;
  /** End of a monitoring period → verification (実績確認) and application for certification, weeks. */
  verificationWeeks: number;
  /** Application for certification → credit document issued (within 10 weeks in principle). */
  issuanceWeeks: number;
  /** Reductions after this instant are not credited: 31 March 2013 → instant('2013-04-01') (exclusive). */
  creditingEnd: Instant;
  /** With a credit price (currency/t), only projects whose cost per tonne ≤ price are carried out. */
  creditPrice?: number | string;
}

/** Defaults from seed 002, except the durations it does not fix (marked as assumptions). */
export const DEFAULT_PROJECT_CYCLE: ProjectCycleParams = {
  approvedMethodologies: [],
  validationWeeks: 8, // assumption: not fixed by the rules ("遅滞なく")
  deemedApprovalWeeks: 10, // seed 002 ch. 4 §2.2(3)①②
  monitoringWeeks: 52, // assumption: yearly reduction reports
  verificationWeeks: 8, // assumption
  issuanceWeeks: 10, // seed 002 ch. 5 §2(3)②: within 10 weeks in principle
  creditingEnd: instant('2013-04-01'), // seed 002 ch. 5 §1④: periods not beyond 31 March 2013
};

export class CreditProjectError extends Error {
  override readonly name = 'CreditProjectError';
}

/** Validates the numbers of a project (structural problems are errors; unmet requirements are outcomes). */
export function checkProject(project: CreditProject, path: string): void {
  const fail = (field: string, message: string): never => { throw new CreditProjectError(`${path}.${field}: ${message}`); };
  for (const field of ['baselinePerYear', 'projectPerYear', 'leakagePerYear'] as const) {
    if (!Number.isFinite(project[field]) || project[field] < 0) fail(field, `must be a finite number ≥ 0 (t/year), got ${project[field]}`);
  }
  if (!(project.subsidyShare >= 0 && project.subsidyShare <= 1)) fail('subsidyShare', `must be within 0–1, got ${project.subsidyShare}`);
  if (!Number.isFinite(project.appliedAt) || !Number.isFinite(project.startAt)) fail('appliedAt', 'appliedAt and startAt must be instants');
}

export function checkParams(params: ProjectCycleParams): void {
  for (const field of ['validationWeeks', 'deemedApprovalWeeks', 'monitoringWeeks', 'verificationWeeks', 'issuanceWeeks'] as const) {
    const value = params[field];
    if (!Number.isSafeInteger(value) || value < 0 || (field === 'monitoringWeeks' && value === 0)) {
      throw new CreditProjectError(`params.${field}: must be whole weeks${field === 'monitoringWeeks' ? ' > 0' : ' ≥ 0'}, got ${value}`);
    }
  }
}
