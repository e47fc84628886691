/**
 * One negative test per check code of REGISTRY.md §5.5: the smallest request that breaks only that rule. Each test
 * asserts the exact code and that the whole system (holdings, statuses, reservations, issued-serial record, log,
 * records) is deep-equal before and after (§5.6 inv. 6). The fixture (fixture.ts) gives the numbers: GX cap
 * 1,000,000 t for vintage 2026; Kyoto AA 1,000 t, inventory 150 t → CPR = min(0.9 × 1,000, 5 × 150) = 750 t.
 */
import { describe, expect, it } from 'vitest';
import { CHECK_CODES } from '../../model/registry/checkCodes.js';
import { reportEmissions } from '../../model/registry/compliance.js';
import { proposeExternal, acceptExternal } from '../../model/registry/external.js';
import { expireUnits } from '../../model/registry/expire.js';
import { fiscalYearEnd, instant, MS_PER_DAY, MS_PER_HOUR } from '../../model/registry/instant.js';
import { freeze } from '../../model/registry/reconcile.js';
import { registerProject, setAccountStatus } from '../../model/registry/system.js';
import { submit } from '../../model/registry/transact.js';
import { ledgerView } from '../../model/registry/replay.js';
import { blocksOf, expectRejected, GX_A, GX_B, issue, must, ok, ref, snapshot, T0, world } from './fixture.js';

const GX_UNIT = { unitType: 'ALLOWANCE', scheme: 'GX' } as const;
const FY2026 = { scheme: 'GX', period: 'FY2026' } as const;
const GX_SURRENDER = ref('GX', 'GX/SURRENDER');
const JP = ref('JP-KP', 'GOV');
const XX = ref('XX-KP', 'GOV');

/** A holds GX vintage 2026 serials 1..100 (ISSUE straight to the operator account). */
function gxWorld() {
  const system = world();
  issue(system, 'GX', GX_A, 100, 2026);
  return system;
}

/** JP-KP GOV holds 1,000 AAU of CP1 (serials 1..1000 of origin JP-KP). */
function kyotoWorld(edit?: Parameters<typeof world>[1]) {
  const system = world({}, edit);
  issue(system, 'JP-AAU', JP, 1_000, 2008, { applicablePeriod: 'CP1' });
  return system;
}

