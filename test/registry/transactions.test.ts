/**
 * Happy paths for every transaction type of REGISTRY.md §5.4, with the resulting blocks and records computed by
 * hand from the fixture (serials are numbered from 1 per origin registry, in issuance order).
 */
import { describe, expect, it } from 'vitest';
import { complianceStatus, confirmAdvance, reportEmissions } from '../../model/registry/compliance.js';
import { acceptExternal, checkExternal, proposeExternal } from '../../model/registry/external.js';
import { expireUnits } from '../../model/registry/expire.js';
import { fiscalYearEnd, instant } from '../../model/registry/instant.js';
import { ledgerView, replay } from '../../model/registry/replay.js';
import { registerProject } from '../../model/registry/system.js';
import { submit } from '../../model/registry/transact.js';
import { blocksOf, GX_A, GX_B, issue, must, ok, ref, T0, world } from './fixture.js';

const GX_UNIT = { unitType: 'ALLOWANCE', scheme: 'GX' } as const;
const FY2026 = { scheme: 'GX', period: 'FY2026' } as const;
const TQ = ref('GX', 'GX/TOTAL_QUANTITY');
const POOL = ref('GX', 'GX/ALLOCATION');
const AUCTION = ref('GX', 'GX/AUCTION');
const JP = ref('JP-KP', 'GOV');

describe('ISSUE', () => {
  it('creates [next, next + q − 1] in the destination and records the range as issued', () => {
    const system = world();
    const first = must(system, { type: 'ISSUE', at: T0, to: TQ, scheme: 'GX', quantity: 500, vintage: 2026 });
    const second = must(system, { type: 'ISSUE', at: T0, to: TQ, scheme: 'GX', quantity: 300, vintage: 2026 });
    // First issuance of origin GX: serials 1..500; the next starts at 501 (§5.4 ISSUE).
    expect(first.ranges).toEqual([{ origin: 'GX', start: 1, end: 500, unitType: 'ALLOWANCE', scheme: 'GX', vintage: 2026 }]);
    expect(second.ranges[0]).toMatchObject({ start: 501, end: 800 });
    expect(blocksOf(system, TQ)).toEqual([[1, 800, 'ACTIVE']]);
    expect(system.origins.get('GX')!.issued.toArray()).toEqual([[1, 800]]);
    expect(system.issuedByCap.get('GX#0')).toBe(800);
  });

  it('issues credits to a project owner, with the project id on the units', () => {
    const system = world();
    const result = must(system, { type: 'ISSUE', at: T0, to: ref('JCREDIT', 'SME'), scheme: 'JCREDIT', quantity: 40, vintage: 2025, projectId: 'JC-001' });
    expect(result.ranges[0]).toMatchObject({ origin: 'JCREDIT', start: 1, end: 40, unitType: 'CREDIT', scheme: 'JCREDIT' });
    expect(system.classes[0]!.projectId).toBe('JC-001');
  });
});

describe('distribution', () => {
  it('ALLOCATE moves allowances from the ALLOCATION account to an operator', () => {
    const system = world();
    must(system, { type: 'ISSUE', at: T0, to: TQ, scheme: 'GX', quantity: 100, vintage: 2026 });
    must(system, { type: 'TRANSFER_INTERNAL', at: T0, from: TQ, to: POOL, quantity: 100, unit: GX_UNIT });
    must(system, { type: 'ALLOCATE', at: T0, from: POOL, to: GX_A, quantity: 60, unit: GX_UNIT });
    expect(blocksOf(system, GX_A)).toEqual([[1, 60, 'ACTIVE']]);
    expect(blocksOf(system, POOL)).toEqual([[61, 100, 'ACTIVE']]);
  });

  it('AUCTION_DELIVERY moves allowances from the AUCTION account to a winning bidder', () => {
    const system = world();
    must(system, { type: 'ISSUE', at: T0, to: TQ, scheme: 'GX', quantity: 100, vintage: 2026 });
    must(system, { type: 'TRANSFER_INTERNAL', at: T0, from: TQ, to: AUCTION, quantity: 50, unit: GX_UNIT });
    must(system, { type: 'AUCTION_DELIVERY', at: T0, from: AUCTION, to: ref('GX', 'EXCH'), quantity: 50, unit: GX_UNIT });
    expect(blocksOf(system, ref('GX', 'EXCH'))).toEqual([[1, 50, 'ACTIVE']]);
  });

  it('RETURN_EXCESS_ALLOCATION sends units from an operator back to the ALLOCATION account', () => {
    const system = world();
    issue(system, 'GX', GX_A, 10, 2026);
    must(system, { type: 'RETURN_EXCESS_ALLOCATION', at: T0, from: GX_A, to: POOL, quantity: 4, unit: GX_UNIT });
    expect(blocksOf(system, POOL)).toEqual([[1, 4, 'ACTIVE']]);
    expect(blocksOf(system, GX_A)).toEqual([[5, 10, 'ACTIVE']]);
  });
});

