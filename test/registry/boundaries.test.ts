/**
 * Period edges and policy caps exactly at their boundary (REGISTRY.md §5.7), each tested on both sides.
 * Numbers: GX credit cap 10 % of verified emissions (itmedia 2507/09); fixture GX cap 1,000,000 t (vintage 2026);
 * Kyoto AA 1,000 t and inventory 150 t → CPR = min(900, 750) = 750 t; J-VER usable until the end of FY2020
 * (instant 2021-04-01T00:00, exclusive); tCER expiry given per unit; carry-over window 2015-11-18 ≤ at < 2016-11-18.
 */
import { describe, expect, it } from 'vitest';
import { reportEmissions } from '../../model/registry/compliance.js';
import { expireUnits } from '../../model/registry/expire.js';
import { fiscalYearEnd, instant } from '../../model/registry/instant.js';
import { submit } from '../../model/registry/transact.js';
import { blocksOf, expectRejected, GX_A, issue, must, ref, snapshot, T0, world } from './fixture.js';

const FY2026 = { scheme: 'GX', period: 'FY2026' } as const;
const JP = ref('JP-KP', 'GOV');
const XX = ref('XX-KP', 'GOV');

describe('credit limit (GX 10 % of the year\'s emissions)', () => {
  function withCredits(emissions: number, credits: number) {
    const system = world();
    issue(system, 'JCREDIT', ref('JCREDIT', 'A-JC'), credits, 2025);
    reportEmissions(system, { entity: 'A', scheme: 'GX', period: 'FY2026', verifiedEmissions: emissions });
    return system;
  }
  const invalidate = (system: ReturnType<typeof world>, quantity: number) => submit(system, {
    type: 'INVALIDATE', at: T0, from: ref('JCREDIT', 'A-JC'), to: ref('JCREDIT', 'INVALIDATION'), quantity, unit: { unitType: 'CREDIT' }, compliance: FY2026,
  });

  it('exactly 10 %: 100,000 t of credits against 1,000,000 t is accepted', () => {
    const system = withCredits(1_000_000, 100_001);
    expect(invalidate(system, 100_000).ok).toBe(true);
  });

  it('10 % + 1 t: 100,001 t is rejected (P04), and 1 t more after 100,000 t is rejected too', () => {
    const system = withCredits(1_000_000, 100_001);
    const before = snapshot(system);
    expectRejected(system, before, invalidate(system, 100_001), 'P04');
    expect(invalidate(system, 100_000).ok).toBe(true);
    const after = snapshot(system);
    expectRejected(system, after, invalidate(system, 1), 'P04');
  });

  it('the limit is floored to whole tonnes: 10 % of 1,000,005 t = 100,000.5 t allows 100,000 t', () => {
    const system = withCredits(1_000_005, 100_001);
    const before = snapshot(system);
    expectRejected(system, before, invalidate(system, 100_001), 'P04');
    expect(invalidate(system, 100_000).ok).toBe(true);
  });

  it('credits surrendered in the GX registry count against the same limit as credits invalidated in J-Credit', () => {
    const system = withCredits(1_000, 100);
    must(system, { type: 'TRANSFER_EXTERNAL', at: T0, from: ref('JCREDIT', 'A-JC'), to: GX_A, quantity: 60, unit: { unitType: 'CREDIT' } });
    must(system, { type: 'SURRENDER', at: T0, from: GX_A, to: ref('GX', 'GX/SURRENDER'), quantity: 60, unit: { unitType: 'CREDIT' }, compliance: FY2026 });
    // 60 t used; 40 t left of the 100 t limit.
    expect(invalidate(system, 41).ok).toBe(false);
    expect(invalidate(system, 40).ok).toBe(true);
  });
});