describe('S: structural checks', () => {
  it('S01 DUPLICATE_TX_ID: an id is applied once', () => {
    const system = gxWorld();
    must(system, { id: 'T-1', type: 'TRANSFER_INTERNAL', at: T0, from: GX_A, to: GX_B, quantity: 1, unit: GX_UNIT });
    const before = snapshot(system);
    const result = submit(system, { id: 'T-1', type: 'TRANSFER_INTERNAL', at: T0, from: GX_A, to: GX_B, quantity: 1, unit: GX_UNIT });
    expectRejected(system, before, result, 'S01');
  });

  it('S01 also refuses a caller id equal to an id the registry assigned', () => {
    const system = gxWorld(); // the ISSUE above got the registry-assigned id GX-1
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { id: 'GX-1', type: 'TRANSFER_INTERNAL', at: T0, from: GX_A, to: GX_B, quantity: 1, unit: GX_UNIT }), 'S01');
  });

  it('S02 INVALID_QUANTITY: quantity must be a positive integer', () => {
    const system = gxWorld();
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'TRANSFER_INTERNAL', at: T0, from: GX_A, to: GX_B, quantity: 0, unit: GX_UNIT }), 'S02');
    expectRejected(system, before, submit(system, { type: 'TRANSFER_INTERNAL', at: T0, from: GX_A, to: GX_B, quantity: 1.5, unit: GX_UNIT }), 'S02');
    // Σ block sizes (10) ≠ quantity (11)
    expectRejected(system, before, submit(system, { type: 'TRANSFER_INTERNAL', at: T0, from: GX_A, to: GX_B, quantity: 11, blocks: [{ origin: 'GX', start: 1, end: 10 }] }), 'S02');
    // start > end
    expectRejected(system, before, submit(system, { type: 'TRANSFER_INTERNAL', at: T0, from: GX_A, to: GX_B, quantity: 1, blocks: [{ origin: 'GX', start: 5, end: 4 }] }), 'S02');
  });

  it('S03 MIXED_UNIT_TYPES: one transaction moves one unit type', () => {
    const system = world();
    issue(system, 'JP-AAU', JP, 10, 2008, { applicablePeriod: 'CP1' }); // JP-KP serials 1..10
    issue(system, 'JP-RMU', JP, 10, 2008, { applicablePeriod: 'CP1' }); // JP-KP serials 11..20
    const before = snapshot(system);
    const result = submit(system, { type: 'TRANSFER_INTERNAL', at: T0, from: JP, to: ref('JP-KP', 'CO'), quantity: 20, blocks: [{ origin: 'JP-KP', start: 1, end: 20 }] });
    expectRejected(system, before, result, 'S03');
  });

  it('S03 also covers one applicable period per transaction', () => {
    const system = world();
    issue(system, 'JP-AAU', JP, 10, 2008, { applicablePeriod: 'CP1' }); // 1..10
    issue(system, 'JP-AAU', JP, 10, 2013, { applicablePeriod: 'CP2' }); // 11..20
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'TRANSFER_INTERNAL', at: T0, from: JP, to: ref('JP-KP', 'CO'), quantity: 20, blocks: [{ origin: 'JP-KP', start: 1, end: 20 }] }), 'S03');
  });

  it('S04 TX_TYPE_UNIT_NOT_ALLOWED: ALLOCATE moves allowances only', () => {
    const system = world();
    must(system, { type: 'ISSUE', at: T0, to: ref('JCREDIT', 'JCREDIT/TOTAL_QUANTITY'), scheme: 'JCREDIT', quantity: 10, vintage: 2025 });
    must(system, { type: 'TRANSFER_INTERNAL', at: T0, from: ref('JCREDIT', 'JCREDIT/TOTAL_QUANTITY'), to: ref('JCREDIT', 'JCREDIT/ALLOCATION'), quantity: 10, unit: { unitType: 'CREDIT' } });
    const before = snapshot(system);
    const result = submit(system, { type: 'ALLOCATE', at: T0, from: ref('JCREDIT', 'JCREDIT/ALLOCATION'), to: ref('JCREDIT', 'OP'), quantity: 10, unit: { unitType: 'CREDIT' } });
    expectRejected(system, before, result, 'S04');
  });

  it('S05 STALE_TX: a proposal older than 24 h is terminated and its units return to ACTIVE', () => {
    const system = kyotoWorld();
    const blocksBefore = ledgerView(system);
    const totalsBefore = [...system.registries.values()].map((r) => [...r.totals]);
    const advanceBefore = structuredClone(system.advance);
    const logBefore = system.log.size;
    const proposal = ok(proposeExternal(system, { type: 'TRANSFER_EXTERNAL', at: T0, from: JP, to: XX, quantity: 10, unit: { unitType: 'AAU' } }));
    expect(blocksOf(system, JP)).toEqual([[1, 10, 'RESERVED'], [11, 1000, 'ACTIVE']]);
    // 24 h is the default timeout (EU 389/2013 Art. 104); 24 h + 1 ms is older than it.
    const result = acceptExternal(system, proposal.txId, T0 + 24 * MS_PER_HOUR + 1);
    expect(result.ok ? null : result.code).toBe('S05');
    // Holdings, statuses, reservations and records are as before the proposal (§5.6 inv. 6) …
    expect(ledgerView(system)).toEqual(blocksBefore);
    expect([...system.registries.values()].map((r) => [...r.totals])).toEqual(totalsBefore);
    expect(system.advance).toEqual(advanceBefore);
    expect(system.pending.size).toBe(0);
    expect([...system.registries.values()].every((r) => [...r.accounts.values()].every((a) => a.reserved.size === 0))).toBe(true);
    // … only the audit trail grew (PROPOSED, TERMINATED) and the id is spent.
    expect(system.log.size).toBe(logBefore + 2);
    expect(system.log.phaseOf(logBefore + 1)).toBe('TERMINATED');
    expect(submit(system, { id: proposal.txId, type: 'TRANSFER_EXTERNAL', at: T0, from: JP, to: XX, quantity: 1, unit: { unitType: 'AAU' } }).ok).toBe(false);
  });
});