describe('transfers', () => {
  it('TRANSFER_INTERNAL takes the oldest vintage first, then the lowest serials', () => {
    const system = world();
    issue(system, 'GX', GX_A, 10, 2027); // 1..10 vintage 2027
    issue(system, 'GX', GX_A, 10, 2026); // 11..20 vintage 2026
    const result = must(system, { type: 'TRANSFER_INTERNAL', at: T0, from: GX_A, to: GX_B, quantity: 12, unit: GX_UNIT });
    // 10 t of vintage 2026 (11..20), then 2 t of vintage 2027 (1..2).
    expect(result.ranges.map((r) => [r.start, r.end, r.vintage])).toEqual([[11, 20, 2026], [1, 2, 2027]]);
  });

  it('TRANSFER_EXTERNAL two-phase: proposed units are RESERVED in the source until completion, then move atomically', () => {
    const system = world();
    issue(system, 'JP-AAU', JP, 1_000, 2008, { applicablePeriod: 'CP1' });
    const proposal = ok(proposeExternal(system, { type: 'TRANSFER_EXTERNAL', at: T0, from: JP, to: ref('XX-KP', 'GOV'), quantity: 100, unit: { unitType: 'AAU' } }));
    expect(proposal.phase).toBe('PROPOSED');
    expect(blocksOf(system, JP)).toEqual([[1, 100, 'RESERVED'], [101, 1000, 'ACTIVE']]);
    expect(blocksOf(system, ref('XX-KP', 'GOV'))).toEqual([]);
    expect(checkExternal(system, proposal.txId, T0).ok).toBe(true);
    expect(acceptExternal(system, proposal.txId, T0 + 1).ok).toBe(true);
    expect(blocksOf(system, JP)).toEqual([[101, 1000, 'ACTIVE']]);
    expect(blocksOf(system, ref('XX-KP', 'GOV'))).toEqual([[1, 100, 'ACTIVE']]);
    expect(replay(system.log)).toEqual(ledgerView(system));
  });

  it('TRANSFER_EXTERNAL in one call (purchase of credits from a credit registry)', () => {
    const system = world();
    issue(system, 'JCREDIT', ref('JCREDIT', 'SME'), 30, 2025);
    must(system, { type: 'TRANSFER_EXTERNAL', at: T0, from: ref('JCREDIT', 'SME'), to: GX_A, quantity: 30, unit: { unitType: 'CREDIT' } });
    expect(blocksOf(system, GX_A)).toEqual([[1, 30, 'ACTIVE']]);
  });

  it('the first international transfer of an authorized ITMO applies the corresponding adjustment once', () => {
    const system = world();
    issue(system, 'JCM', ref('JCM-JP', 'DEV'), 10, 2022, { art6: { authorizationId: 'AUTH-1' } });
    must(system, { type: 'TRANSFER_EXTERNAL', at: T0, from: ref('JCM-JP', 'DEV'), to: GX_A, quantity: 10, unit: { unitType: 'CREDIT' } });
    expect(system.registries.get('JCM-JP')!.correspondingAdjustments).toBe(10);
    expect(system.classes.at(-1)!.art6).toEqual({ authorizationId: 'AUTH-1', firstTransferred: true, used: false });
  });
});