describe('commitment period reserve (P07)', () => {
  function kyoto() {
    const system = world();
    issue(system, 'JP-AAU', JP, 1_000, 2008, { applicablePeriod: 'CP1' });
    return system;
  }
  it('at equality: 1,000 − 250 = 750 = CPR is accepted', () => {
    expect(submit(kyoto(), { type: 'TRANSFER_EXTERNAL', at: T0, from: JP, to: XX, quantity: 250, unit: { unitType: 'AAU' } }).ok).toBe(true);
  });
  it('one below: 1,000 − 251 = 749 < 750 is rejected', () => {
    const system = kyoto();
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'TRANSFER_EXTERNAL', at: T0, from: JP, to: XX, quantity: 251, unit: { unitType: 'AAU' } }), 'P07');
  });
  it('the CPR is min(share × AA, multiple × inventory) from parameters: with inventory 190 t, CPR = min(900, 950) = 900', () => {
    const system = world({ kyoto: { assignedAmount: 1_000, latestReviewedInventory: 190 } });
    issue(system, 'JP-AAU', JP, 1_000, 2008, { applicablePeriod: 'CP1' });
    expect(submit(system, { type: 'TRANSFER_EXTERNAL', at: T0, from: JP, to: XX, quantity: 101, unit: { unitType: 'AAU' } }).ok).toBe(false);
    expect(submit(system, { type: 'TRANSFER_EXTERNAL', at: T0, from: JP, to: XX, quantity: 100, unit: { unitType: 'AAU' } }).ok).toBe(true);
  });
});

describe('issuance cap (P01)', () => {
  it('at cap: 1,000,000 t in two issuances is accepted; cap + 1 is rejected', () => {
    const system = world();
    const tq = ref('GX', 'GX/TOTAL_QUANTITY');
    must(system, { type: 'ISSUE', at: T0, to: tq, scheme: 'GX', quantity: 600_000, vintage: 2026 });
    must(system, { type: 'ISSUE', at: T0, to: tq, scheme: 'GX', quantity: 400_000, vintage: 2026 });
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'ISSUE', at: T0, to: tq, scheme: 'GX', quantity: 1, vintage: 2026 }), 'P01');
    // Another vintage has its own cap (none configured in the fixture for 2027).
    expect(submit(system, { type: 'ISSUE', at: T0, to: tq, scheme: 'GX', quantity: 1, vintage: 2027 }).ok).toBe(true);
  });
});

describe('advance-sale limit (P08, 10 % of ex-ante units before confirmation)', () => {
  it('100 t of 1,000 t is the most that can be sold; 1 t more is rejected', () => {
    const system = world();
    issue(system, 'TRIAL', ref('TRIAL', 'T1'), 1_000, 2008, { advance: true, at: instant('2008-10-01') });
    const sell = (quantity: number) => submit(system, { type: 'TRANSFER_INTERNAL', at: instant('2008-11-01'), from: ref('TRIAL', 'T1'), to: ref('TRIAL', 'T2'), quantity, unit: { unitType: 'ALLOWANCE' } });
    expect(sell(60).ok).toBe(true);
    expect(sell(40).ok).toBe(true);
    const before = snapshot(system);
    expectRejected(system, before, sell(1), 'P08');
  });
});

