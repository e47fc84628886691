/**
 * manifest.json records provenance and checksums, and `verifyOutput` (`ets verify`) detects a changed, truncated or
 * missing file. summary.json's statistics are recomputed here independently from runs.arrow: mean, sample sd
 * (two-pass), type-7 quantiles (h = (n − 1)p, interpolate between order statistics), mean ± 1.959963984540054 · sd/√n.
 */
import { existsSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../io/canonicalJson.js';
import { describeSample } from '../../io/describeSample.js';
import { verifyOutput, type Manifest } from '../../io/manifest.js';
import { sha256File, sha256Text } from '../../io/sha256.js';
import { runBatch } from '../../workers/runBatch.js';
import { batchScenario, design, temporaryDirectory } from './support/batchScenario.js';
import { ROOT } from './support/ensureBuilt.js';

const scenario = batchScenario();
let out: string;
let manifest: Manifest;

beforeAll(async () => {
  out = join(temporaryDirectory(), 'batch');
  await runBatch({ designs: [design(scenario)], seed: 4, runs: 57, workers: 1, out });
  manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
});

function type7(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  return sorted[low]! + (h - low) * ((sorted[Math.min(low + 1, sorted.length - 1)] ?? 0) - sorted[low]!);
}

describe('manifest', () => {
  it('records the scenario hash, seed, runs, versions and every file\'s rows, size and SHA-256', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(manifest).toMatchObject({
      format: 'ets-batch/1', outputSchema: 'docs/output-schema.md', seed: 4, runs: 57, shard: null, uncertain: true,
      scenario: { name: 'batch-test', currency: 'JPY', sha256: sha256Text(canonicalJson(scenario)) },
      design: { label: 'base', overlays: [], parameters: {} },
    });
    expect(manifest.createdBy.package).toEqual({ name: 'ets-sim', version: pkg.version });
    expect(manifest.createdBy.gitCommit === null || /^[0-9a-f]{40}$/.test(manifest.createdBy.gitCommit)).toBe(true);
    expect(manifest.files.map((f) => f.file)).toEqual(['runs.arrow', 'sectors.arrow', 'markets.arrow', 'credits.arrow', 'summary.json']);
    for (const file of manifest.files) expect(file.sha256).toBe(await sha256File(join(out, file.file)));
    expect(manifest.files.find((f) => f.file === 'sectors.arrow')!.rows).toBe(57 * 3);
    expect(existsSync(join(out, '.ets-journal.jsonl'))).toBe(false);
  });

  it('verify passes on the batch as written and names the file that was changed, truncated or removed', async () => {
    const report = await verifyOutput(out);
    expect(report.ok).toBe(true);
    expect(report.lines[0]).toMatch(/^ok {3}runs\.arrow \(57 rows, [\d,]+ bytes, sha256 [0-9a-f]{12}…\)$/);

    const copy = join(temporaryDirectory(), 'copy');
    await runBatch({ designs: [design(scenario)], seed: 4, runs: 57, workers: 1, out: copy });
    const markets = join(copy, 'markets.arrow');
    const bytes = readFileSync(markets);
    bytes[Math.floor(bytes.length / 2)]! ^= 1;
    writeFileSync(markets, bytes);
    truncateSync(join(copy, 'sectors.arrow'), 100);
    rmSync(join(copy, 'summary.json'));
    const tampered = await verifyOutput(copy);
    expect(tampered.ok).toBe(false);
    expect(tampered.problems).toEqual([
      expect.stringMatching(/^sectors\.arrow: 100 bytes, the manifest says \d+$/),
      expect.stringMatching(/^markets\.arrow: SHA-256 [0-9a-f]{64} differs from the manifest's [0-9a-f]{64} \(the file was changed\)$/),
      'summary.json: missing',
    ]);
  });
});

describe('summary.json', () => {
  it('matches statistics computed independently from runs.arrow', () => {
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { runs: number; metrics: Record<string, Record<string, number>> };
    const runs = tableFromIPC(readFileSync(join(out, 'runs.arrow')));
    expect(summary.runs).toBe(57);
    for (const metric of ['meanPrice', 'discountedComplianceCost', 'totalEmissions']) {
      const values = [...runs.getChild(metric)!] as number[];
      const n = values.length;
      const mean = values.reduce((a, b) => a + b, 0) / n;
      const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
      const sorted = [...values].sort((a, b) => a - b);
      const half = (1.959963984540054 * sd) / Math.sqrt(n);
      const expected = { n, mean, sd, q05: type7(sorted, 0.05), q50: type7(sorted, 0.5), q95: type7(sorted, 0.95), ciLow: mean - half, ciHigh: mean + half };
      for (const [key, value] of Object.entries(expected)) {
        const actual = summary.metrics[metric]![key]!;
        expect(Math.abs(actual - value), `${metric}.${key}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(value)));
      }
      expect(sd).toBeGreaterThan(0); // the runs do differ
    }
    expect(summary.metrics.meanPrice!.unit).toBe('JPY/t');
  });

  it('describeSample: hand-checked small samples, non-finite values excluded', () => {
    // 1..5: mean 3, sd √2.5, q05 = 1 + 0.2·1 = 1.2, q95 = 4.8.
    const s = describeSample([5, 1, 4, 2, 3, Number.NaN]);
    expect(s).toMatchObject({ n: 5, excluded: 1, mean: 3, q05: 1.2, q50: 3, q95: 4.8 });
    expect(s.sd).toBeCloseTo(Math.sqrt(2.5), 14);
    expect(s.ciHigh! - s.mean!).toBeCloseTo((1.959963984540054 * Math.sqrt(2.5)) / Math.sqrt(5), 14);
    expect(describeSample([7])).toMatchObject({ n: 1, mean: 7, sd: null, ciLow: null, q50: 7 });
    expect(describeSample([])).toMatchObject({ n: 0, mean: null });
  });
});
