/**
 * One project through the cycle of seed 002: eligibility → validation → committee approval (explicit, or deemed
 * after 10 weeks without a refusal) → monitoring periods → verification → certification and issuance. Pure.
 *
 * Reading of ch. 4 §2.2(3): the application reaches the committee with the validation report (at validatedAt), and
 * the 10 weeks for a non-approval notice run from that receipt; a refusal at or before that deadline stops the
 * project, a later one is void because the plan is already deemed approved.
 *
 * Credited tonnes per monitoring period = ⌊(baseline − project − leakage) × years × (1 − subsidy share)⌋, computed
 * exactly in decimal; a period is cut at the crediting end (31 March 2013), and a negative reduction credits 0.
 */
import { Decimal } from 'decimal.js';
import { MS_PER_DAY, MS_PER_WEEK, type Instant } from '../registry/instant.js';
import type { CreditProject, ProjectCycleParams } from './project.js';

export type ProjectOutcome =
  | { status: 'ineligible'; reason: string }
  | { status: 'refused'; refusedAt: Instant }
  | { status: 'notImplemented'; reason: string }
  | { status: 'approved'; validatedAt: Instant; approvedAt: Instant; deemed: boolean; reports: MonitoringReport[] };

export interface MonitoringReport {
  /** Monitoring period [from, to). */
  from: Instant;
  to: Instant;
  /** Reduction in the period, t (exact decimal as a string). */
  reduction: string;
  /** Whole tonnes credited after the subsidy share. */
  credited: number;
  /** Verification done and certification applied for. */
  verifiedAt: Instant;
  /** Credit document issued (units issued in the registry). */
  issuedAt: Instant;
}

const DAYS_PER_YEAR = 365;

/** Where a project ends up, with its dated reports when approved. */
export function projectCycle(project: CreditProject, params: ProjectCycleParams): ProjectOutcome {
  if (!project.domestic) return { status: 'ineligible', reason: 'not carried out in Japan (ch. 4 §2.1①)' };
  if (!project.additional) return { status: 'ineligible', reason: 'not additional (ch. 4 §2.1②)' };
  if (project.inVoluntaryActionPlan) return { status: 'ineligible', reason: 'carried out by a voluntary action plan participant (ch. 4 §2.1③)' };
  if (!params.approvedMethodologies.includes(project.methodology)) return { status: 'ineligible', reason: `methodology "${project.methodology}" is not approved (ch. 4 §2.1④)` };
  if (project.creditHolder !== project.owner && !project.coImplementers.includes(project.creditHolder)) {
    return { status: 'ineligible', reason: `credit holder ${project.creditHolder} is neither the owner nor a co-implementer (ch. 4 §2.2(1)②)` };
  }
  if (params.creditPrice !== undefined && project.costPerTonne !== undefined && new Decimal(project.costPerTonne).greaterThan(new Decimal(params.creditPrice))) {
    return { status: 'notImplemented', reason: `cost ${project.costPerTonne}/t above the credit price ${params.creditPrice}/t` };
  }
  const validatedAt = project.appliedAt + params.validationWeeks * MS_PER_WEEK;
  const deemedAt = validatedAt + params.deemedApprovalWeeks * MS_PER_WEEK;
  if (project.refusedAt !== undefined && project.refusedAt <= deemedAt) return { status: 'refused', refusedAt: project.refusedAt };
  const explicit = project.approvedAt !== undefined && project.approvedAt >= validatedAt && project.approvedAt < deemedAt;
  const approvedAt = explicit ? project.approvedAt! : deemedAt;

  const reports: MonitoringReport[] = [];
  const rate = new Decimal(project.baselinePerYear).minus(project.projectPerYear).minus(project.leakagePerYear);
  const keep = new Decimal(1).minus(project.subsidyShare);
  const step = params.monitoringWeeks * MS_PER_WEEK;
  for (let from = project.startAt; from < params.creditingEnd; from += step) {
    const to = Math.min(from + step, params.creditingEnd);
    const years = new Decimal(to - from).div(MS_PER_DAY).div(DAYS_PER_YEAR);
    const reduction = Decimal.max(rate.times(years), 0);
    const credited = reduction.times(keep).floor().toNumber();
    // A report can be verified only once the plan is approved.
    const verifiedAt = Math.max(to, approvedAt) + params.verificationWeeks * MS_PER_WEEK;
    reports.push({ from, to, reduction: reduction.toString(), credited, verifiedAt, issuedAt: verifiedAt + params.issuanceWeeks * MS_PER_WEEK });
  }
  return { status: 'approved', validatedAt, approvedAt, deemed: !explicit, reports };
}