describe('uses', () => {
  it('SURRENDER moves units to the scheme surrender account as SURRENDERED and counts them for (entity, period)', () => {
    const system = world();
    issue(system, 'GX', GX_A, 100, 2026);
    reportEmissions(system, { entity: 'A', scheme: 'GX', period: 'FY2026', verifiedEmissions: 90 });
    must(system, { type: 'SURRENDER', at: T0, from: GX_A, to: ref('GX', 'GX/SURRENDER'), quantity: 90, unit: GX_UNIT, compliance: FY2026 });
    expect(blocksOf(system, ref('GX', 'GX/SURRENDER'))).toEqual([[1, 90, 'SURRENDERED']]);
    // balance = surrendered − verified = 90 − 90 = 0 (§5.6 inv. 9).
    expect(complianceStatus(system, 'A', 'GX', 'FY2026')).toMatchObject({ allowances: 90, credits: 0, surrendered: 90, balance: 0 });
  });

  it('RETIRE moves units to the RETIREMENT account (beneficiary recorded in the log)', () => {
    const system = world();
    issue(system, 'JP-AAU', JP, 10, 2008, { applicablePeriod: 'CP1' });
    must(system, { type: 'RETIRE', at: T0, from: JP, to: ref('JP-KP', 'RETIREMENT'), quantity: 10, unit: { unitType: 'AAU' }, beneficiary: 'Japan CP1 compliance' });
    expect(blocksOf(system, ref('JP-KP', 'RETIREMENT'))).toEqual([[1, 10, 'RETIRED']]);
    expect(system.log.entry(system.log.size - 1).reason).toBe('Japan CP1 compliance');
  });

  it('RETIRE (償却) of 国内クレジット toward the trial scheme counts as compliance', () => {
    const system = world({ accounts: [{ registry: 'JCREDIT', id: 'T1-JC', type: 'TRADING', holder: 'T1' }] });
    registerProject(system, { id: 'P1', scheme: 'DOMESTIC', owner: 'SME', coImplementers: ['T1'] });
    must(system, { type: 'ISSUE', at: instant('2009-06-01'), to: ref('JCREDIT', 'SME'), scheme: 'DOMESTIC', quantity: 20, vintage: 2009, projectId: 'P1' });
    // Holder → co-implementer (seed 002 ch. 6 §2), then retirement toward the trial scheme (jcdm.jp: use needs 償却).
    must(system, { type: 'TRANSFER_INTERNAL', at: instant('2009-07-01'), from: ref('JCREDIT', 'SME'), to: ref('JCREDIT', 'T1-JC'), quantity: 20, unit: { unitType: 'CREDIT' } });
    reportEmissions(system, { entity: 'T1', scheme: 'TRIAL', period: 'FY2009', verifiedEmissions: 100 });
    must(system, { type: 'RETIRE', at: instant('2010-06-01'), from: ref('JCREDIT', 'T1-JC'), to: ref('JCREDIT', 'RETIREMENT'), quantity: 20, unit: { unitType: 'CREDIT' }, compliance: { scheme: 'TRIAL', period: 'FY2009' } });
    // 20 t of credits against 100 t verified: balance 20 − 100 = −80.
    expect(complianceStatus(system, 'T1', 'TRIAL', 'FY2009')).toMatchObject({ credits: 20, balance: -80 });
  });

  it('CANCEL needs the CANCELLATION account of its reason', () => {
    const system = world();
    issue(system, 'GX', GX_A, 10, 2026);
    must(system, { type: 'CANCEL', at: T0, from: GX_A, to: ref('GX', 'CANCELLATION/VOLUNTARY'), quantity: 3, unit: GX_UNIT, reason: 'VOLUNTARY' });
    expect(blocksOf(system, ref('GX', 'CANCELLATION/VOLUNTARY'))).toEqual([[1, 3, 'CANCELLED']]);
    const wrong = submit(system, { type: 'CANCEL', at: T0, from: GX_A, to: ref('GX', 'CANCELLATION/VOLUNTARY'), quantity: 1, unit: GX_UNIT, reason: 'MANDATORY' });
    expect(wrong.ok ? null : wrong.code).toBe('A06');
  });

  it('DELETE moves units to the DELETION account', () => {
    const system = world();
    issue(system, 'GX', GX_A, 10, 2026);
    must(system, { type: 'DELETE', at: T0, from: GX_A, to: ref('GX', 'DELETION'), quantity: 10, unit: GX_UNIT });
    expect(blocksOf(system, ref('GX', 'DELETION'))).toEqual([[1, 10, 'DELETED']]);
  });

  it('INVALIDATE (無効化) of J-Credits toward GX reduces the year\'s net obligation', () => {
    const system = world();
    issue(system, 'JCREDIT', ref('JCREDIT', 'A-JC'), 50, 2025);
    reportEmissions(system, { entity: 'A', scheme: 'GX', period: 'FY2026', verifiedEmissions: 1_000 });
    must(system, { type: 'INVALIDATE', at: T0, from: ref('JCREDIT', 'A-JC'), to: ref('JCREDIT', 'INVALIDATION'), quantity: 50, unit: { unitType: 'CREDIT' }, compliance: FY2026 });
    expect(blocksOf(system, ref('JCREDIT', 'INVALIDATION'))).toEqual([[1, 50, 'INVALIDATED']]);
    // 50 t credits counted; balance = 50 − 1,000 = −950 until allowances are surrendered.
    expect(complianceStatus(system, 'A', 'GX', 'FY2026')).toMatchObject({ credits: 50, balance: -950, creditsByLimit: { 'gx-credits': 50 } });
  });
});

