/**
 * The batch options shared by `ets run` (with `--runs`), `ets compare` and `ets sweep`, parsed from the command
 * line's strings with messages that name the option. Defaults: seed 0 (a fixed default, so two batches without
 * --seed see the same futures), workers = the machine's cores, chunk size from the scenario's size.
 */
import { availableParallelism } from 'node:os';
import { Option, type Command } from 'commander';
import { ChunkPlanError, parseShard, type Shard } from '../../workers/chunkPlan.js';
import type { Detail } from '../../io/tables.js';
import type { ProgressMode } from '../../workers/progress.js';
import { UsageError } from '../usageError.js';

export interface BatchCliOptions {
  runs?: string;
  seed?: string;
  workers?: string;
  chunkRuns?: string;
  detail?: string[];
  shard?: string;
  resume?: boolean;
  progress?: string;
  quiet?: boolean;
  confidence?: string;
}

export interface BatchSettings {
  runs: number;
  seed: number;
  workers: number;
  chunkRuns: number | undefined;
  details: Detail[];
  shard: Shard | null;
  resume: boolean;
  progress: ProgressMode;
  confidenceLevel: number;
}

export const DEFAULT_SEED = 0;
const DETAILS: readonly Detail[] = ['firms', 'transactions'];

export function parseInteger(option: string, text: string, min: number, max: number): number {
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${option} must be an integer from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}, got "${text}"`);
  }
  return value;
}

/** Adds the options of a batch to a command (`shardAndResume`: `--shard` and `--resume`, for `ets run`). */
export function addBatchOptions(command: Command, { runsRequired = false, shardAndResume = false, details = true } = {}): Command {
  const runs = new Option('-n, --runs <n>', 'number of Monte Carlo runs (each draws the scenario\'s uncertain inputs afresh)');
  if (runsRequired) runs.makeOptionMandatory();
  command
    .addOption(runs)
    .option('-s, --seed <s>', `seed of the batch, 0 … 4294967295 (default ${DEFAULT_SEED}); run r of seed s sees the same future in every design`)
    .option('-w, --workers <w>', `worker threads; 1 runs in-process (default: the machine's cores, ${availableParallelism()} here); the output is identical for any value`)
    .option('--chunk-runs <n>', 'runs per chunk (one task and one record batch per table); default from the scenario\'s size')
    .option('--confidence <level>', 'confidence level of the intervals, e.g. 0.95 (default) or 0.9')
    .option('--progress <mode>', 'progress on stderr: auto (a bar on a terminal, plain lines otherwise), bar, lines or quiet', 'auto');
  if (details) command.option('--detail <table...>', 'also write opt-in tables: firms (run × period × firm), transactions (every ledger operation)');
  if (shardAndResume) {
    command
      .option('--shard <i/n>', 'run only slice i of n (1 ≤ i ≤ n) of the batch, e.g. as a Slurm array job; join the slices with ets merge')
      .option('--resume', 'complete the interrupted batch in --out (after Ctrl-C, kill -9 or a lost node; the result equals an uninterrupted run), or start it there if there is none');
  }
  return command;
}

export function parseBatchSettings(options: BatchCliOptions): BatchSettings {
  if (options.runs === undefined) throw new UsageError('--runs is required for a batch');
  const details = (options.detail ?? []).map((name) => {
    if (!DETAILS.includes(name as Detail)) throw new UsageError(`--detail: unknown table "${name}"; choose from ${DETAILS.join(', ')}`);
    return name as Detail;
  });
  let shard: Shard | null = null;
  if (options.shard !== undefined) {
    try {
      shard = parseShard(options.shard);
    } catch (error) {
      if (error instanceof ChunkPlanError) throw new UsageError(error.message, { cause: error });
      throw error;
    }
  }
  const progress = options.quiet === true ? 'quiet' : options.progress ?? 'auto';
  if (!['auto', 'bar', 'lines', 'quiet'].includes(progress)) throw new UsageError(`--progress must be auto, bar, lines or quiet, got "${progress}"`);
  let confidenceLevel = 0.95;
  if (options.confidence !== undefined) {
    confidenceLevel = Number(options.confidence);
    if (!(confidenceLevel > 0 && confidenceLevel < 1)) throw new UsageError(`--confidence must be a number between 0 and 1 (e.g. 0.95), got "${options.confidence}"`);
  }
  return {
    runs: parseInteger('--runs', options.runs, 1, 100_000_000),
    seed: options.seed === undefined ? DEFAULT_SEED : parseInteger('--seed', options.seed, 0, 0xffffffff),
    workers: options.workers === undefined ? availableParallelism() : parseInteger('--workers', options.workers, 1, 256),
    chunkRuns: options.chunkRuns === undefined ? undefined : parseInteger('--chunk-runs', options.chunkRuns, 1, 1_000_000),
    details,
    shard,
    resume: options.resume === true,
    progress: progress as ProgressMode,
    confidenceLevel,
  };
}