describe('A: account checks', () => {
  it('A01 SRC_ACCOUNT_NOT_FOUND', () => {
    const system = gxWorld();
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'TRANSFER_INTERNAL', at: T0, from: ref('GX', 'NOPE'), to: GX_B, quantity: 1, unit: GX_UNIT }), 'A01');
  });

  it('A02 DST_ACCOUNT_NOT_FOUND', () => {
    const system = gxWorld();
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'TRANSFER_INTERNAL', at: T0, from: GX_A, to: ref('GX', 'NOPE'), quantity: 1, unit: GX_UNIT }), 'A02');
  });

  it('A03 SRC_ACCOUNT_STATUS: a BLOCKED account may only surrender', () => {
    const system = gxWorld();
    expect(setAccountStatus(system, GX_A, 'BLOCKED').ok).toBe(true);
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'TRANSFER_INTERNAL', at: T0, from: GX_A, to: GX_B, quantity: 1, unit: GX_UNIT }), 'A03');
    // …while SURRENDER stays allowed (§5.3 BLOCKED: surrender only).
    expect(submit(system, { type: 'SURRENDER', at: T0, from: GX_A, to: GX_SURRENDER, quantity: 1, unit: GX_UNIT, compliance: FY2026 }).ok).toBe(true);
  });

  it('A04 DST_ACCOUNT_STATUS: a CLOSED account cannot acquire', () => {
    const system = gxWorld();
    expect(setAccountStatus(system, GX_B, 'CLOSED').ok).toBe(true);
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'TRANSFER_INTERNAL', at: T0, from: GX_A, to: GX_B, quantity: 1, unit: GX_UNIT }), 'A04');
  });

  it('A05 SRC_ACCOUNT_TYPE: SURRENDER originates from an operator account, not an exchange account', () => {
    const system = world();
    issue(system, 'GX', ref('GX', 'EXCH'), 10, 2026);
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'SURRENDER', at: T0, from: ref('GX', 'EXCH'), to: GX_SURRENDER, quantity: 1, unit: GX_UNIT, compliance: FY2026 }), 'A05');
  });

  it('A06 DST_ACCOUNT_TYPE: a transfer cannot go into the surrender account', () => {
    const system = gxWorld();
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'TRANSFER_INTERNAL', at: T0, from: GX_A, to: GX_SURRENDER, quantity: 1, unit: GX_UNIT }), 'A06');
  });

  it('A07 DST_CANNOT_HOLD_UNIT: a GX operator account cannot hold J-VER', () => {
    const system = world();
    issue(system, 'JVER', ref('JCREDIT', 'SME'), 10, 2012);
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'TRANSFER_EXTERNAL', at: T0, from: ref('JCREDIT', 'SME'), to: GX_A, quantity: 1, unit: { unitType: 'CREDIT', scheme: 'JVER' } }), 'A07');
  });

  it('A08 SAME_ACCOUNT', () => {
    const system = gxWorld();
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'TRANSFER_INTERNAL', at: T0, from: GX_A, to: GX_A, quantity: 1, unit: GX_UNIT }), 'A08');
  });

  it('A09 NOT_TRUSTED: transfers out go only to the trusted list', () => {
    const system = world({ accounts: [{ registry: 'GX', id: 'TR', type: 'OPERATOR_HOLDING', trusted: ['GX/EXCH'] }] });
    issue(system, 'GX', ref('GX', 'TR'), 10, 2026);
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'TRANSFER_INTERNAL', at: T0, from: ref('GX', 'TR'), to: GX_B, quantity: 1, unit: GX_UNIT }), 'A09');
    expect(submit(system, { type: 'TRANSFER_INTERNAL', at: T0, from: ref('GX', 'TR'), to: ref('GX', 'EXCH'), quantity: 1, unit: GX_UNIT }).ok).toBe(true);
  });

  it('A10 PENDING_SAME_TYPE: one pending external transfer per account when the registry says so', () => {
    const system = kyotoWorld((config) => ({ ...config, registries: config.registries.map((r) => (r.id === 'JP-KP' ? { ...r, onePendingPerType: true } : r)) }));
    ok(proposeExternal(system, { type: 'TRANSFER_EXTERNAL', at: T0, from: JP, to: XX, quantity: 10, unit: { unitType: 'AAU' } }));
    const before = snapshot(system);
    expectRejected(system, before, proposeExternal(system, { type: 'TRANSFER_EXTERNAL', at: T0, from: JP, to: XX, quantity: 10, unit: { unitType: 'AAU' } }), 'A10');
  });
});