describe('in-place changes', () => {
  it('CONVERT changes AAU to ERU in place, keeping serial and origin', () => {
    const system = world();
    issue(system, 'JP-AAU', JP, 10, 2008, { applicablePeriod: 'CP1' });
    const result = must(system, { type: 'CONVERT', at: T0, from: JP, quantity: 4, unit: { unitType: 'AAU' }, toUnitType: 'ERU' });
    expect(result.ranges).toEqual([{ origin: 'JP-KP', start: 1, end: 4, unitType: 'ERU', scheme: 'JP-AAU', vintage: 2008 }]);
    // Same serials, still in GOV: 1..4 now ERU, 5..10 still AAU (two classes, two segments).
    expect(blocksOf(system, JP).map(([s, e]) => [s, e])).toEqual([[1, 4], [5, 10]]);
    const noRule = submit(system, { type: 'CONVERT', at: T0, from: JP, quantity: 1, unit: { unitType: 'ERU' }, toUnitType: 'CER' });
    expect(noRule.ok ? null : noRule.code).toBe('S04');
  });

  it('CARRY_OVER changes the applicable period inside the window and within 2.5 % of AA', () => {
    const cp1 = world();
    issue(cp1, 'JP-AAU', JP, 100, 2008, { applicablePeriod: 'CP1' });
    must(cp1, { type: 'CONVERT', at: instant('2012-01-01'), from: JP, quantity: 30, unit: { unitType: 'AAU' }, toUnitType: 'ERU' });
    // ERU limit = ⌊0.025 × 1,000⌋ = 25 t (fixture AA 1,000 t).
    must(cp1, { type: 'CARRY_OVER', at: instant('2016-01-01'), from: JP, quantity: 25, unit: { unitType: 'ERU' }, toPeriod: 'CP2' });
    const over = submit(cp1, { type: 'CARRY_OVER', at: instant('2016-01-01'), from: JP, quantity: 1, unit: { unitType: 'ERU', applicablePeriod: 'CP1' }, toPeriod: 'CP2' });
    expect(over.ok ? null : over.code).toBe('P06');
    expect(cp1.registries.get('JP-KP')!.carried.get('CP1-ERU')).toBe(25);
  });

  it('EXPIRE turns due units EXPIRED in place; nothing due → no transaction', () => {
    const system = world();
    issue(system, 'JVER', ref('JCREDIT', 'SME'), 10, 2012, { at: instant('2012-06-01') });
    const early = expireUnits(system, { registry: 'JCREDIT', at: fiscalYearEnd(2020) - 1 });
    expect(early).toEqual({ ok: true, txId: null, quantity: 0, ranges: [] });
    const due = expireUnits(system, { registry: 'JCREDIT', at: fiscalYearEnd(2020) });
    expect(due.ok && due.quantity).toBe(10);
    expect(blocksOf(system, ref('JCREDIT', 'SME'))).toEqual([[1, 10, 'EXPIRED']]);
  });

  it('REPLACE sends replacing units to REPLACEMENT and marks the tCERs REPLACED', () => {
    const system = world();
    issue(system, 'CDM-TCER', ref('CDM', 'PP'), 10, 2010, { expiresAt: instant('2013-01-01') });
    must(system, { type: 'TRANSFER_EXTERNAL', at: instant('2011-01-01'), from: ref('CDM', 'PP'), to: ref('JP-KP', 'CO'), quantity: 10, unit: { unitType: 'TCER' } });
    issue(system, 'JP-AAU', ref('JP-KP', 'CO'), 10, 2008, { applicablePeriod: 'CP1' });
    must(system, { type: 'REPLACE', at: instant('2012-06-01'), from: ref('JP-KP', 'CO'), to: ref('JP-KP', 'REPLACEMENT'), quantity: 10, unit: { unitType: 'AAU' }, targets: [{ origin: 'CDM', start: 1, end: 10 }] });
    expect(blocksOf(system, ref('JP-KP', 'REPLACEMENT'))).toEqual([[1, 10, 'CANCELLED']]);
    expect(blocksOf(system, ref('JP-KP', 'CO'))).toEqual([[1, 10, 'REPLACED']]);
  });
});

