/**
 * The independent log (§B): append-only, replay reproduces holdings (§5.6 inv. 8), reconciliation finds and freezes
 * discrepancies (U05), and compliance accounting counts each serial once (inv. 9).
 */
import { describe, expect, it } from 'vitest';
import { complianceStatus, reportEmissions } from '../../model/registry/compliance.js';
import { expireUnits } from '../../model/registry/expire.js';
import { fiscalYearEnd, instant } from '../../model/registry/instant.js';
import { reconcile, unfreeze } from '../../model/registry/reconcile.js';
import { ledgerView, replay, ReplayError } from '../../model/registry/replay.js';
import { submit } from '../../model/registry/transact.js';
import { BlockList } from '../../model/registry/blockList.js';
import { holdingKey } from '../../model/registry/system.js';
import { GX_A, GX_B, issue, must, ref, T0, world } from './fixture.js';

const GX_UNIT = { unitType: 'ALLOWANCE', scheme: 'GX' } as const;
const FY2026 = { scheme: 'GX', period: 'FY2026' } as const;

function scenario() {
  const system = world();
  issue(system, 'GX', GX_A, 100, 2026);
  issue(system, 'JVER', ref('JCREDIT', 'SME'), 10, 2012, { at: instant('2012-06-01') });
  issue(system, 'JCREDIT', ref('JCREDIT', 'A-JC'), 20, 2025);
  must(system, { type: 'TRANSFER_INTERNAL', at: T0, from: GX_A, to: GX_B, quantity: 30, unit: GX_UNIT });
  must(system, { type: 'TRANSFER_EXTERNAL', at: T0, from: ref('JCREDIT', 'A-JC'), to: GX_A, quantity: 5, unit: { unitType: 'CREDIT' } });
  reportEmissions(system, { entity: 'A', scheme: 'GX', period: 'FY2026', verifiedEmissions: 80 });
  const s = must(system, { type: 'SURRENDER', at: T0, from: GX_A, to: ref('GX', 'GX/SURRENDER'), quantity: 40, unit: GX_UNIT, compliance: FY2026 });
  must(system, { type: 'REVERSE', at: T0, refTx: s.txId });
  must(system, { type: 'SURRENDER', at: T0, from: GX_A, to: ref('GX', 'GX/SURRENDER'), quantity: 70, unit: GX_UNIT, compliance: FY2026 });
  must(system, { type: 'SURRENDER', at: T0, from: GX_A, to: ref('GX', 'GX/SURRENDER'), quantity: 5, unit: { unitType: 'CREDIT' }, compliance: FY2026 });
  expireUnits(system, { registry: 'JCREDIT', at: fiscalYearEnd(2020) });
  return system;
}

describe('log', () => {
  it('replay from genesis equals the registries\' block set', () => {
    const system = scenario();
    expect(replay(system.log)).toEqual(ledgerView(system));
  });

  it('is append-only: earlier entries are unchanged by later transactions', () => {
    const system = scenario();
    const first = system.log.entry(0);
    const size = system.log.size;
    must(system, { type: 'TRANSFER_INTERNAL', at: T0, from: GX_B, to: GX_A, quantity: 1, unit: GX_UNIT });
    expect(system.log.size).toBe(size + 1);
    expect(system.log.entry(0)).toEqual(first);
    expect(first).toMatchObject({ seq: 0, type: 'ISSUE', phase: 'COMMITTED', effects: [{ origin: 'GX', start: 1, end: 100, from: null, to: { registry: 'GX', account: 'A', status: 'ACTIVE' } }] });
  });

  it('replay refuses a log that contradicts itself', () => {
    const system = scenario();
    // Corrupt an effect: claim serials moved out of an account that never held them.
    system.log.effectFrom[1] = system.log.effectTo[0]!;
    system.log.effectFirst[1] = 1_000_000;
    system.log.effectLast[1] = 1_000_001;
    expect(() => replay(system.log)).toThrow(ReplayError);
    expect(reconcile(system).replayError).toMatch(/does not exist|log says/);
  });
});

