/** From a population of projects and a period grid to an issuance schedule, and issuing it through the registry. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PROJECT_CYCLE, fiscalYearGrid, issuanceSchedule, issueScheduledCredits, periodIndex, type CreditProject,
} from '../../model/credits/index.js';
import { fiscalYearStart, instant, MS_PER_WEEK } from '../../model/registry/instant.js';
import { submit } from '../../model/registry/transact.js';
import { ref, world } from '../registry/fixture.js';

const params = { ...DEFAULT_PROJECT_CYCLE, approvedMethodologies: ['001'] };
const base: CreditProject = {
  id: 'P1', owner: 'SME', coImplementers: ['BIGCO'], creditHolder: 'BIGCO', methodology: '001',
  appliedAt: instant('2009-04-01'), startAt: instant('2009-10-01'),
  baselinePerYear: 1_095, projectPerYear: 0, leakagePerYear: 0, subsidyShare: 0,
  domestic: true, additional: true, inVoluntaryActionPlan: false,
};

describe('period grid', () => {
  it('maps instants to fiscal-year periods, with edges', () => {
    const grid = fiscalYearGrid(2009, 3); // FY2009, FY2010, FY2011
    expect(periodIndex(grid, fiscalYearStart(2009) - 1)).toBe(-1);
    expect(periodIndex(grid, fiscalYearStart(2009))).toBe(0);
    expect(periodIndex(grid, fiscalYearStart(2010) - 1)).toBe(0);
    expect(periodIndex(grid, fiscalYearStart(2010))).toBe(1);
    expect(periodIndex(grid, fiscalYearStart(2012))).toBe(3); // the grid's end: after the horizon
  });
});

describe('issuanceSchedule', () => {
  it('lags in weeks become periods: each report lands in the fiscal year of its issuance', () => {
    // 1,095 t/yr = 3 t/day: 52-week periods (364 days) credit 1,092 t. Periods start 2009-10-01, 2010-09-30, 2011-09-29,
    // 2012-09-27 (cut at 2013-04-01: 186 days → 558 t). Issuance = end + 8 + 10 weeks.
    const schedule = issuanceSchedule([base], params, fiscalYearGrid(2009, 5));
    expect(schedule.rows.map((r) => [r.period, r.quantity, r.vintage])).toEqual([
      [1, 1_092, 2010], // period ends 2010-09-30 → issued 2011-02-03 (FY2010); vintage FY2010
      [2, 1_092, 2011],
      [3, 1_092, 2012],
      [4, 558, 2012],  // ends 2013-04-01 → issued 2013-08-05 (FY2013); vintage = FY of the last day (2013-03-31) = 2012
    ]);
    expect(schedule.perPeriod).toEqual([0, 1_092, 1_092, 1_092, 558]);
    expect(schedule.afterHorizon).toBe(0);
    expect(schedule.rows[0]!.issuedAt).toBe(instant('2010-09-30') + 18 * MS_PER_WEEK);
  });

  it('credits issued after the grid are counted apart; ineligible projects issue nothing', () => {
    const schedule = issuanceSchedule([base, { ...base, id: 'P2', additional: false }], params, fiscalYearGrid(2009, 2));
    expect(schedule.perPeriod).toEqual([0, 1_092]);
    expect(schedule.afterHorizon).toBe(1_092 * 2 + 558);
    expect(schedule.outcomes.get('P2')).toMatchObject({ status: 'ineligible' });
  });

  it('subsidised projects are credited in proportion (50 % subsidy → half, floored)', () => {
    const schedule = issuanceSchedule([{ ...base, subsidyShare: 0.5 }], params, fiscalYearGrid(2009, 5));
    expect(schedule.perPeriod).toEqual([0, 546, 546, 546, 279]);
  });

  it('refuses a duplicate project id and a non-increasing grid, naming them', () => {
    expect(() => issuanceSchedule([base, base], params, fiscalYearGrid(2009, 2))).toThrow(/projects\[1\]\.id: duplicate project "P1"/);
    expect(() => issuanceSchedule([base], params, { starts: [2, 1], end: 3 })).toThrow(/grid\.starts\[1\]/);
    expect(() => issuanceSchedule([{ ...base, subsidyShare: 1.5 }], params, fiscalYearGrid(2009, 2))).toThrow(/projects\[0\]\.subsidyShare/);
  });
});

describe('issuing through the registry', () => {
  it('issues each period\'s rows to the holder (a co-implementer), who may pass them only to co-implementers', () => {
    const system = world();
    const projects = [base];
    const schedule = issuanceSchedule(projects, params, fiscalYearGrid(2009, 5));
    const results = issueScheduledCredits(system, schedule, projects, 1, { accountOf: (entity) => ref('JCREDIT', entity) });
    expect(results.map((r) => r.ok)).toEqual([true]);
    expect(system.classes.find((c) => c.scheme === 'DOMESTIC')).toMatchObject({ projectId: 'P1', vintage: 2010, unitType: 'CREDIT' });
    const at = instant('2011-06-01');
    // BIGCO holds them; the owner SME is not a co-implementer, so a transfer back is refused (P09); retirement (償却) is allowed.
    const toOwner = submit(system, { type: 'TRANSFER_INTERNAL', at, from: ref('JCREDIT', 'BIGCO'), to: ref('JCREDIT', 'SME'), quantity: 1, unit: { unitType: 'CREDIT' } });
    expect(toOwner.ok ? null : toOwner.code).toBe('P09');
    expect(submit(system, { type: 'RETIRE', at, from: ref('JCREDIT', 'BIGCO'), to: ref('JCREDIT', 'RETIREMENT'), quantity: 92, unit: { unitType: 'CREDIT' } }).ok).toBe(true);
  });
});