describe('REVERSE', () => {
  it('reverses a SURRENDER once, inside the window: units back ACTIVE, compliance count undone', () => {
    const system = world();
    issue(system, 'GX', GX_A, 10, 2026);
    const surrender = must(system, { type: 'SURRENDER', at: T0, from: GX_A, to: ref('GX', 'GX/SURRENDER'), quantity: 10, unit: GX_UNIT, compliance: FY2026 });
    must(system, { type: 'REVERSE', at: T0 + 1, refTx: surrender.txId });
    expect(blocksOf(system, GX_A)).toEqual([[1, 10, 'ACTIVE']]);
    expect(complianceStatus(system, 'A', 'GX', 'FY2026').surrendered).toBe(0);
    // A reversed surrender is a correction: the serials may be surrendered again.
    must(system, { type: 'SURRENDER', at: T0 + 2, from: GX_A, to: ref('GX', 'GX/SURRENDER'), quantity: 10, unit: GX_UNIT, compliance: FY2026 });
  });

  it('reverses an ALLOCATE: units back in the ALLOCATION account', () => {
    const system = world();
    must(system, { type: 'ISSUE', at: T0, to: TQ, scheme: 'GX', quantity: 10, vintage: 2026 });
    must(system, { type: 'TRANSFER_INTERNAL', at: T0, from: TQ, to: POOL, quantity: 10, unit: GX_UNIT });
    const allocation = must(system, { type: 'ALLOCATE', at: T0, from: POOL, to: GX_A, quantity: 10, unit: GX_UNIT });
    must(system, { type: 'REVERSE', at: T0, refTx: allocation.txId });
    expect(blocksOf(system, POOL)).toEqual([[1, 10, 'ACTIVE']]);
    expect(blocksOf(system, GX_A)).toEqual([]);
  });

  it('an ALLOCATE whose units were passed on cannot be reversed (U01)', () => {
    const system = world();
    must(system, { type: 'ISSUE', at: T0, to: TQ, scheme: 'GX', quantity: 10, vintage: 2026 });
    must(system, { type: 'TRANSFER_INTERNAL', at: T0, from: TQ, to: POOL, quantity: 10, unit: GX_UNIT });
    const allocation = must(system, { type: 'ALLOCATE', at: T0, from: POOL, to: GX_A, quantity: 10, unit: GX_UNIT });
    must(system, { type: 'TRANSFER_INTERNAL', at: T0, from: GX_A, to: GX_B, quantity: 1, unit: GX_UNIT });
    const result = submit(system, { type: 'REVERSE', at: T0, refTx: allocation.txId });
    expect(result.ok ? null : result.code).toBe('U01');
  });
});

describe('BORROW policy and advance units', () => {
  it('surrender may use next-vintage units up to the borrowing limit (P10 at limit + 1)', () => {
    const system = world({ gx: { caps: [{ vintage: 2026, tonnes: 1_000_000 }], borrowing: { maxVintagesAhead: 1, limit: { kind: 'tonnes', tonnes: 50 } } } });
    issue(system, 'GX', GX_A, 100, 2027);
    must(system, { type: 'SURRENDER', at: T0, from: GX_A, to: ref('GX', 'GX/SURRENDER'), quantity: 50, unit: GX_UNIT, compliance: FY2026 });
    expect(complianceStatus(system, 'A', 'GX', 'FY2026').borrowed).toBe(50);
    const more = submit(system, { type: 'SURRENDER', at: T0, from: GX_A, to: ref('GX', 'GX/SURRENDER'), quantity: 1, unit: GX_UNIT, compliance: FY2026 });
    expect(more.ok ? null : more.code).toBe('P10');
  });

  it('advance (事前交付) units: 10 % may be sold before confirmation, everything after it', () => {
    const system = world();
    issue(system, 'TRIAL', ref('TRIAL', 'T1'), 1_000, 2008, { advance: true, at: instant('2008-10-01') });
    must(system, { type: 'TRANSFER_INTERNAL', at: instant('2008-11-01'), from: ref('TRIAL', 'T1'), to: ref('TRIAL', 'T2'), quantity: 100, unit: { unitType: 'ALLOWANCE' } });
    // The buyer's units are ordinary units (the advance flag stays with the original recipient).
    expect(system.classes.some((c) => c.scheme === 'TRIAL' && !c.advance)).toBe(true);
    expect(confirmAdvance(system, ref('TRIAL', 'T1'), 'TRIAL').ok).toBe(true);
    must(system, { type: 'TRANSFER_INTERNAL', at: instant('2009-08-01'), from: ref('TRIAL', 'T1'), to: ref('TRIAL', 'T2'), quantity: 900, unit: { unitType: 'ALLOWANCE' } });
    expect(blocksOf(system, ref('TRIAL', 'T2'))).toEqual([[1, 1000, 'ACTIVE']]);
  });
});