describe('reconciliation', () => {
  it('a clean system reconciles with nothing frozen', () => {
    const system = scenario();
    const report = reconcile(system);
    expect(report).toEqual({ ok: true, totals: [], blocks: [], audit: [], replayError: null });
  });

  it('units created behind the log\'s back are found (totals, then blocks) and frozen (U05) until unfrozen', () => {
    const system = scenario();
    // Tamper: put GX serials 501..510 into B without any transaction.
    const b = system.registries.get('GX')!.accounts.get('B')!;
    const holding = [...b.holdings.values()][0]!;
    holding.blocks.insert(501, 510);
    const report = reconcile(system);
    expect(report.ok).toBe(false);
    // The registry shows 10 t more ACTIVE allowances in operator accounts than the log (totals first, §5.6 inv. 8).
    expect(report.totals).toEqual([{ key: 'GX|OPERATOR_HOLDING|ALLOWANCE|ACTIVE', registry: expect.any(Number), log: expect.any(Number) }]);
    expect(report.totals[0]!.registry - report.totals[0]!.log).toBe(10);
    expect(report.blocks).toEqual([{ origin: 'GX', start: 501, end: 510 }]);
    const move = submit(system, { type: 'TRANSFER_INTERNAL', at: T0, from: GX_B, to: GX_A, quantity: 10, blocks: [{ origin: 'GX', start: 501, end: 510 }] });
    expect(move.ok ? null : move.code).toBe('U05');
    // Units outside the discrepancy still move.
    expect(submit(system, { type: 'TRANSFER_INTERNAL', at: T0, from: GX_B, to: GX_A, quantity: 1, blocks: [{ origin: 'GX', start: 1, end: 1 }] }).ok).toBe(true);
    unfreeze(system, { origin: 'GX', start: 501, end: 510 });
    expect(system.origins.get('GX')!.frozen.total).toBe(0);
  });

  it('a holding moved to another status without the log shows up as a block mismatch', () => {
    const system = scenario();
    const a = system.registries.get('GX')!.accounts.get('B')!;
    const [key, holding] = [...a.holdings.entries()][0]!;
    a.holdings.delete(key);
    const expired = { ...holding, status: 'EXPIRED' as const, blocks: Object.setPrototypeOf(holding.blocks, BlockList.prototype) as BlockList, logLocation: -1 };
    a.holdings.set(holdingKey(holding.classId, 'EXPIRED'), expired);
    const report = reconcile(system, { freeze: false });
    expect(report.blocks.length).toBeGreaterThan(0);
    expect(system.origins.get('GX')!.frozen.total).toBe(0); // freeze: false
  });
});

describe('compliance accounting', () => {
  it('balance = surrendered − verified emissions; a reversed surrender does not count', () => {
    const system = scenario();
    // 70 t allowances + 5 t credits (≤ 10 % of 80 t = 8 t) − 80 t verified = −5 t; the reversed 40 t are not counted.
    expect(complianceStatus(system, 'A', 'GX', 'FY2026')).toEqual({
      entity: 'A', scheme: 'GX', period: 'FY2026', verifiedEmissions: 80, allowances: 70, credits: 5, surrendered: 75, borrowed: 0,
      creditsByLimit: { 'gx-credits': 5 }, balance: -5,
    });
  });

  it('each serial counts once: the surrender account holds exactly the 75 counted serials', () => {
    const system = scenario();
    const surrendered = ledgerView(system).filter((s) => s.account === 'GX/SURRENDER' && s.status === 'SURRENDERED');
    expect(surrendered.reduce((n, s) => n + s.end - s.start + 1, 0)).toBe(75);
  });

  it('an entity with nothing surrendered and no report has a null balance', () => {
    expect(complianceStatus(world(), 'Z', 'GX', 'FY2026')).toMatchObject({ surrendered: 0, balance: null });
  });
});
