/**
 * `--shard i/n` + `ets merge` equals the whole batch: every file of the merged directory (Arrow tables, summary,
 * manifest) has the SHA-256 of the corresponding file of a batch run whole. Merge refuses incomplete, duplicated,
 * tampered or foreign shards.
 */
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergeShards, MergeError } from '../../io/mergeShards.js';
import { sha256File } from '../../io/sha256.js';
import { chunkPlan } from '../../workers/chunkPlan.js';
import { runBatch } from '../../workers/runBatch.js';
import { design, temporaryDirectory } from './support/batchScenario.js';

async function hashes(directory: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of readdirSync(directory).sort()) out[file] = await sha256File(join(directory, file));
  return out;
}

const options = { designs: [design()], seed: 21, runs: 23, chunkRuns: 2, workers: 1, details: ['firms', 'transactions'] as ('firms' | 'transactions')[] };
let root: string;
let whole: Record<string, string>;
const shardDirectories: string[] = [];

beforeAll(async () => {
  root = temporaryDirectory();
  await runBatch({ ...options, out: join(root, 'whole') });
  whole = await hashes(join(root, 'whole'));
  for (let index = 1; index <= 3; index++) {
    const directory = join(root, `shard-${index}`);
    await runBatch({ ...options, shard: { index, count: 3 }, out: directory });
    shardDirectories.push(directory);
  }
});

describe('sharding', () => {
  it('slices the chunks into contiguous shards that cover each chunk once', () => {
    const plans = [1, 2, 3].map((index) => chunkPlan(23, 2, { index, count: 3 }));
    expect(plans.map((p) => [p.firstChunk, p.endChunk])).toEqual([[0, 4], [4, 8], [8, 12]]);
    expect(() => chunkPlan(23, 2, { index: 1, count: 13 })).toThrow('the batch has only 12 chunks of 2 runs; use at most 12 shards or a smaller --chunk-runs');
  });

  it('each shard records its slice in its manifest', () => {
    const manifest = JSON.parse(readFileSync(join(shardDirectories[1]!, 'manifest.json'), 'utf8')) as { shard: unknown; files: { file: string; rows?: number }[] };
    expect(manifest.shard).toEqual({ index: 2, count: 3, firstChunk: 4, endChunk: 8, firstRun: 8, endRun: 16 });
    expect(manifest.files.find((f) => f.file === 'runs.arrow')!.rows).toBe(8);
  });

  it('merging the shards (in any order) equals the whole batch, file by file', async () => {
    const merged = join(root, 'merged');
    const result = await mergeShards([shardDirectories[2]!, shardDirectories[0]!, shardDirectories[1]!], merged);
    expect(result.shards).toBe(3);
    expect(await hashes(merged)).toEqual(whole);
  });

  it('refuses a missing shard, a shard given twice, and a tampered shard', async () => {
    await expect(mergeShards([shardDirectories[0]!, shardDirectories[2]!], join(root, 'm1'))).rejects.toThrow(new MergeError('shards 2/3 are missing'));
    await expect(mergeShards([shardDirectories[0]!, shardDirectories[0]!, shardDirectories[1]!], join(root, 'm2'))).rejects.toThrow('shard 1/3 is given twice');
    await expect(mergeShards([join(root, 'whole')], join(root, 'm3'))).rejects.toThrow('is a whole batch, not a shard');
    const other = join(root, 'other-seed');
    await runBatch({ ...options, seed: 22, shard: { index: 2, count: 3 }, out: other });
    await expect(mergeShards([shardDirectories[0]!, other, shardDirectories[2]!], join(root, 'm4'))).rejects.toThrow(/belongs to another batch/);
    const tampered = join(root, 'tampered');
    await runBatch({ ...options, shard: { index: 3, count: 3 }, out: tampered });
    appendFileSync(join(tampered, 'markets.arrow'), 'x');
    await expect(mergeShards([shardDirectories[0]!, shardDirectories[1]!, tampered], join(root, 'm5'))).rejects.toThrow(/tampered: does not match its manifest:\n {2}markets.arrow: \d+ bytes, the manifest says \d+/);
  });
});
