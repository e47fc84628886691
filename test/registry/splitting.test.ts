/**
 * Block splitting edge cases (REGISTRY.md §5.7): partial block at start, middle and end; a range spanning three
 * blocks; the off-by-one at end + 1; and split requests whose counts sum right but whose ranges overlap or leave a
 * gap (the CADT weakness), which must be rejected. Expected blocks are worked out by hand from A holding 1..100.
 */
import { describe, expect, it } from 'vitest';
import { splitProblem } from '../../model/registry/blockList.js';
import { submit } from '../../model/registry/transact.js';
import { blocksOf, expectRejected, GX_A, GX_B, issue, must, snapshot, T0, world } from './fixture.js';

function move(system: ReturnType<typeof world>, start: number, end: number) {
  return submit(system, { type: 'TRANSFER_INTERNAL', at: T0, from: GX_A, to: GX_B, quantity: end - start + 1, blocks: [{ origin: 'GX', start, end }] });
}

describe('partial blocks', () => {
  it('splits at the start, in the middle and at the end of a block', () => {
    const system = world();
    issue(system, 'GX', GX_A, 100, 2026);
    expect(move(system, 1, 10).ok).toBe(true); // start
    expect(blocksOf(system, GX_A)).toEqual([[11, 100, 'ACTIVE']]);
    expect(move(system, 40, 49).ok).toBe(true); // middle: 11..39 and 50..100 remain
    expect(blocksOf(system, GX_A)).toEqual([[11, 39, 'ACTIVE'], [50, 100, 'ACTIVE']]);
    expect(move(system, 91, 100).ok).toBe(true); // end
    expect(blocksOf(system, GX_A)).toEqual([[11, 39, 'ACTIVE'], [50, 90, 'ACTIVE']]);
    // B received 1..10, 40..49, 91..100: three blocks (not adjacent, so not merged).
    expect(blocksOf(system, GX_B)).toEqual([[1, 10, 'ACTIVE'], [40, 49, 'ACTIVE'], [91, 100, 'ACTIVE']]);
  });

  it('merges adjacent serials back into one block when they meet again', () => {
    const system = world();
    issue(system, 'GX', GX_A, 30, 2026);
    move(system, 11, 20);
    expect(blocksOf(system, GX_A)).toEqual([[1, 10, 'ACTIVE'], [21, 30, 'ACTIVE']]);
    must(system, { type: 'TRANSFER_INTERNAL', at: T0, from: GX_B, to: GX_A, quantity: 10, blocks: [{ origin: 'GX', start: 11, end: 20 }] });
    expect(blocksOf(system, GX_A)).toEqual([[1, 30, 'ACTIVE']]);
  });

  it('a range spanning three blocks: end of the first, all of the second, start of the third', () => {
    const system = world();
    issue(system, 'GX', GX_A, 10, 2026); // 1..10
    issue(system, 'GX', GX_A, 10, 2027); // 11..20
    issue(system, 'GX', GX_A, 10, 2028); // 21..30
    const result = move(system, 5, 25);
    expect(result.ok && result.ranges.map((r) => [r.start, r.end, r.vintage])).toEqual([[5, 10, 2026], [11, 20, 2027], [21, 25, 2028]]);
    expect(blocksOf(system, GX_A)).toEqual([[1, 4, 'ACTIVE'], [26, 30, 'ACTIVE']]);
  });

  it('off-by-one: the last serial moves, end + 1 is not held (U01) and nothing changes', () => {
    const system = world();
    issue(system, 'GX', GX_A, 100, 2026);
    const before = snapshot(system);
    expectRejected(system, before, move(system, 101, 101), 'U01');
    expectRejected(system, before, move(system, 91, 101), 'U01'); // 11 serials, only #101 is missing
    expect(move(system, 100, 100).ok).toBe(true);
    expect(blocksOf(system, GX_A)).toEqual([[1, 99, 'ACTIVE']]);
  });
});

describe('split requests whose counts sum right', () => {
  it('overlapping ranges are rejected (S02): 10 + 10 = 20 but serials 5..10 are counted twice', () => {
    const system = world();
    issue(system, 'GX', GX_A, 100, 2026);
    const before = snapshot(system);
    const result = submit(system, { type: 'TRANSFER_INTERNAL', at: T0, from: GX_A, to: GX_B, quantity: 20, blocks: [{ origin: 'GX', start: 1, end: 10 }, { origin: 'GX', start: 5, end: 14 }] });
    expectRejected(system, before, result, 'S02');
  });

  it('a gap is rejected when the holding is exactly the parent block: 1..10 + 12..21 = 20 but #21 is not held (U01)', () => {
    const system = world();
    issue(system, 'GX', GX_A, 20, 2026); // A holds exactly 1..20
    const before = snapshot(system);
    const result = submit(system, { type: 'TRANSFER_INTERNAL', at: T0, from: GX_A, to: GX_B, quantity: 20, blocks: [{ origin: 'GX', start: 1, end: 10 }, { origin: 'GX', start: 12, end: 21 }] });
    expectRejected(system, before, result, 'U01');
  });

  it('splitProblem accepts an exact partition and names overlaps, gaps and short ends', () => {
    const parent = { start: 1, end: 20 };
    expect(splitProblem(parent, [{ start: 1, end: 10 }, { start: 11, end: 20 }])).toBeNull();
    expect(splitProblem(parent, [{ start: 1, end: 10 }, { start: 10, end: 19 }])).toMatch(/overlapping/);
    expect(splitProblem(parent, [{ start: 1, end: 10 }, { start: 12, end: 21 }])).toMatch(/gap at 11\.\.11/);
    expect(splitProblem(parent, [{ start: 1, end: 10 }, { start: 11, end: 19 }])).toMatch(/end at 19, parent ends at 20/);
    expect(splitProblem(parent, [])).toBe('no parts');
  });
});
