import { describe, expect, it } from 'vitest';
import { submit } from '../../model/registry/transact.js';
import { replay, ledgerView } from '../../model/registry/replay.js';
import { world, issue, must, GX_A, GX_B, T0, blocksOf } from './fixture.js';

describe('smoke', () => {
  it('issues, transfers, surrenders', () => {
    const system = world();
    issue(system, 'GX', GX_A, 100, 2026);
    must(system, { type: 'TRANSFER_INTERNAL', at: T0, from: GX_A, to: GX_B, quantity: 30, unit: { unitType: 'ALLOWANCE', scheme: 'GX' } });
    expect(blocksOf(system, GX_A)).toEqual([[31, 100, 'ACTIVE']]);
    expect(blocksOf(system, GX_B)).toEqual([[1, 30, 'ACTIVE']]);
    const r = submit(system, { type: 'SURRENDER', at: T0, from: GX_B, to: { registry: 'GX', account: 'GX/SURRENDER' }, quantity: 10, unit: { unitType: 'ALLOWANCE' }, compliance: { scheme: 'GX', period: 'FY2026' } });
    expect(r.ok).toBe(true);
    expect(replay(system.log)).toEqual(ledgerView(system));
  });
});
