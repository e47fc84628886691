/**
 * From a population of projects and a period grid to an issuance schedule: every credited monitoring report lands
 * in the period containing its issuance instant (lags in weeks become periods through the grid). Pure.
 */
import { fiscalYearStart, type Instant } from '../registry/instant.js';
import type { EntityId } from '../registry/types.js';
import { checkParams, checkProject, CreditProjectError, type CreditProject, type ProjectCycleParams } from './project.js';
import { projectCycle, type ProjectOutcome } from './projectCycle.js';

/** Period k covers [starts[k], starts[k + 1]), the last one [starts[n − 1], end). */
export interface PeriodGrid {
  starts: readonly Instant[];
  end: Instant;
}

/** Fiscal-year grid: FY firstYear … FY firstYear + count − 1. */
export function fiscalYearGrid(firstYear: number, count: number): PeriodGrid {
  const starts = Array.from({ length: count }, (_, k) => fiscalYearStart(firstYear + k));
  return { starts, end: fiscalYearStart(firstYear + count) };
}

/** Index of the period containing `at`, or −1 before the grid, `starts.length` at or after its end. */
export function periodIndex(grid: PeriodGrid, at: Instant): number {
  if (at < grid.starts[0]!) return -1;
  if (at >= grid.end) return grid.starts.length;
  let lo = 0, hi = grid.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (grid.starts[mid]! <= at) lo = mid; else hi = mid - 1;
  }
  return lo;
}

export interface ScheduledIssuance {
  projectId: string;
  period: number;
  issuedAt: Instant;
  holder: EntityId;
  /** Whole tonnes to issue. */
  quantity: number;
  /** Vintage: the fiscal year in which the monitoring period ends. */
  vintage: number;
  monitoringFrom: Instant;
  monitoringTo: Instant;
}

export interface IssuanceSchedule {
  rows: ScheduledIssuance[];
  /** Credited tonnes per grid period. */
  perPeriod: number[];
  /** Credited tonnes issued after the grid's end (not in `rows`). */
  afterHorizon: number;
  outcomes: Map<string, ProjectOutcome>;
}

function fiscalYear(at: Instant): number {
  const date = new Date(at);
  return date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
}

export function issuanceSchedule(projects: readonly CreditProject[], params: ProjectCycleParams, grid: PeriodGrid): IssuanceSchedule {
  checkParams(params);
  if (grid.starts.length === 0) throw new CreditProjectError('grid.starts: at least one period');
  for (let k = 1; k < grid.starts.length; k++) if (grid.starts[k]! <= grid.starts[k - 1]!) throw new CreditProjectError(`grid.starts[${k}]: periods must be increasing`);
  if (grid.end <= grid.starts[grid.starts.length - 1]!) throw new CreditProjectError('grid.end: must follow the last start');
  const ids = new Set<string>();
  const rows: ScheduledIssuance[] = [];
  const perPeriod = new Array<number>(grid.starts.length).fill(0);
  let afterHorizon = 0;
  const outcomes = new Map<string, ProjectOutcome>();
  for (const [index, project] of projects.entries()) {
    checkProject(project, `projects[${index}]`);
    if (ids.has(project.id)) throw new CreditProjectError(`projects[${index}].id: duplicate project "${project.id}"`);
    ids.add(project.id);
    const outcome = projectCycle(project, params);
    outcomes.set(project.id, outcome);
    if (outcome.status !== 'approved') continue;
    for (const report of outcome.reports) {
      if (report.credited === 0) continue;
      const period = periodIndex(grid, report.issuedAt);
      if (period >= grid.starts.length) { afterHorizon += report.credited; continue; }
      if (period < 0) throw new CreditProjectError(`projects[${index}]: issuance at ${new Date(report.issuedAt).toISOString()} is before the grid starts`);
      perPeriod[period] = perPeriod[period]! + report.credited;
      rows.push({
        projectId: project.id, period, issuedAt: report.issuedAt, holder: project.creditHolder, quantity: report.credited,
        vintage: fiscalYear(report.to - 1), monitoringFrom: report.from, monitoringTo: report.to,
      });
    }
  }
  rows.sort((a, b) => a.period - b.period || a.issuedAt - b.issuedAt || (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0) || a.monitoringFrom - b.monitoringFrom);
  return { rows, perPeriod, afterHorizon, outcomes };
}
