/**
 * `ets run <scenario>`: load a scenario (with design overlays), simulate it, print a summary or JSON, and with
 * `--out` write `result.json`.
 *
 * Structure for what comes next: batch options (`--runs`, `--seed`, `--workers`, `--resume`) join `RunCommandOptions`
 * and `registerRunCommand`; `runCommand` then dispatches to a batch runner when `runs` > 1. Loading and validation
 * (`loadScenarioFile`) and output-directory checks (`prepareOutDir`) are shared by both paths.
 */
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { RunResult } from '../../model/engine/runResult.js';
import { simulate } from '../../model/engine/simulate.js';
import { ConfigurationError } from '../../model/engine/configurationError.js';
import type { Scenario } from '../../model/scenario/schema.js';
import type { CliIo } from '../cliIo.js';
import { formatSummary } from '../formatSummary.js';
import { loadScenarioFile } from '../loadScenarioFile.js';
import { UsageError } from '../usageError.js';
import { writeFileAtomic } from '../writeFileAtomic.js';
import { addBatchOptions } from '../batch/batchCliOptions.js';
import { isBatchRequest, runBatchCommand, selectRun, type RunBatchCommandOptions } from '../batch/runBatchCommand.js';

export interface RunCommandOptions extends RunBatchCommandOptions {
  /** Design overlay files, applied in order. */
  design?: string[];
  /** Directory for `result.json`; created if missing. */
  out?: string;
  /** Print the RunResult as JSON on stdout instead of the summary. */
  json?: boolean;
  /** Print nothing on success. */
  quiet?: boolean;
}

/** File name of the run result inside `--out`. */
export const RESULT_FILE = 'result.json';

/** Fails early, before any work, when `--out` names something that is not a directory. */
async function checkOutDir(out: string): Promise<void> {
  try {
    const info = await stat(out);
    if (!info.isDirectory()) throw new UsageError(`--out ${out}: exists and is not a directory`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--out ${out}: cannot be used (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
}

async function writeResult(out: string, result: RunResult): Promise<string> {
  const file = join(out, RESULT_FILE);
  try {
    await mkdir(out, { recursive: true });
    await writeFileAtomic(file, `${JSON.stringify(result, null, 2)}\n`);
  } catch (error) {
    throw new UsageError(`--out ${out}: could not write ${RESULT_FILE} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
  return file;
}

/** JavaScript's own error classes: a failure with one of these names is a bug, reported with its stack. */
const BUG_ERROR_NAMES = new Set(['Error', 'TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'EvalError', 'URIError']);

/**
 * An exception from the engine. A `ConfigurationError` (a problem the scenario checks could not see, such as a link
 * topology the solver does not support) is the user's: exit 2, no stack. Other named domain
 * errors (an infeasible market) exit 1 with their message; anything else is a bug and also prints its stack.
 */
function reportSimulationFailure(error: unknown, scenarioFile: string, options: RunCommandOptions, io: CliIo): number {
  const files = [scenarioFile, ...(options.design ?? [])].join(' + ');
  if (error instanceof ConfigurationError) {
    io.stderr(`error: ${files}: ${error.message}\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  const bug = !(error instanceof Error) || BUG_ERROR_NAMES.has(error.name);
  const stack = bug && error instanceof Error && error.stack !== undefined ? `\n${error.stack}` : '';
  io.stderr(`error: the simulation of ${files} failed: ${message}${stack}\n`);
  return 1;
}

/**
 * Runs the command; returns the exit code. Scenario and usage errors propagate (main prints them and exits 2);
 * an exception from the simulation is reported here with its stack and exits 1. Nothing is written unless the
 * run succeeded.
 */
export async function runCommand(scenarioFile: string, options: RunCommandOptions, io: CliIo): Promise<number> {
  if (isBatchRequest(options)) return runBatchCommand(scenarioFile, options, io);
  const scenario: Scenario = selectRun(await loadScenarioFile(scenarioFile, { designs: options.design ?? [] }), options);
  if (options.out !== undefined) await checkOutDir(options.out);

  let result: RunResult;
  try {
    result = simulate(scenario);
  } catch (error) {
    return reportSimulationFailure(error, scenarioFile, options, io);
  }

  const written = options.out === undefined ? undefined : await writeResult(options.out, result);
  if (options.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else if (!options.quiet) {
    io.stdout(formatSummary(result, scenario));
    if (written !== undefined) io.stdout(`\nResult written to ${written}\n`);
  }
  return 0;
}

export function registerRunCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const command = program
    .command('run')
    .description('Simulate one scenario, optionally with design overlays, and print a summary per scheme and period.')
    .argument('<scenario>', 'scenario file (.yaml, .yml or .json)')
    .option('-d, --design <overlay...>', 'design overlay files applied in order on top of the scenario (see README, "Design overlays")')
    .option('-o, --out <dir>', `write ${RESULT_FILE} (the full run result) into this directory, created if needed`)
    .option('--json', 'print the run result as JSON on stdout instead of the summary')
    .option('-q, --quiet', 'print nothing on success (errors still go to stderr)')
    .addHelpText(
      'after',
      `
Examples:
  $ ets run scenarios/default.yaml
  $ ets run scenarios/default.yaml --design scenarios/designs/auction.yaml --out output/auction
  $ ets run scenarios/default.yaml --json --quiet > result.json

Overlays listed after --design are applied in the order given. Exit codes: 0 success, 1 the simulation failed,
2 a problem with the scenario, a file or an option (nothing is written).`,
    )
    .action(async (scenarioFile: string, options: RunCommandOptions) => {
      setExitCode(await runCommand(scenarioFile, options, io));
    });
  addBatchRunOptions(command);
}

/** Batch flags of `ets run` (Monte Carlo runs on a worker pool; see cli/batch/runBatchCommand.ts). */
function addBatchRunOptions(command: Command): void {
  addBatchOptions(command, { shardAndResume: true })
    .option('--run <r>', 're-run only run r of the batch with --seed (to reproduce a run a batch reported as failed)')
    .addHelpText(
      'after',
      `
Batches (Monte Carlo): with --runs, the scenario's uncertainty section is drawn afresh for each run, on a pool of
worker threads. With --out the results are written as Arrow files (docs/output-schema.md) with manifest.json and
summary.json; without it only the summary is printed.
  $ ets run scenarios/default.yaml --design scenarios/uncertainty/default-uncertainty.yaml --runs 10000 --seed 42 --out output/mc
  … add --resume to complete it after an interruption, --shard 3/8 --out output/mc-3 to run one slice of 8 (join
  the slices with ets merge), --detail firms for firm-level rows. Guide: docs/batches.md.`,
    );
}