describe('U: unit checks', () => {
  it('U01 UNITS_NOT_HELD: serials 101..110 were never A\'s (A holds 1..100)', () => {
    const system = gxWorld();
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'TRANSFER_INTERNAL', at: T0, from: GX_A, to: GX_B, quantity: 10, blocks: [{ origin: 'GX', start: 101, end: 110 }] }), 'U01');
  });

  it('U02 INSUFFICIENT_BALANCE: 101 t requested of 100 t held', () => {
    const system = gxWorld();
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'TRANSFER_INTERNAL', at: T0, from: GX_A, to: GX_B, quantity: 101, unit: GX_UNIT }), 'U02');
  });

  it('U03 UNITS_RESERVED: a second proposal over serials locked by a pending one', () => {
    const system = kyotoWorld();
    ok(proposeExternal(system, { type: 'TRANSFER_EXTERNAL', at: T0, from: JP, to: XX, quantity: 10, blocks: [{ origin: 'JP-KP', start: 1, end: 10 }] }));
    const before = snapshot(system);
    const second = proposeExternal(system, { type: 'TRANSFER_EXTERNAL', at: T0, from: JP, to: XX, quantity: 11, blocks: [{ origin: 'JP-KP', start: 5, end: 15 }] });
    expectRejected(system, before, second, 'U03');
  });

  it('U04 UNITS_TERMINAL: expired J-VER stay in the holder\'s account but cannot move', () => {
    const system = world();
    issue(system, 'JVER', ref('JCREDIT', 'SME'), 10, 2012, { at: instant('2012-06-01') });
    ok(expireUnits(system, { registry: 'JCREDIT', at: fiscalYearEnd(2020) }) as never);
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'TRANSFER_INTERNAL', at: instant('2021-06-01'), from: ref('JCREDIT', 'SME'), to: ref('JCREDIT', 'BIGCO'), quantity: 10, blocks: [{ origin: 'JCREDIT', start: 1, end: 10 }] }), 'U04');
  });

  it('U05 UNITS_IN_DISCREPANCY: frozen serials cannot move', () => {
    const system = gxWorld();
    freeze(system, { origin: 'GX', start: 1, end: 1 });
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'TRANSFER_INTERNAL', at: T0, from: GX_A, to: GX_B, quantity: 1, unit: GX_UNIT }), 'U05');
  });

  it('U06 UNITS_EXPIRED: J-VER used after the end of FY2020 (validity rule data)', () => {
    const system = world();
    issue(system, 'JVER', ref('JCREDIT', 'SME'), 10, 2012, { at: instant('2012-06-01') });
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'TRANSFER_INTERNAL', at: fiscalYearEnd(2020), from: ref('JCREDIT', 'SME'), to: ref('JCREDIT', 'BIGCO'), quantity: 1, unit: { unitType: 'CREDIT', scheme: 'JVER' } }), 'U06');
  });

  it('U07 WRONG_PERIOD: vintage 2028 cannot be surrendered for FY2026 (last year 2026 + 1 borrowing year)', () => {
    const system = world();
    issue(system, 'GX', GX_A, 10, 2028);
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'SURRENDER', at: T0, from: GX_A, to: GX_SURRENDER, quantity: 1, unit: GX_UNIT, compliance: FY2026 }), 'U07');
  });
});

