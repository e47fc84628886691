/**
 * The batch commands through the command line (`main`, in-process): ets run --runs, ets compare, ets sweep,
 * ets merge, ets verify, and reproducing a failed run with --run. Exit codes: 0 ok, 1 a run failed or verify found a
 * difference, 2 a user error (message naming the option, no stack).
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import type { RunResult } from '../../model/engine/runResult.js';
import { simulate } from '../../model/engine/simulate.js';
import { realizeScenario } from '../../model/uncertainty/realizeScenario.js';
import { batchScenario, temporaryDirectory } from './support/batchScenario.js';
import { ensureBuilt } from './support/ensureBuilt.js';

interface Captured { code: number; stdout: string; stderr: string }

async function ets(...args: string[]): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'ets', ...args], { stdout: (text) => { stdout += text; }, stderr: (text) => { stderr += text; } });
  return { code, stdout, stderr };
}

let dir: string;
let scenarioFile: string;

beforeAll(() => {
  ensureBuilt();
  dir = temporaryDirectory('ets-cli-');
  scenarioFile = join(dir, 'scenario.json');
  writeFileSync(scenarioFile, JSON.stringify(batchScenario()));
}, 180_000);

describe('ets run --runs', () => {
  it('writes a verified batch and prints its summary', async () => {
    const out = join(dir, 'mc');
    const run = await ets('run', scenarioFile, '--runs', '20', '--seed', '3', '--workers', '2', '--out', out, '--progress', 'quiet');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^batch-test, seed 3: 20 runs\n/);
    expect(run.stdout).toMatch(/\n {2}meanPrice +JPY\/t +[\d,.]+ /);
    expect(run.stdout).toContain(`Wrote ${out}/: runs.arrow (20 rows), sectors.arrow (60 rows), markets.arrow (60 rows), credits.arrow (60 rows), summary.json, manifest.json`);
    const verify = await ets('verify', out);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain(`${out}: all 5 files match manifest.json`);
    appendFileSync(join(out, 'runs.arrow'), 'tamper');
    const tampered = await ets('verify', out);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/FAIL runs\.arrow: \d+ bytes, the manifest says \d+/);
    expect(tampered.stderr).toBe(`error: ${out} does not match its manifest: 1 problem\n`);
  });

  it('without --out prints the summary from memory', async () => {
    const run = await ets('run', scenarioFile, '--runs', '8', '--workers', '1', '--quiet', '--json');
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout) as { directory: null; summary: { runs: number; metrics: Record<string, { n: number }> } };
    expect(parsed.directory).toBeNull();
    expect(parsed.summary.runs).toBe(8);
    expect(parsed.summary.metrics.meanPrice!.n).toBe(8);
  });

  it.each([
    [['--runs', 'abc'], 'error: --runs must be an integer from 1 to 100,000,000, got "abc"\n'],
    [['--runs', '5', '--seed', '-1'], 'error: --seed must be an integer from 0 to 4,294,967,295, got "-1"\n'],
    [['--runs', '5', '--detail', 'firm'], 'error: --detail: unknown table "firm"; choose from firms, transactions\n'],
    [['--runs', '5', '--shard', '4/3'], 'error: --shard: expected i/n with 1 ≤ i ≤ n (e.g. 3/8), got "4/3"\n'],
    [['--runs', '5', '--resume'], 'error: --resume needs --out (the directory of the interrupted batch)\n'],
    [['--runs', '5', '--run', '2'], 'error: --run re-runs one run of a batch; it cannot be combined with --runs, --resume or --shard\n'],
  ])('rejects %j with exit 2 and a message naming the option', async (args, message) => {
    const run = await ets('run', scenarioFile, ...args, '--progress', 'quiet');
    expect(run.stderr).toBe(message);
    expect(run.code).toBe(2);
  });

  it('a failing run exits 1 with its run id, seed and the command that reproduces it; --run reproduces it', async () => {
    const failingFile = join(dir, 'failing.json');
    writeFileSync(failingFile, JSON.stringify(batchScenario({
      market: { maxPrice: 1000, mode: 'auto' }, credits: [],
      schemes: [{ id: 'ets', target: { type: 'absolute', cap: 600 }, allocation: [{ method: 'auction' }] }],
      uncertainty: { output: { shocks: { economy: { type: 'discrete', values: [0, 4], weights: [0.9, 0.1] } } } },
    })));
    const run = await ets('run', failingFile, '--runs', '40', '--seed', '5', '--workers', '1', '--out', join(dir, 'failing'), '--progress', 'quiet');
    expect(run.code).toBe(1);
    const match = /^error: run (\d+) \(seed 5, design "base"\) failed: InfeasiblePathError: (.*)\nReproduce this run alone with:\n {2}(ets run .* --seed 5 --run \d+)\n$/.exec(run.stderr);
    expect(match, run.stderr).not.toBeNull();
    const [, failedRun, reason, command] = match!;
    expect(command).toBe(`ets run ${failingFile} --seed 5 --run ${failedRun}`);
    const again = await ets(...command!.split(' ').slice(1));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(reason!);
  });

  it('--run R --seed S runs the scenario of run R alone', async () => {
    const run = await ets('run', scenarioFile, '--seed', '3', '--run', '5', '--json', '--quiet');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as RunResult;
    const expected = simulate(realizeScenario(batchScenario(), 3, 5));
    expect(result.schemes.map((r) => r.price)).toEqual(expected.schemes.map((r) => r.price));
  });
});

describe('ets compare', () => {
  it('pairs designs on the same futures: an unchanged design differs by exactly 0; a tighter cap raises the price', async () => {
    const same = join(dir, 'same.json');
    const tight = join(dir, 'tight-cap.json');
    writeFileSync(same, JSON.stringify({ description: 'the base, unchanged' }));
    writeFileSync(tight, JSON.stringify({ schemes: [{ id: 'ets', target: { type: 'absolute', cap: { initial: 560, annualReduction: 0.05 } } }] }));
    const out = join(dir, 'compare');
    const run = await ets('compare', scenarioFile, '--with', same, '--design', same, '--design', tight, '--runs', '30', '--seed', '8', '--workers', '2', '--out', out, '--progress', 'quiet');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Paired differences, design − base, on the same 30 futures \(seed 8\)/);
    const comparison = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')) as { rows: { design: string; metric: string; difference: { mean: number; ciLow: number; ciHigh: number; sd: number } }[] };
    const row = (design: string, metric: string) => comparison.rows.find((r) => r.design === design && r.metric === metric)!;
    for (const r of comparison.rows.filter((x) => x.design === 'same')) expect(r.difference).toMatchObject({ mean: 0, sd: 0, ciLow: 0, ciHigh: 0 });
    expect(row('tight-cap', 'price (meanPrice)').difference.ciLow).toBeGreaterThan(0);
    expect(row('tight-cap', 'emissions (totalEmissions)').difference.ciHigh).toBeLessThan(0);
    expect(comparison.rows.map((r) => r.metric)).toContain('cost of steel');
    expect(run.stdout).toContain(`Wrote ${out}/: base/, same/, tight-cap/, comparison.json`);
    expect((await ets('verify', join(out, 'tight-cap'), '--quiet')).code).toBe(0);
  });

  it('needs a design', async () => {
    const run = await ets('compare', scenarioFile, '--runs', '3');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('error: compare needs at least one --design file to compare with the base scenario\n');
  });
});

describe('ets sweep', () => {
  it('runs the grid, last parameter fastest, every point on the same futures', async () => {
    const out = join(dir, 'sweep');
    const run = await ets('sweep', scenarioFile, '--param', 'schemes[ets].priceControls.penalty.price=400,600', '--param', 'discountRate=0.03,0.05', '--runs', '6', '--workers', '1', '--out', out, '--progress', 'quiet');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const sweep = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')) as { points: { label: string; values: Record<string, unknown>; summary: { runs: number } }[] };
    expect(sweep.points.map((p) => [p.label, p.values['schemes[ets].priceControls.penalty.price'], p.values.discountRate])).toEqual([
      ['p1', 400, 0.03], ['p2', 400, 0.05], ['p3', 600, 0.03], ['p4', 600, 0.05],
    ]);
    const manifest = JSON.parse(readFileSync(join(out, 'p3', 'manifest.json'), 'utf8')) as { design: { parameters: Record<string, unknown> } };
    expect(manifest.design.parameters).toEqual({ 'schemes[ets].priceControls.penalty.price': 600, discountRate: 0.03 });
    expect(run.stdout).toMatch(/^Sweep of 4 points × 6 runs \(seed 0; every point sees the same futures\)/);
  });

  it.each([
    [['--param', 'schemes[0].banking.mode=none'], 'error: --param schemes[0].banking.mode: lists are addressed by the id of an entry (e.g. schemes[gx]); "schemes[0]" indexes a list, which an overlay replaces whole\n'],
    [['--param', 'discountRate'], 'error: --param: expected path=value1,value2,…, got "discountRate"\n'],
    [[], 'error: sweep needs at least one --param path=value1,value2,…\n'],
  ])('rejects %j', async (args, message) => {
    const run = await ets('sweep', scenarioFile, ...args, '--runs', '2');
    expect(run.stderr).toBe(message);
    expect(run.code).toBe(2);
  });

  it('an invalid grid value is a scenario error naming the path and the point', async () => {
    const run = await ets('sweep', scenarioFile, '--param', 'discountRate=0.05,2', '--runs', '2');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('discountRate');
    expect(run.stderr).toContain('--param (p2)');
  });
});

describe('ets run --shard and ets merge', () => {
  it('merges two shards into a batch equal to the whole and verified', async () => {
    const common = ['run', scenarioFile, '--runs', '9', '--seed', '1', '--chunk-runs', '2', '--workers', '1', '--progress', 'quiet'];
    for (const index of [1, 2]) expect((await ets(...common, '--shard', `${index}/2`, '--out', join(dir, `shard-${index}`))).code).toBe(0);
    expect((await ets(...common, '--out', join(dir, 'whole'))).code).toBe(0);
    const merge = await ets('merge', join(dir, 'shard-2'), join(dir, 'shard-1'), '--out', join(dir, 'merged'));
    expect(merge.stderr).toBe('');
    expect(merge.stdout).toMatch(/^Merged 2 shards into .*merged\/: runs\.arrow \(9 rows\)/);
    expect(readFileSync(join(dir, 'merged', 'manifest.json'), 'utf8')).toBe(readFileSync(join(dir, 'whole', 'manifest.json'), 'utf8'));
    const incomplete = await ets('merge', join(dir, 'shard-2'), '--out', join(dir, 'merged-2'));
    expect(incomplete.code).toBe(2);
    expect(incomplete.stderr).toBe('error: shards 1/2 are missing\n');
  });
});
