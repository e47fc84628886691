/**
 * `ets sweep <scenario> --param path=v1,v2,… [--param …] --runs N`: runs every point of a parameter grid on the same
 * futures and prints, per point, the mean and confidence interval of the key metrics. Each point is the scenario
 * with an overlay setting its values, validated whole. With `--out`, point k's batch goes to `<out>/p00k/` and the
 * grid with each point's summary to `<out>/sweep.json`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { writeJsonAtomic } from '../../io/writeJsonAtomic.js';
import { composeScenario, type ScenarioSource } from '../../model/scenario/composeScenario.js';
import { createProgress } from '../../workers/progress.js';
import { runBatch, type BatchDesign } from '../../workers/runBatch.js';
import { addBatchOptions, parseBatchSettings, type BatchCliOptions } from '../batch/batchCliOptions.js';
import { withBatchErrors } from '../batch/batchErrorsToUsage.js';
import { formatInterval, formatStatistic } from '../batch/formatBatchSummary.js';
import { fileSha256 } from '../batch/loadDesign.js';
import { parseParameter, sweepPoints } from '../batch/sweepGrid.js';
import type { RunFailedError } from '../../workers/batchErrors.js';
import type { CliIo } from '../cliIo.js';
import { formatTable } from '../formatTable.js';
import { readDataFile } from '../loadScenarioFile.js';
import { COMPARED_METRICS } from './compare.js';

export interface SweepCommandOptions extends BatchCliOptions {
  param?: string[];
  /** Overlays applied to the scenario before the grid values (e.g. an uncertainty section). */
  with?: string[];
  out?: string;
  json?: boolean;
}

export async function sweepCommand(scenarioFile: string, options: SweepCommandOptions, io: CliIo): Promise<number> {
  const settings = parseBatchSettings(options);
  const points = sweepPoints((options.param ?? []).map(parseParameter));
  const base = await readDataFile(scenarioFile);
  const overlays: ScenarioSource[] = [];
  for (const file of options.with ?? []) overlays.push(await readDataFile(file));
  const designs: BatchDesign[] = points.map((point) => ({
    label: point.label,
    scenario: composeScenario(base, [...overlays, { file: `--param (${point.label})`, data: point.overlay }]),
    source: { file: scenarioFile, fileSha256: fileSha256(scenarioFile) },
    overlays: (options.with ?? []).map((file) => ({ file, sha256: fileSha256(file) ?? '' })),
    parameters: point.values,
  }));
  const withFiles = options.with ?? [];
  const reproduce = (failure: RunFailedError): string =>
    `ets run ${scenarioFile}${withFiles.length === 0 ? '' : ` --design ${withFiles.join(' ')}`} --seed ${failure.seed} --run ${failure.run}   # with the values of point ${failure.design}: see sweep.json`;
  return withBatchErrors(io, reproduce, async () => {
    const outcome = await runBatch({
      designs, seed: settings.seed, runs: settings.runs, workers: settings.workers,
      ...(settings.chunkRuns === undefined ? {} : { chunkRuns: settings.chunkRuns }),
      details: settings.details, out: options.out ?? null, collect: options.out === undefined,
      progress: createProgress({ mode: settings.progress }), confidenceLevel: settings.confidenceLevel,
    });
    const result = {
      format: 'ets-sweep/1', scenario: scenarioFile, seed: settings.seed, runs: settings.runs, confidenceLevel: settings.confidenceLevel,
      points: points.map((point, k) => ({ label: point.label, values: point.values, summary: outcome.designs[k]!.summary })),
    };
    if (options.out !== undefined) {
      mkdirSync(options.out, { recursive: true });
      writeJsonAtomic(join(options.out, 'sweep.json'), result);
    }
    if (options.json === true) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else if (options.quiet !== true) {
      const paths = Object.keys(points[0]!.values);
      const level = `${Math.round(settings.confidenceLevel * 1000) / 10} %`;
      const columns = [{ header: 'point' }, ...paths.map((path) => ({ header: path })), ...COMPARED_METRICS.map(([metric, label]) => ({ header: `${label} (${outcome.designs[0]!.summary!.metrics[metric]!.unit})`, align: 'right' as const }))];
      const rows = result.points.map((point) => [point.label, ...paths.map((path) => String(point.values[path])),
        ...COMPARED_METRICS.map(([metric]) => {
          const m = point.summary!.metrics[metric]!;
          return `${formatStatistic(m.mean)} ${formatInterval(m.ciLow, m.ciHigh)}`;
        })]);
      io.stdout(`Sweep of ${points.length} points × ${settings.runs.toLocaleString('en-US')} runs (seed ${settings.seed}; every point sees the same futures); mean [${level} CI]\n`);
      io.stdout(formatTable(columns, rows, '  '));
      if (options.out !== undefined) io.stdout(`\nWrote ${options.out}/: ${points.length} point directories, sweep.json\n`);
    }
    return 0;
  });
}

export function registerSweepCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const command = program
    .command('sweep')
    .description('Run a grid of parameter values on the same uncertain futures and print the key metrics per point.')
    .argument('<scenario>', 'scenario file (.yaml, .yml or .json)')
    .option('-p, --param <path=values>', 'a parameter and its values, e.g. schemes[gx].priceControls.floor.price=1000,2000 (repeat for a grid)', (value: string, previous: string[] = []) => [...previous, value])
    .option('--with <overlay...>', 'overlays applied to the scenario before the grid values (e.g. scenarios/uncertainty/default-uncertainty.yaml)')
    .option('-o, --out <dir>', 'write each point\'s batch to <dir>/<point>/ and the grid to <dir>/sweep.json')
    .option('--json', 'print the grid and each point\'s summary as JSON')
    .option('-q, --quiet', 'print nothing on success');
  addBatchOptions(command, { runsRequired: true })
    .addHelpText('after', `
Example:
  $ ets sweep scenarios/default.yaml --param 'schemes[gx].priceControls.floor.price=1000,1700,2500' --param 'schemes[gx].banking.mode=none,unlimited' --runs 500`)
    .action(async (scenarioFile: string, options: SweepCommandOptions) => {
      setExitCode(await sweepCommand(scenarioFile, options, io));
    });
}
