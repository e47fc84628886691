/**
 * The batch side of `ets run`: with `--runs N` (or `--resume`, `--shard`) the scenario runs N times on a worker
 * pool, drawing its uncertain inputs afresh for each run, and with `--out` the results go to Arrow files with a
 * manifest and a summary (docs/output-schema.md). `--run R` instead re-runs a single run R of seed S alone — the
 * way to reproduce a run a batch reported as failed.
 */
import { basename, extname } from 'node:path';
import type { Scenario } from '../../model/scenario/schema.js';
import { realizeScenario } from '../../model/uncertainty/realizeScenario.js';
import { createProgress } from '../../workers/progress.js';
import { runBatch } from '../../workers/runBatch.js';
import type { CliIo } from '../cliIo.js';
import { UsageError } from '../usageError.js';
import { DEFAULT_SEED, parseBatchSettings, parseInteger, type BatchCliOptions } from './batchCliOptions.js';
import { withBatchErrors } from './batchErrorsToUsage.js';
import { formatBatchSummary, formatStatistic } from './formatBatchSummary.js';
import { loadDesign } from './loadDesign.js';

export interface RunBatchCommandOptions extends BatchCliOptions {
  design?: string[];
  out?: string;
  json?: boolean;
  /** Re-run only this run of the batch with seed `--seed`. */
  run?: string;
}

/** True when the options ask for a batch rather than a single run. */
export function isBatchRequest(options: RunBatchCommandOptions): boolean {
  return options.runs !== undefined || options.resume === true || options.shard !== undefined;
}

/** The scenario of run `--run` of seed `--seed` (the scenario itself without `--run`). */
export function selectRun(scenario: Scenario, options: RunBatchCommandOptions): Scenario {
  if (options.run === undefined) return scenario;
  if (isBatchRequest(options)) throw new UsageError(RUN_WITH_BATCH);
  const seed = options.seed === undefined ? DEFAULT_SEED : parseInteger('--seed', options.seed, 0, 0xffffffff);
  return realizeScenario(scenario, seed, parseInteger('--run', options.run, 0, 100_000_000));
}

function designLabel(overlays: readonly string[]): string {
  if (overlays.length === 0) return 'base';
  return overlays.map((file) => basename(file, extname(file)).replace(/[^A-Za-z0-9_.-]/g, '_')).join('+').replace(/\+/g, '_').slice(0, 64) || 'design';
}

const RUN_WITH_BATCH = '--run re-runs one run of a batch; it cannot be combined with --runs, --resume or --shard';

export async function runBatchCommand(scenarioFile: string, options: RunBatchCommandOptions, io: CliIo): Promise<number> {
  if (options.run !== undefined) throw new UsageError(RUN_WITH_BATCH);
  const settings = parseBatchSettings(options);
  const overlays = options.design ?? [];
  const design = await loadDesign(designLabel(overlays), scenarioFile, overlays);
  const command = ['ets run', scenarioFile, ...overlays.flatMap((file) => ['--design', file])].join(' ');
  return withBatchErrors(io, (failure) => `${command} --seed ${failure.seed} --run ${failure.run}`, async () => {
    const outcome = await runBatch({
      designs: [design],
      seed: settings.seed,
      runs: settings.runs,
      workers: settings.workers,
      ...(settings.chunkRuns === undefined ? {} : { chunkRuns: settings.chunkRuns }),
      details: settings.details,
      shard: settings.shard,
      out: options.out ?? null,
      resume: settings.resume,
      collect: options.out === undefined,
      progress: createProgress({ mode: settings.progress }),
      confidenceLevel: settings.confidenceLevel,
    });
    const result = outcome.designs[0]!;
    if (options.json === true) {
      io.stdout(`${JSON.stringify({ directory: result.directory, plan: outcome.plan, summary: result.summary, manifest: result.manifest }, null, 2)}\n`);
      return 0;
    }
    if (options.quiet === true) return 0;
    const shard = settings.shard === null ? '' : ` (shard ${settings.shard.index}/${settings.shard.count}: runs ${outcome.plan.firstChunk * outcome.plan.chunkRuns}–${Math.min(outcome.plan.runs, outcome.plan.endChunk * outcome.plan.chunkRuns) - 1})`;
    if (result.summary !== null) io.stdout(formatBatchSummary(result.summary, `${design.scenario.name}, seed ${settings.seed}${shard}`));
    if (result.manifest !== null) {
      io.stdout(`\nWrote ${result.directory}/: ${result.manifest.files.map((f) => (f.rows === undefined ? f.file : `${f.file} (${f.rows.toLocaleString('en-US')} rows)`)).join(', ')}, manifest.json\n`);
    }
    if (outcome.runsSimulated > 0) {
      io.stdout(`${outcome.runsSimulated.toLocaleString('en-US')} runs in ${outcome.seconds.toFixed(1)} s: ${formatStatistic(outcome.runsSimulated / outcome.seconds)} runs/s, ${formatStatistic(outcome.firmPeriodsSimulated / outcome.seconds)} firm-periods/s, ${settings.workers} worker${settings.workers === 1 ? ' (in-process)' : 's'}\n`);
    } else {
      io.stdout('Nothing left to run: the batch was already complete.\n');
    }
    return 0;
  });
}
