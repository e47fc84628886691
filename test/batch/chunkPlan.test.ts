/** Chunking depends only on runs and scenario size, never on workers; shards cover every chunk exactly once. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkPlan, chunkRunRange, defaultChunkRuns, parseShard } from '../../workers/chunkPlan.js';

describe('chunk plan', () => {
  it('default chunk size: ~20,000 firm-periods, at least 16 chunks, at most 1,000 runs', () => {
    expect(defaultChunkRuns(100_000, 100)).toBe(200); // the default scenario: 20 firms × 5 periods
    expect(defaultChunkRuns(1000, 100)).toBe(63); // ⌈1000 / 16⌉
    expect(defaultChunkRuns(100, 100_000)).toBe(1); // 10,000 firms × 10 periods
    expect(defaultChunkRuns(1_000_000, 1)).toBe(1000);
  });

  it('shards partition the chunks into contiguous slices (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 40 }), (runs, chunkRuns, count) => {
      const whole = chunkPlan(runs, chunkRuns);
      fc.pre(count <= whole.chunkCount);
      let next = 0;
      let covered = 0;
      for (let index = 1; index <= count; index++) {
        const plan = chunkPlan(runs, chunkRuns, { index, count });
        expect(plan.firstChunk).toBe(next);
        next = plan.endChunk;
        for (let chunk = plan.firstChunk; chunk < plan.endChunk; chunk++) covered += chunkRunRange(plan, chunk)[1];
      }
      expect(next).toBe(whole.chunkCount);
      expect(covered).toBe(runs);
    }));
  });

  it('parses --shard i/n and rejects anything else', () => {
    expect(parseShard('3/8')).toEqual({ index: 3, count: 8 });
    for (const bad of ['0/8', '9/8', '3', 'a/b', '3/0']) expect(() => parseShard(bad)).toThrow(`--shard: expected i/n with 1 ≤ i ≤ n (e.g. 3/8), got "${bad}"`);
    expect(() => chunkPlan(0, 5)).toThrow('--runs must be an integer ≥ 1, got 0');
  });
});
