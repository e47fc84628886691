/**
 * The batch benchmark (`npm run bench`; not a test): runs/s, firm-periods/s and peak memory of Monte Carlo batches
 * of a small (the default scenario), a medium and a large scenario (10,000 firms × 10 periods), with 1 worker
 * (in-process) and 2 workers, each case in a fresh process; then the registry's share of run time (the registry is an
 * opt-in settlement of the engine, measured with and without).
 *
 *   npm run bench                      # all cases (a few minutes)
 *   npm run bench -- --quick           # fewer runs per case
 *   npm run bench -- --firm-rows 100000000   # also: a batch writing ≥ N firm-level rows, with its peak memory
 *
 * Targets on a 2-core machine: default scenario ≥ 1,000 runs/s with both cores; large scenario ≥ 10 runs/s; a batch
 * writing more than 100 million firm-level rows in under 1 GB of memory.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTable } from '../cli/formatTable.js';
import type { Detail } from '../io/tables.js';
import { benchCase, type CaseFigures } from './benchCase.js';
import { benchScenario, type BenchSize } from './benchScenarios.js';
import { RegistrySettlement } from '../model/engine/registrySettlement.js';
import { simulate } from '../model/engine/simulate.js';
import { realizeScenario } from '../model/uncertainty/realizeScenario.js';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The package root: bench/ or dist/bench/ is below it. */
const ROOT = existsSync(join(HERE, '..', 'package.json')) ? join(HERE, '..') : join(HERE, '..', '..');

interface CaseSpec { size: BenchSize; workers: number; runs: number; details: Detail[] }

function parseArguments(argv: string[]): { quick: boolean; firmRows: number | null; child: CaseSpec | null } {
  const value = (name: string): string | undefined => {
    const k = argv.indexOf(name);
    return k >= 0 ? argv[k + 1] : undefined;
  };
  const child = value('--case');
  return {
    quick: argv.includes('--quick'),
    firmRows: value('--firm-rows') === undefined ? null : Number(value('--firm-rows')),
    child: child === undefined ? null : JSON.parse(child) as CaseSpec,
  };
}

function runChild(spec: CaseSpec): CaseFigures {
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--case', JSON.stringify(spec)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (result.status !== 0) throw new Error(`benchmark case ${JSON.stringify(spec)} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as CaseFigures;
}

const number = (x: number, digits = 0): string => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/**
 * The registry's share of run time. Batches settle through the engine's balance ledger; the registry layer is an
 * opt-in settlement (`simulate(scenario, { registry: new RegistrySettlement() })`). This measures CPU time per run of
 * the default scenario without and with it (median of alternating rounds) — bench/registryShare.ts has the profile.
 */
function registryShare(runs: number, rounds: number): { without: number; with: number; share: number } {
  const scenario = realizeScenario(benchScenario(ROOT, 'small'), 1, 0);
  const block = (registry: boolean): number => {
    const start = process.cpuUsage();
    for (let k = 0; k < runs; k++) simulate(scenario, registry ? { registry: new RegistrySettlement() } : {});
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000 / runs;
  };
  block(false);
  block(true);
  const without: number[] = [];
  const withRegistry: number[] = [];
  for (let r = 0; r < rounds; r++) {
    without.push(block(false));
    withRegistry.push(block(true));
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const a = median(without);
  const b = median(withRegistry);
  return { without: a, with: b, share: (b - a) / b };
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  if (args.child !== null) {
    const figures = await benchCase(ROOT, args.child.size, args.child.workers, args.child.runs, args.child.details);
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    return;
  }
  const runs: Record<BenchSize, number> = args.quick ? { small: 2000, medium: 8, large: 2 } : { small: 20_000, medium: 40, large: 8 };
  const cases: CaseSpec[] = [];
  for (const size of ['small', 'medium', 'large'] as const) for (const workers of [1, 2]) cases.push({ size, workers, runs: runs[size], details: [] });
  process.stderr.write(`Batch benchmark: ${cases.length} cases, each in its own process (Arrow output to a temporary directory).\n`);
  const results: CaseFigures[] = [];
  for (const spec of cases) {
    process.stderr.write(`  ${spec.size}, ${spec.workers} worker${spec.workers === 1 ? '' : 's'}, ${spec.runs} runs …\n`);
    results.push(runChild(spec));
  }
  if (args.firmRows !== null) {
    // Firm-level output of at least N rows from the default scenario (100 firm-periods per run).
    const spec: CaseSpec = { size: 'small', workers: 2, runs: Math.ceil(args.firmRows / 100), details: ['firms'] };
    process.stderr.write(`  firm-level output: ${number(spec.runs)} runs × 100 firm-periods (≥ ${number(args.firmRows)} rows) …\n`);
    results.push(runChild(spec));
  }
  const columns = [
    { header: 'scenario' }, { header: 'firms × periods' }, { header: 'workers', align: 'right' as const }, { header: 'runs', align: 'right' as const },
    { header: 'seconds', align: 'right' as const }, { header: 'runs/s', align: 'right' as const }, { header: 'firm-periods/s', align: 'right' as const },
    { header: 'firm rows', align: 'right' as const }, { header: 'peak memory MiB', align: 'right' as const },
  ];
  const rows = results.map((r) => [r.size, `${number(r.firms)} × ${r.periods}`, String(r.workers), number(r.runs), number(r.seconds, 1), number(r.runsPerSecond, r.runsPerSecond < 100 ? 2 : 0),
    number(r.firmPeriodsPerSecond), number(r.firmRows), number(r.peakMiB)]);
  process.stdout.write(`\nMonte Carlo batches (default scenario + scenarios/uncertainty/default-uncertainty.yaml), whole batch incl. worker start-up\n`);
  process.stdout.write(formatTable(columns, rows, '  '));
  const small2 = results.find((r) => r.size === 'small' && r.workers === 2 && r.firmRows === 0)!;
  const large = results.filter((r) => r.size === 'large').reduce((a, b) => (a.runsPerSecond > b.runsPerSecond ? a : b));
  process.stdout.write(`\nTargets: default scenario ≥ 1,000 runs/s on 2 cores: ${number(small2.runsPerSecond)} runs/s (${small2.runsPerSecond >= 1000 ? 'met' : 'NOT met'}); `
    + `large ≥ 10 runs/s: ${number(large.runsPerSecond, 2)} runs/s (${large.runsPerSecond >= 10 ? 'met' : 'NOT met'})`);
  const big = results.find((r) => r.firmRows > 0);
  process.stdout.write(big === undefined ? '; 100 M firm rows < 1 GB: not run (add --firm-rows 100000000)\n'
    : `; ${number(big.firmRows)} firm rows in ${number(big.peakMiB)} MiB (${big.firmRows > 100_000_000 && big.peakMiB < 1024 ? 'met' : big.peakMiB < 1024 ? 'memory met, fewer rows' : 'NOT met'})\n`);
  const registry = registryShare(args.quick ? 50 : 200, args.quick ? 3 : 5);
  process.stdout.write(`registry: opt-in, not in the batch run path (batches settle through the engine's balance ledger); enabled, it takes ${number(100 * registry.share, 1)} % `
    + `of a default-scenario run's CPU time (${registry.with.toFixed(2)} ms/run with it, ${registry.without.toFixed(2)} ms/run without; profile: node dist/bench/registryShare.js)\n`);
}

await main();
