/**
 * The domestic credit project cycle (seed 002). Hand calculations are given next to each expected value; a year is
 * 365 days; durations are whole weeks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROJECT_CYCLE, projectCycle, type CreditProject, type ProjectCycleParams } from '../../model/credits/index.js';
import { instant, MS_PER_WEEK } from '../../model/registry/instant.js';

const params: ProjectCycleParams = { ...DEFAULT_PROJECT_CYCLE, approvedMethodologies: ['001'] };

function project(overrides: Partial<CreditProject> = {}): CreditProject {
  return {
    id: 'P1', owner: 'SME', coImplementers: ['BIGCO'], creditHolder: 'BIGCO', methodology: '001',
    appliedAt: instant('2009-04-01'), startAt: instant('2009-10-01'),
    baselinePerYear: 1_000, projectPerYear: 600, leakagePerYear: 50, subsidyShare: 0,
    domestic: true, additional: true, inVoluntaryActionPlan: false, ...overrides,
  };
}

describe('approval', () => {
  it('is deemed after 10 weeks without a refusal (ch. 4 §2.2(3)②)', () => {
    const outcome = projectCycle(project(), params);
    // validated at applied + 8 weeks (default assumption); deemed approved 10 weeks later: applied + 18 weeks.
    expect(outcome).toMatchObject({ status: 'approved', deemed: true, validatedAt: instant('2009-04-01') + 8 * MS_PER_WEEK, approvedAt: instant('2009-04-01') + 18 * MS_PER_WEEK });
  });

  it('a refusal at the deadline stops the project; one after it is void', () => {
    const deadline = instant('2009-04-01') + 18 * MS_PER_WEEK;
    expect(projectCycle(project({ refusedAt: deadline }), params)).toEqual({ status: 'refused', refusedAt: deadline });
    expect(projectCycle(project({ refusedAt: deadline + 1 }), params).status).toBe('approved');
  });

  it('an explicit approval inside the window is used', () => {
    const at = instant('2009-04-01') + 12 * MS_PER_WEEK;
    expect(projectCycle(project({ approvedAt: at }), params)).toMatchObject({ status: 'approved', deemed: false, approvedAt: at });
  });

  it('requirements of ch. 4 §2.1 and the holder rule of §2.2(1)②', () => {
    expect(projectCycle(project({ domestic: false }), params)).toMatchObject({ status: 'ineligible', reason: expect.stringMatching(/Japan/) });
    expect(projectCycle(project({ additional: false }), params)).toMatchObject({ status: 'ineligible', reason: expect.stringMatching(/additional/) });
    expect(projectCycle(project({ inVoluntaryActionPlan: true }), params)).toMatchObject({ status: 'ineligible', reason: expect.stringMatching(/voluntary action plan/) });
    expect(projectCycle(project({ methodology: '999' }), params)).toMatchObject({ status: 'ineligible', reason: expect.stringMatching(/methodology "999"/) });
    expect(projectCycle(project({ creditHolder: 'STRANGER' }), params)).toMatchObject({ status: 'ineligible', reason: expect.stringMatching(/neither the owner nor a co-implementer/) });
  });

  it('with a credit price, projects costing more per tonne are not carried out (decimal comparison)', () => {
    expect(projectCycle(project({ costPerTonne: '1500.01' }), { ...params, creditPrice: 1500 }).status).toBe('notImplemented');
    expect(projectCycle(project({ costPerTonne: '1500.00' }), { ...params, creditPrice: 1500 }).status).toBe('approved');
  });
});

describe('reductions and credits', () => {
  it('reduction = baseline − project − leakage per monitoring period; credited ∝ (1 − subsidy share), floored', () => {
    const outcome = projectCycle(project({ subsidyShare: 0.3 }), params);
    if (outcome.status !== 'approved') throw new Error(outcome.status);
    const first = outcome.reports[0]!;
    // 350 t/yr × 364/365 yr (52 weeks) = 349.0410958… t; × 0.7 = 244.33 → 244 t.
    expect(Number(first.reduction)).toBeCloseTo(349.0410958904, 9);
    expect(first.credited).toBe(244);
  });

  it('nothing is credited after 31 March 2013: the last period is cut at the crediting end', () => {
    const outcome = projectCycle(project({ startAt: instant('2012-06-01'), baselinePerYear: 365, projectPerYear: 0, leakagePerYear: 0 }), params);
    if (outcome.status !== 'approved') throw new Error(outcome.status);
    expect(outcome.reports).toHaveLength(1);
    // 2012-06-01 → 2013-04-01 is 304 days: 365 t/yr × 304/365 = 304 t.
    expect(outcome.reports[0]).toMatchObject({ from: instant('2012-06-01'), to: instant('2013-04-01'), reduction: '304', credited: 304 });
  });

  it('a project starting after the crediting end earns nothing; the end date is a parameter', () => {
    const late = project({ startAt: instant('2013-05-01') });
    const outcome = projectCycle(late, params);
    expect(outcome.status === 'approved' && outcome.reports).toEqual([]);
    const extended = projectCycle(late, { ...params, creditingEnd: instant('2014-04-01') });
    expect(extended.status === 'approved' && extended.reports.length).toBe(1);
  });

  it('a negative reduction credits 0', () => {
    const outcome = projectCycle(project({ projectPerYear: 2_000 }), params);
    expect(outcome.status === 'approved' && outcome.reports.every((r) => r.credited === 0)).toBe(true);
  });

  it('verification waits for approval; issuance follows within the issuance lag', () => {
    const outcome = projectCycle(project({ startAt: instant('2009-01-01') }), { ...params, monitoringWeeks: 4 });
    if (outcome.status !== 'approved') throw new Error(outcome.status);
    const first = outcome.reports[0]!;
    // First 4-week period ends 2009-01-29, before approval (2009-04-01 + 18 weeks): verified 8 weeks after approval.
    expect(first.verifiedAt).toBe(outcome.approvedAt + 8 * MS_PER_WEEK);
    expect(first.issuedAt).toBe(first.verifiedAt + 10 * MS_PER_WEEK);
  });

  it('credited ≤ reduction × (1 − share) < credited + 1 per report, and no report ends after the crediting end (property)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 1_000 }),
      fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 1_500 }), fc.integer({ min: 1, max: 60 }),
      (baseline, projectEmissions, leakage, share, startDay, weeks) => {
        const p = project({ baselinePerYear: baseline, projectPerYear: projectEmissions, leakagePerYear: leakage, subsidyShare: share, startAt: instant('2009-04-01') + startDay * 86_400_000 });
        const outcome = projectCycle(p, { ...params, monitoringWeeks: weeks });
        if (outcome.status !== 'approved') return;
        for (const r of outcome.reports) {
          expect(r.to).toBeLessThanOrEqual(params.creditingEnd);
          const exact = Number(r.reduction) * (1 - share);
          expect(r.credited).toBeLessThanOrEqual(exact + 1e-6);
          expect(r.credited).toBeGreaterThan(exact - 1 - 1e-6);
        }
      }), { numRuns: 200 });
  });
});
