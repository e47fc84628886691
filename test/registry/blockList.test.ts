/** BlockList: sorted disjoint ranges with merging, exact removal, union/difference and bulk merge-insert. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlockList } from '../../model/registry/blockList.js';
import { RegistryInvariantError } from '../../model/registry/checkCodes.js';

function list(...ranges: Array<[number, number]>): BlockList {
  const b = new BlockList();
  for (const [s, e] of ranges) b.insert(s, e);
  return b;
}

describe('BlockList', () => {
  it('merges with the previous, the next, or both neighbours', () => {
    const b = list([1, 10], [21, 30]);
    b.insert(11, 15); // joins the previous block
    expect(b.toArray()).toEqual([[1, 15], [21, 30]]);
    b.insert(18, 20); // joins the next block
    expect(b.toArray()).toEqual([[1, 15], [18, 30]]);
    b.insert(16, 17); // joins both
    expect(b.toArray()).toEqual([[1, 30]]);
    expect(b.total).toBe(30);
  });

  it('refuses an overlapping insert (a broken partition is a bug)', () => {
    const b = list([1, 10]);
    expect(() => b.insert(10, 12)).toThrow(RegistryInvariantError);
    expect(() => b.insert(0, 1)).toThrow(RegistryInvariantError);
  });

  it('removes a whole block, a front, a back or a middle part', () => {
    const b = list([1, 10], [21, 30], [41, 50]);
    b.remove(21, 30);
    expect(b.toArray()).toEqual([[1, 10], [41, 50]]);
    b.remove(1, 3);
    b.remove(48, 50);
    b.remove(44, 45);
    expect(b.toArray()).toEqual([[4, 10], [41, 43], [46, 47]]);
    expect(b.total).toBe(7 + 3 + 2);
    expect(() => b.remove(9, 11)).toThrow(RegistryInvariantError); // not inside one block
  });

  it('taking from the front many times keeps lookups right (head offset and compaction)', () => {
    const b = new BlockList();
    for (let i = 0; i < 200; i++) b.insert(i * 10 + 1, i * 10 + 5);
    for (let i = 0; i < 150; i++) b.remove(i * 10 + 1, i * 10 + 5);
    expect(b.count).toBe(50);
    expect(b.indexContaining(1503)).toBeGreaterThanOrEqual(0);
    expect(b.indexContaining(1493)).toBe(-1);
    expect(b.coveredCount(1, 2000)).toBe(250);
  });

  it('add (union) and subtract (difference)', () => {
    const b = list([1, 5], [10, 15]);
    b.add(4, 11);
    expect(b.toArray()).toEqual([[1, 15]]);
    b.subtract(3, 12);
    expect(b.toArray()).toEqual([[1, 2], [13, 15]]);
  });

  it('insertMany equals one insert per range (property)', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 400 }), { maxLength: 120 }), fc.integer({ min: 0, max: 120 }), (slots, split) => {
      // Disjoint ranges [5s+1, 5s+1+len] with len ≤ 3 (slots are distinct, so ranges never overlap).
      const ranges = slots.map((slot) => [slot * 5 + 1, slot * 5 + 1 + (slot % 4)] as [number, number]);
      const existing = ranges.slice(0, split), added = ranges.slice(split);
      const one = list(...existing), many = list(...existing);
      for (const [s, e] of added) one.insert(s, e);
      many.insertMany(added.flat());
      expect(many.toArray()).toEqual(one.toArray());
      expect(many.total).toBe(one.total);
    }), { numRuns: 200 });
  });
});