describe('period edges', () => {
  it('carry-over outside the window: the day before it opens and the instant it closes are refused; inside is accepted', () => {
    const system = world();
    issue(system, 'JP-AAU', JP, 100, 2008, { applicablePeriod: 'CP1' });
    const carry = (at: number) => submit(system, { type: 'CARRY_OVER', at, from: JP, quantity: 10, unit: { unitType: 'AAU' }, toPeriod: 'CP2' });
    const before = snapshot(system);
    expectRejected(system, before, carry(instant('2015-11-17T23:59:59')), 'P06');
    expectRejected(system, before, carry(instant('2016-11-18')), 'P06'); // closesAt is exclusive
    expect(carry(instant('2015-11-18')).ok).toBe(true);
  });

  it('carry-over of units not valid in the rule\'s source period is the wrong period (U07)', () => {
    const system = world();
    issue(system, 'JP-AAU', JP, 10, 2013, { applicablePeriod: 'CP2' });
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'CARRY_OVER', at: instant('2016-01-01'), from: JP, quantity: 10, unit: { unitType: 'AAU' }, toPeriod: 'CP2' }), 'U07');
  });

  it('surrender of the wrong vintage: 2026 and banked 2025 are valid for FY2026, 2028 is not (U07)', () => {
    const system = world();
    issue(system, 'GX', GX_A, 10, 2025);
    issue(system, 'GX', GX_A, 10, 2026);
    issue(system, 'GX', GX_A, 10, 2028);
    const surrender = (vintage: number) => submit(system, { type: 'SURRENDER', at: T0, from: GX_A, to: ref('GX', 'GX/SURRENDER'), quantity: 10, unit: { unitType: 'ALLOWANCE', vintage }, compliance: FY2026 });
    expect(surrender(2025).ok).toBe(true); // banking: units stay valid
    expect(surrender(2026).ok).toBe(true);
    const before = snapshot(system);
    expectRejected(system, before, surrender(2028), 'U07');
  });

  it('a GX Phase 1 unit is not eligible for Phase 2 surrender (P05, gx-league rules)', () => {
    const system = world();
    issue(system, 'GX-P1', GX_A, 10, 2025);
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'SURRENDER', at: T0, from: GX_A, to: ref('GX', 'GX/SURRENDER'), quantity: 10, unit: { unitType: 'ALLOWANCE' }, compliance: FY2026 }), 'P05');
  });

  it('tCER expiry exactly at the period end: usable 1 ms before, expired at the instant', () => {
    const expiry = instant('2013-01-01');
    const system = world();
    issue(system, 'CDM-TCER', ref('CDM', 'PP'), 10, 2010, { expiresAt: expiry });
    const transfer = (at: number) => submit(system, { type: 'TRANSFER_EXTERNAL', at, from: ref('CDM', 'PP'), to: ref('JP-KP', 'CO'), quantity: 5, unit: { unitType: 'TCER' } });
    expect(transfer(expiry - 1).ok).toBe(true);
    const before = snapshot(system);
    expectRejected(system, before, transfer(expiry), 'U06');
    expect(expireUnits(system, { registry: 'CDM', at: expiry - 1 })).toMatchObject({ quantity: 0 });
    expect(expireUnits(system, { registry: 'CDM', at: expiry })).toMatchObject({ quantity: 5 });
    expect(blocksOf(system, ref('CDM', 'PP'))).toEqual([[6, 10, 'EXPIRED']]);
  });

  it('J-VER after FY2020: usable on 2021-03-31T23:59:59, not at 2021-04-01T00:00 (validity rule data)', () => {
    const system = world();
    issue(system, 'JVER', ref('JCREDIT', 'SME'), 10, 2012, { at: instant('2012-06-01') });
    const move = (at: number) => submit(system, { type: 'TRANSFER_INTERNAL', at, from: ref('JCREDIT', 'SME'), to: ref('JCREDIT', 'BIGCO'), quantity: 1, unit: { unitType: 'CREDIT', scheme: 'JVER' } });
    expect(move(instant('2021-03-31T23:59:59')).ok).toBe(true);
    const before = snapshot(system);
    expectRejected(system, before, move(fiscalYearEnd(2020)), 'U06');
  });

  it('the J-VER end date is a parameter: moving it one year later moves the boundary', () => {
    const system = world({ jver: { usableUntil: fiscalYearEnd(2021) } });
    issue(system, 'JVER', ref('JCREDIT', 'SME'), 10, 2012);
    expect(submit(system, { type: 'TRANSFER_INTERNAL', at: fiscalYearEnd(2020), from: ref('JCREDIT', 'SME'), to: ref('JCREDIT', 'BIGCO'), quantity: 1, unit: { unitType: 'CREDIT' } }).ok).toBe(true);
  });
});
