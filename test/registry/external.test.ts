/**
 * Concurrency and cross-registry flows (§5.7): two pending transactions over overlapping serials (second gets U03);
 * the acquiring registry rejects or the log times out (units back to ACTIVE, reservations released, §5.6 inv. 5/6);
 * the log's independent check; the S05 boundary at exactly 24 h.
 */
import { describe, expect, it } from 'vitest';
import { acceptExternal, checkExternal, proposeExternal, rejectExternal, terminateStale } from '../../model/registry/external.js';
import { MS_PER_HOUR } from '../../model/registry/instant.js';
import { ledgerView, replay } from '../../model/registry/replay.js';
import { setAccountStatus } from '../../model/registry/system.js';
import { submit } from '../../model/registry/transact.js';
import { blocksOf, issue, ok, ref, T0, world } from './fixture.js';

const JP = ref('JP-KP', 'GOV');
const XX = ref('XX-KP', 'GOV');
const propose = (system: ReturnType<typeof world>, start: number, end: number, id?: string) => proposeExternal(system, {
  type: 'TRANSFER_EXTERNAL', at: T0, from: JP, to: XX, quantity: end - start + 1, blocks: [{ origin: 'JP-KP', start, end }], ...(id === undefined ? {} : { id }),
});

function kyoto() {
  const system = world();
  issue(system, 'JP-AAU', JP, 1_000, 2008, { applicablePeriod: 'CP1' });
  return system;
}

function noReservations(system: ReturnType<typeof world>): boolean {
  return [...system.registries.values()].every((r) => [...r.accounts.values()].every((a) => a.reserved.size === 0)) && system.pending.size === 0;
}

describe('concurrency', () => {
  it('two pending transfers over overlapping serials: the second gets U03; disjoint serials are fine', () => {
    const system = kyoto();
    ok(propose(system, 1, 10));
    const overlapping = propose(system, 10, 20);
    expect(overlapping.ok ? null : overlapping.code).toBe('U03');
    expect(propose(system, 11, 20).ok).toBe(true);
    expect(system.pending.size).toBe(2);
  });

  it('quantity selections skip reserved units: a second proposal by quantity takes the next free serials', () => {
    const system = kyoto();
    ok(proposeExternal(system, { type: 'TRANSFER_EXTERNAL', at: T0, from: JP, to: XX, quantity: 10, unit: { unitType: 'AAU' } }));
    const second = ok(proposeExternal(system, { type: 'TRANSFER_EXTERNAL', at: T0, from: JP, to: XX, quantity: 10, unit: { unitType: 'AAU' } }));
    expect(second.ranges.map((r) => [r.start, r.end])).toEqual([[11, 20]]);
  });

  it('units reserved by a pending transfer cannot be retired or moved internally meanwhile (U03)', () => {
    const system = kyoto();
    ok(propose(system, 1, 10));
    const retire = submit(system, { type: 'RETIRE', at: T0, from: JP, to: ref('JP-KP', 'RETIREMENT'), quantity: 10, blocks: [{ origin: 'JP-KP', start: 1, end: 10 }] });
    expect(retire.ok ? null : retire.code).toBe('U03');
    const internal = submit(system, { type: 'TRANSFER_INTERNAL', at: T0, from: JP, to: ref('JP-KP', 'CO'), quantity: 1, blocks: [{ origin: 'JP-KP', start: 5, end: 5 }] });
    expect(internal.ok ? null : internal.code).toBe('U03');
  });
});

describe('termination returns the units', () => {
  it('the acquiring registry rejects: units back to ACTIVE in the source, no reservation left, replay agrees', () => {
    const system = kyoto();
    const before = ledgerView(system);
    const p = ok(propose(system, 1, 100));
    expect(rejectExternal(system, p.txId, T0 + 1, 'account under review').ok).toBe(true);
    expect(ledgerView(system)).toEqual(before);
    expect(noReservations(system)).toBe(true);
    expect(replay(system.log)).toEqual(ledgerView(system));
    // A terminated transaction is over: accepting it now is stale.
    expect(acceptExternal(system, p.txId, T0 + 2)).toMatchObject({ ok: false, code: 'S05' });
  });

  it('the acquiring account was closed meanwhile: acceptance fails with A04 and terminates', () => {
    const system = kyoto();
    const p = ok(propose(system, 1, 10));
    setAccountStatus(system, XX, 'SUSPENDED');
    expect(acceptExternal(system, p.txId, T0 + 1)).toMatchObject({ ok: false, code: 'A04' });
    expect(blocksOf(system, JP)).toEqual([[1, 1000, 'ACTIVE']]);
    expect(noReservations(system)).toBe(true);
  });

  it('timeout boundary: at exactly 24 h the proposal is still live; the sweep after 24 h terminates it (S05)', () => {
    const system = kyoto();
    const a = ok(propose(system, 1, 10, 'JP-A'));
    const b = ok(propose(system, 11, 20, 'JP-B'));
    expect(acceptExternal(system, a.txId, T0 + 24 * MS_PER_HOUR).ok).toBe(true);
    expect(terminateStale(system, T0 + 24 * MS_PER_HOUR)).toEqual([]);
    expect(terminateStale(system, T0 + 24 * MS_PER_HOUR + 1)).toEqual([b.txId]);
    expect(blocksOf(system, JP)).toEqual([[11, 1000, 'ACTIVE']]);
    expect(blocksOf(system, XX)).toEqual([[1, 10, 'ACTIVE']]);
    expect(noReservations(system)).toBe(true);
  });

  it('the independent log check refuses serials it never saw issued, and terminates the proposal', () => {
    const system = kyoto();
    const p = ok(propose(system, 1, 10));
    // Corrupt the log's own issuance record (as if the registry had created units the log never saw).
    system.log.issued.get('JP-KP')!.remove(5, 5);
    expect(checkExternal(system, p.txId, T0 + 1)).toMatchObject({ ok: false, code: 'U05' });
    expect(blocksOf(system, JP)).toEqual([[1, 1000, 'ACTIVE']]);
    expect(noReservations(system)).toBe(true);
  });
});
