/**
 * The engine API (api.ts) and the aggregated path (aggregate.ts): accounts for firms, cap issuance, free allocation,
 * auction delivery, trade settlement, credit purchase, compliance surrender with credits and borrowing, expiry.
 */
import { describe, expect, it } from 'vitest';
import {
  allocateFree, balanceOf, deliverAuction, expireAll, issueCap, openFirmAccounts, purchaseCredits, reportEmissionsBatch,
  settleTrades, surrenderAllowances, surrenderForCompliance,
} from '../../model/registry/api.js';
import { submitAggregate } from '../../model/registry/aggregate.js';
import { apportion } from '../../model/registry/apportion.js';
import { complianceStatus } from '../../model/registry/compliance.js';
import { fiscalYearEnd, instant } from '../../model/registry/instant.js';
import { ledgerView, replay } from '../../model/registry/replay.js';
import { submit } from '../../model/registry/transact.js';
import { expectRejected, issue, ref, snapshot, T0, world } from './fixture.js';

const GX = { unitType: 'ALLOWANCE', scheme: 'GX' } as const;

function firms(n: number) {
  const system = world();
  const ids = Array.from({ length: n }, (_, i) => `F${i}`);
  openFirmAccounts(system, 'GX', ids);
  return { system, ids };
}

describe('engine API', () => {
  it('openFirmAccounts names the firm on a duplicate', () => {
    const { system } = firms(2);
    expect(() => openFirmAccounts(system, 'GX', ['F9', 'F1'])).toThrow(/firms\[1\] \(F1\).*already exists/);
  });

  it('issue → allocate (apportioned) → trade → surrender conserves tonnes and replays', () => {
    const { system, ids } = firms(5);
    expect(issueCap(system, { scheme: 'GX', vintage: 2026, quantity: 1_000, at: T0 }).ok).toBe(true);
    // Shares 3:2:2:2:1 of 1,000 t → 300, 200, 200, 200, 100 (exact).
    const shares = apportion(1_000, [3, 2, 2, 2, 1]);
    const allocation = allocateFree(system, { scheme: 'GX', vintage: 2026, at: T0, legs: ids.map((account, i) => ({ account, quantity: shares[i]! })) });
    expect(allocation.ok).toBe(true);
    expect(allocation.topUp?.ok).toBe(true);
    expect(ids.map((id) => balanceOf(system, ref('GX', id), GX))).toEqual([300, 200, 200, 200, 100]);
    const trade = settleTrades(system, { registry: 'GX', at: T0, unit: GX, trades: [{ from: 'F0', to: 'F4', quantity: 50 }, { from: 'F1', to: 'F3', quantity: 20 }] });
    expect(trade?.ok).toBe(true);
    expect(ids.map((id) => balanceOf(system, ref('GX', id), GX))).toEqual([250, 180, 200, 220, 150]);
    expect(reportEmissionsBatch(system, ids.map((entity) => ({ entity, scheme: 'GX', period: 'FY2026', verifiedEmissions: 150 })))).toEqual([]);
    const surrender = surrenderAllowances(system, { scheme: 'GX', period: 'FY2026', at: T0, legs: ids.map((account) => ({ account, quantity: 150 })) });
    expect(surrender?.ok).toBe(true);
    expect(ids.map((id) => complianceStatus(system, id, 'GX', 'FY2026').balance)).toEqual([0, 0, 0, 0, 0]);
    expect(ids.reduce((n, id) => n + balanceOf(system, ref('GX', id)), 0)).toBe(1_000 - 5 * 150);
    expect(replay(system.log)).toEqual(ledgerView(system));
  });

  it('an aggregated transaction is atomic: one short seller refuses all legs (U02, naming the leg)', () => {
    const { system } = firms(3);
    issue(system, 'GX', ref('GX', 'F0'), 10, 2026);
    issue(system, 'GX', ref('GX', 'F1'), 10, 2026);
    const before = snapshot(system);
    const result = settleTrades(system, { registry: 'GX', at: T0, unit: GX, trades: [{ from: 'F0', to: 'F2', quantity: 10 }, { from: 'F1', to: 'F2', quantity: 11 }] });
    expectRejected(system, before, result!, 'U02');
    expect(result!.ok ? '' : result!.message).toMatch(/^legs\[1\]/);
  });

  it('legs from one source continue where the previous leg stopped', () => {
    const { system } = firms(3);
    issue(system, 'GX', ref('GX', 'F0'), 30, 2026);
    const result = submitAggregate(system, { type: 'TRANSFER_INTERNAL', registry: 'GX', at: T0, unit: GX, legs: [{ from: 'F0', to: 'F1', quantity: 10 }, { from: 'F0', to: 'F2', quantity: 20 }] });
    expect(result.ok && result.ranges.map((r) => [r.start, r.end])).toEqual([[1, 10], [11, 30]]);
    // Σ legs from F0 (31 t) over its 30 t at the start → U02.
    const over = submitAggregate(system, { type: 'TRANSFER_INTERNAL', registry: 'GX', at: T0, unit: GX, legs: [{ from: 'F1', to: 'F0', quantity: 10 }, { from: 'F1', to: 'F2', quantity: 1 }] });
    expect(over.ok ? null : over.code).toBe('U02');
  });

  it('an aggregated ALLOCATE is reversed as a whole', () => {
    const { system, ids } = firms(3);
    issueCap(system, { scheme: 'GX', vintage: 2026, quantity: 90, at: T0 });
    const allocation = allocateFree(system, { scheme: 'GX', vintage: 2026, at: T0, legs: ids.map((account) => ({ account, quantity: 30 })) });
    const id = allocation.distribution!.ok ? allocation.distribution!.txId : '';
    expect(submit(system, { type: 'REVERSE', at: T0 + 1, refTx: id }).ok).toBe(true);
    expect(balanceOf(system, ref('GX', 'GX/ALLOCATION'))).toBe(90);
    expect(ids.map((f) => balanceOf(system, ref('GX', f)))).toEqual([0, 0, 0]);
  });

  it('deliverAuction fills the AUCTION account from the cap and delivers to winners', () => {
    const { system } = firms(2);
    issueCap(system, { scheme: 'GX', vintage: 2026, quantity: 100, at: T0 });
    const result = deliverAuction(system, { scheme: 'GX', vintage: 2026, at: T0, legs: [{ account: 'F0', quantity: 60 }, { account: 'F1', quantity: 0 }, { account: 'EXCH', quantity: 40 }] });
    expect(result.ok).toBe(true);
    expect([balanceOf(system, ref('GX', 'F0')), balanceOf(system, ref('GX', 'EXCH')), balanceOf(system, ref('GX', 'GX/TOTAL_QUANTITY'))]).toEqual([60, 40, 0]);
  });

  it('credit purchase and surrender for compliance with credits (≤ 10 %) and borrowing', () => {
    const system = world({ gx: { caps: [], borrowing: { maxVintagesAhead: 1, limit: { kind: 'shareOfEmissions', share: '0.05' } } } });
    issue(system, 'JCREDIT', ref('JCREDIT', 'SME'), 500, 2025);
    expect(purchaseCredits(system, { from: ref('JCREDIT', 'SME'), to: ref('GX', 'A'), quantity: 100, unit: { unitType: 'CREDIT', scheme: 'JCREDIT' }, at: T0 }).ok).toBe(true);
    issue(system, 'GX', ref('GX', 'A'), 850, 2026);
    issue(system, 'GX', ref('GX', 'A'), 100, 2027);
    reportEmissionsBatch(system, [{ entity: 'A', scheme: 'GX', period: 'FY2026', verifiedEmissions: 1_000 }]);
    // 100 t credits (10 % of 1,000) + 850 t allowances + 50 t borrowed (5 % of 1,000) = 1,000 t.
    const result = surrenderForCompliance(system, {
      account: ref('GX', 'A'), scheme: 'GX', period: 'FY2026', at: T0, allowances: 850, borrow: 50,
      credits: [{ from: ref('GX', 'A'), quantity: 100, unit: { unitType: 'CREDIT' }, via: 'SURRENDER' }],
    });
    expect(result.ok).toBe(true);
    expect(result.applied).toBe(1_000);
    expect(complianceStatus(system, 'A', 'GX', 'FY2026')).toMatchObject({ allowances: 900, credits: 100, borrowed: 50, balance: 0 });
  });

  it('surrenderForCompliance reports each refused leg', () => {
    const system = world();
    issue(system, 'GX', ref('GX', 'A'), 10, 2026);
    const result = surrenderForCompliance(system, { account: ref('GX', 'A'), scheme: 'GX', period: 'FY2026', at: T0, allowances: 20 });
    expect(result.ok).toBe(false);
    expect(result.rejected.map((r) => r.code)).toEqual(['U02']);
  });

  it('expireAll expires J-VER after FY2020 in the J-Credit registry only', () => {
    const system = world();
    issue(system, 'JVER', ref('JCREDIT', 'SME'), 10, 2012, { at: instant('2012-06-01') });
    const results = expireAll(system, fiscalYearEnd(2020));
    expect(results.reduce((n, r) => n + (r.ok ? r.quantity : 0), 0)).toBe(10);
  });
});