describe('P: scheme policy checks', () => {
  it('P01 ISSUANCE_EXCEEDS_CAP: 1,000,001 t of vintage 2026 against a 1,000,000 t cap', () => {
    const system = world();
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'ISSUE', at: T0, to: ref('GX', 'GX/TOTAL_QUANTITY'), scheme: 'GX', quantity: 1_000_001, vintage: 2026 }), 'P01');
  });

  it('P02 SERIAL_OVERLAP: a range intersecting serials ever issued is refused', () => {
    const system = gxWorld(); // GX serials 1..100 issued
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'ISSUE', at: T0, to: GX_B, scheme: 'GX', quantity: 10, vintage: 2026, start: 95 }), 'P02');
  });

  it('P03 ALREADY_SURRENDERED: a deleted serial brought back by a reversal is never surrendered', () => {
    const system = gxWorld();
    const deletion = must(system, { type: 'DELETE', at: T0, from: GX_A, to: ref('GX', 'DELETION'), quantity: 10, blocks: [{ origin: 'GX', start: 1, end: 10 }] });
    must(system, { type: 'REVERSE', at: T0, refTx: deletion.txId });
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'SURRENDER', at: T0, from: GX_A, to: GX_SURRENDER, quantity: 10, blocks: [{ origin: 'GX', start: 1, end: 10 }], compliance: FY2026 }), 'P03');
  });

  it('P04 CREDIT_LIMIT_EXCEEDED: 101 t of credits against 10 % of 1,000 t', () => {
    const system = world();
    issue(system, 'JCREDIT', ref('JCREDIT', 'A-JC'), 101, 2025);
    expect(reportEmissions(system, { entity: 'A', scheme: 'GX', period: 'FY2026', verifiedEmissions: 1_000 }).ok).toBe(true);
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'INVALIDATE', at: T0, from: ref('JCREDIT', 'A-JC'), to: ref('JCREDIT', 'INVALIDATION'), quantity: 101, unit: { unitType: 'CREDIT' }, compliance: FY2026 }), 'P04');
  });

  it('P05 UNIT_NOT_ELIGIBLE: JCM of vintage 2019 in GX (pre-2020 JCM excluded)', () => {
    const system = world();
    issue(system, 'JCM', ref('JCM-JP', 'DEV'), 10, 2019);
    must(system, { type: 'TRANSFER_EXTERNAL', at: T0, from: ref('JCM-JP', 'DEV'), to: GX_A, quantity: 10, unit: { unitType: 'CREDIT' } });
    reportEmissions(system, { entity: 'A', scheme: 'GX', period: 'FY2026', verifiedEmissions: 1_000 }); // 10 t ≤ 100 t: P04 passes
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'SURRENDER', at: T0, from: GX_A, to: GX_SURRENDER, quantity: 10, unit: { unitType: 'CREDIT' }, compliance: FY2026 }), 'P05');
  });

  it('P06 CARRY_OVER_LIMIT: carry-over before the window opens (2015-11-18)', () => {
    const system = kyotoWorld();
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'CARRY_OVER', at: instant('2015-11-17'), from: JP, quantity: 10, unit: { unitType: 'AAU' }, toPeriod: 'CP2' }), 'P06');
  });

  it('P07 CPR_BREACH: 251 t out of 1,000 t leaves 749 t < CPR 750 t', () => {
    const system = kyotoWorld();
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'TRANSFER_EXTERNAL', at: T0, from: JP, to: XX, quantity: 251, unit: { unitType: 'AAU' } }), 'P07');
  });

  it('P08 ADVANCE_SALE_LIMIT: 101 t of 1,000 t ex-ante units before confirmation (limit 10 % = 100 t)', () => {
    const system = world();
    issue(system, 'TRIAL', ref('TRIAL', 'T1'), 1_000, 2008, { advance: true, at: instant('2008-10-01') });
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'TRANSFER_INTERNAL', at: instant('2008-11-01'), from: ref('TRIAL', 'T1'), to: ref('TRIAL', 'T2'), quantity: 101, unit: { unitType: 'ALLOWANCE' } }), 'P08');
  });

  it('P09 TRANSFER_RESTRICTED: 国内クレジット go only to the project\'s co-implementer', () => {
    const system = world();
    registerProject(system, { id: 'P1', scheme: 'DOMESTIC', owner: 'SME', coImplementers: ['BIGCO'] });
    issue(system, 'DOMESTIC', ref('JCREDIT', 'SME'), 10, 2010, { projectId: 'P1', at: instant('2010-06-01') });
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'TRANSFER_INTERNAL', at: instant('2010-07-01'), from: ref('JCREDIT', 'SME'), to: ref('JCREDIT', 'A-JC'), quantity: 1, unit: { unitType: 'CREDIT' } }), 'P09');
  });

  it('P10 BORROW_LIMIT: next-vintage units when the scheme allows no borrowing (limit 0)', () => {
    const system = world();
    issue(system, 'GX', GX_A, 10, 2027);
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'SURRENDER', at: T0, from: GX_A, to: GX_SURRENDER, quantity: 1, unit: GX_UNIT, compliance: FY2026 }), 'P10');
  });

  it('P11 REVERSAL_WINDOW: a reversal 5 days + 1 ms after the surrender', () => {
    const system = gxWorld();
    const surrender = must(system, { type: 'SURRENDER', at: T0, from: GX_A, to: GX_SURRENDER, quantity: 10, unit: GX_UNIT, compliance: FY2026 });
    const before = snapshot(system);
    const result = submit(system, { type: 'REVERSE', at: T0 + 5 * MS_PER_DAY + 1, refTx: surrender.txId });
    expectRejected(system, before, result, 'P11');
    expect(result.ok ? '' : result.name).toBe('REVERSAL_WINDOW');
  });

  it('P11 ALREADY_REVERSED: a second reversal of the same transaction', () => {
    const system = gxWorld();
    const surrender = must(system, { type: 'SURRENDER', at: T0, from: GX_A, to: GX_SURRENDER, quantity: 10, unit: GX_UNIT, compliance: FY2026 });
    must(system, { type: 'REVERSE', at: T0, refTx: surrender.txId });
    const before = snapshot(system);
    const result = submit(system, { type: 'REVERSE', at: T0, refTx: surrender.txId });
    expectRejected(system, before, result, 'P11');
    expect(result.ok ? '' : result.name).toBe('ALREADY_REVERSED');
  });

  it('P12 REPLACEMENT_MISMATCH: 9 t of AAU cannot replace 10 t of tCER', () => {
    const system = world();
    issue(system, 'CDM-TCER', ref('CDM', 'PP'), 10, 2010, { expiresAt: instant('2013-01-01') });
    must(system, { type: 'TRANSFER_EXTERNAL', at: instant('2011-01-01'), from: ref('CDM', 'PP'), to: ref('JP-KP', 'CO'), quantity: 10, unit: { unitType: 'TCER' } });
    issue(system, 'JP-AAU', ref('JP-KP', 'CO'), 20, 2008, { applicablePeriod: 'CP1' });
    const before = snapshot(system);
    const result = submit(system, { type: 'REPLACE', at: instant('2012-06-01'), from: ref('JP-KP', 'CO'), to: ref('JP-KP', 'REPLACEMENT'), quantity: 9, unit: { unitType: 'AAU' }, targets: [{ origin: 'CDM', start: 1, end: 10 }] });
    expectRejected(system, before, result, 'P12');
  });
});

