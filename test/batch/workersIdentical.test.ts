/**
 * The output bytes do not depend on how the batch is run: in-process (`--workers 1`) and on a pool of 2 compiled
 * workers give files with equal SHA-256, and the same manifest; runs kept in memory equal the files.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256File } from '../../io/sha256.js';
import { runBatch } from '../../workers/runBatch.js';
import { batchScenario, design, temporaryDirectory } from './support/batchScenario.js';
import { ensureBuilt } from './support/ensureBuilt.js';

async function hashes(directory: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of readdirSync(directory).sort()) out[file] = await sha256File(join(directory, file));
  return out;
}

beforeAll(() => ensureBuilt(), 180_000);

describe('bit-identical output for any number of workers', () => {
  it('workers 1 (in-process) and 2 (pool) write the same bytes', async () => {
    const options = { designs: [design()], seed: 11, runs: 40, chunkRuns: 3, details: ['firms', 'transactions'] as const };
    const one = temporaryDirectory();
    const two = temporaryDirectory();
    await runBatch({ ...options, details: [...options.details], workers: 1, out: one });
    await runBatch({ ...options, details: [...options.details], workers: 2, out: two });
    const a = await hashes(one);
    const b = await hashes(two);
    expect(Object.keys(a)).toEqual(['credits.arrow', 'firms.arrow', 'manifest.json', 'markets.arrow', 'runs.arrow', 'sectors.arrow', 'summary.json', 'transactions.arrow']);
    expect(b).toEqual(a);
  });

  it('the pool returns chunks out of order; they are written in run order', async () => {
    // 3 designs × 14 chunks of 1 run on 2 workers; metrics collected in memory equal those read back from files.
    const designs = [design(batchScenario(), 'a'), design(batchScenario({ discountRate: 0.02 }), 'b'), design(batchScenario({ discountRate: 0.08 }), 'c')];
    const out = temporaryDirectory();
    const inMemory = await runBatch({ designs, seed: 3, runs: 14, chunkRuns: 1, workers: 2, collect: true });
    const onDisk = await runBatch({ designs, seed: 3, runs: 14, chunkRuns: 1, workers: 2, collect: true, out });
    expect(onDisk.designs.map((d) => d.directory)).toEqual(['a', 'b', 'c'].map((label) => join(out, label)));
    for (let d = 0; d < 3; d++) {
      expect(onDisk.designs[d]!.metrics!.metrics.totalEmissions).toEqual(inMemory.designs[d]!.metrics!.metrics.totalEmissions);
      expect(onDisk.designs[d]!.metrics!.sectors.steel!.discountedTotalCost).toEqual(inMemory.designs[d]!.metrics!.sectors.steel!.discountedTotalCost);
    }
    expect(Number.isNaN(inMemory.designs[0]!.metrics!.metrics.meanPrice![13])).toBe(false);
  });
});