describe('X: cross-registry checks', () => {
  it('X01 SAME_REGISTRY_REQUIRED: an internal transfer from Tokyo to Saitama', () => {
    const system = world();
    issue(system, 'TOKYO', ref('TOKYO', 'F1'), 10, 2012, { at: instant('2012-06-01') });
    const before = snapshot(system);
    const result = submit(system, { type: 'TRANSFER_INTERNAL', at: instant('2012-07-01'), from: ref('TOKYO', 'F1'), to: ref('SAITAMA', 'S1'), quantity: 1, unit: { unitType: 'ALLOWANCE' } });
    expectRejected(system, before, result, 'X01');
    expect(result.ok ? '' : result.name).toBe('SAME_REGISTRY_REQUIRED');
  });

  it('X01 DIFFERENT_REGISTRY_REQUIRED: an external transfer inside GX', () => {
    const system = gxWorld();
    const before = snapshot(system);
    const result = submit(system, { type: 'TRANSFER_EXTERNAL', at: T0, from: GX_A, to: GX_B, quantity: 1, unit: GX_UNIT });
    expectRejected(system, before, result, 'X01');
    expect(result.ok ? '' : result.name).toBe('DIFFERENT_REGISTRY_REQUIRED');
  });

  it('X02 REGISTRY_NOT_LINKED: RMU from JP-KP to XX-KP (link covers AAU, CER, ERU only)', () => {
    const system = kyotoWorld();
    issue(system, 'JP-RMU', JP, 10, 2008, { applicablePeriod: 'CP1' });
    // CPR: holdings 1,010 − 10 = 1,000 ≥ 750, so P07 passes and only the link is missing.
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'TRANSFER_EXTERNAL', at: T0, from: JP, to: XX, quantity: 10, unit: { unitType: 'RMU' } }), 'X02');
  });

  it('X02 PARTY_NOT_ELIGIBLE: the acquiring Party does not meet eligibility', () => {
    const system = kyotoWorld((config) => ({ ...config, registries: config.registries.map((r) => (r.id === 'XX-KP' ? { ...r, party: { ...r.party!, eligible: false } } : r)) }));
    const before = snapshot(system);
    const result = submit(system, { type: 'TRANSFER_EXTERNAL', at: T0, from: JP, to: XX, quantity: 10, unit: { unitType: 'AAU' } });
    expectRejected(system, before, result, 'X02');
    expect(result.ok ? '' : result.name).toBe('PARTY_NOT_ELIGIBLE');
  });

  it('X03 ART6_NOT_AUTHORIZED: an ITMO without authorization cannot be first-transferred', () => {
    const system = world();
    issue(system, 'JCM', ref('JCM-JP', 'DEV'), 10, 2022, { art6: { authorizationId: null } });
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'TRANSFER_EXTERNAL', at: T0, from: ref('JCM-JP', 'DEV'), to: GX_A, quantity: 10, unit: { unitType: 'CREDIT' } }), 'X03');
  });

  it('X04 ART6_ALREADY_USED: an ITMO used once (surrender later reversed) cannot be used again', () => {
    const system = world();
    issue(system, 'JCM', ref('JCM-JP', 'DEV'), 10, 2022, { art6: { authorizationId: 'JP-MN-2022-001' } });
    must(system, { type: 'TRANSFER_EXTERNAL', at: T0, from: ref('JCM-JP', 'DEV'), to: GX_A, quantity: 10, unit: { unitType: 'CREDIT' } });
    reportEmissions(system, { entity: 'A', scheme: 'GX', period: 'FY2026', verifiedEmissions: 1_000 });
    const use = must(system, { type: 'SURRENDER', at: T0, from: GX_A, to: GX_SURRENDER, quantity: 10, unit: { unitType: 'CREDIT' }, compliance: FY2026 });
    must(system, { type: 'REVERSE', at: T0, refTx: use.txId });
    const before = snapshot(system);
    expectRejected(system, before, submit(system, { type: 'SURRENDER', at: T0, from: GX_A, to: GX_SURRENDER, quantity: 10, unit: { unitType: 'CREDIT' }, compliance: FY2026 }), 'X04');
  });
});

describe('code table', () => {
  it('has the 38 stable codes of §5.5, each with a name', () => {
    // S01–S05 (5) + A01–A10 (10) + U01–U07 (7) + P01–P12 (12) + X01–X04 (4) = 38 (REGISTRY.md §5.5 table).
    expect(Object.keys(CHECK_CODES)).toHaveLength(38);
  });
});
