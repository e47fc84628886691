/**
 * `ets compare <base> --design a.yaml --design b.yaml --runs N`: runs the base scenario and each design (an overlay
 * on the base) on the same futures — same seed, same run ids, hence the same draws — and prints paired differences
 * (design − base, run by run) with confidence intervals for the key metrics: price, total cost, emissions, revenue,
 * compliance, and the burden of each sector. With `--out`, each design's batch is written to `<out>/<label>/` and
 * the comparison to `<out>/comparison.json`.
 */
import { mkdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Command } from 'commander';
import { pairedDifferences } from '../../io/pairedDifferences.js';
import { writeJsonAtomic } from '../../io/writeJsonAtomic.js';
import { createProgress } from '../../workers/progress.js';
import { runBatch, type BatchDesign } from '../../workers/runBatch.js';
import { addBatchOptions, parseBatchSettings, type BatchCliOptions } from '../batch/batchCliOptions.js';
import { withBatchErrors } from '../batch/batchErrorsToUsage.js';
import { formatComparison, type ComparisonRow } from '../batch/formatComparison.js';
import { loadDesign } from '../batch/loadDesign.js';
import type { RunFailedError } from '../../workers/batchErrors.js';
import type { CliIo } from '../cliIo.js';
import { UsageError } from '../usageError.js';

export interface CompareCommandOptions extends BatchCliOptions {
  design?: string[];
  /** Overlays applied to the base scenario first, hence part of every design (e.g. an uncertainty section). */
  with?: string[];
  out?: string;
  json?: boolean;
}

/** Key metrics of the comparison: [column of runs.arrow, label]. */
export const COMPARED_METRICS: readonly (readonly [string, string])[] = [
  ['meanPrice', 'price'],
  ['discountedComplianceCost', 'total cost'],
  ['discountedAbatementCost', 'abatement cost'],
  ['totalEmissions', 'emissions'],
  ['auctionRevenue', 'revenue'],
  ['complianceRate', 'compliance'],
];

/** Labels from file names (`designs/no-banking.yaml` → `no-banking`), made unique. */
export function designLabels(files: readonly string[]): string[] {
  const labels: string[] = [];
  for (const file of files) {
    const stem = basename(file, extname(file)).replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^[^A-Za-z0-9]+/, '') || 'design';
    let label = stem === 'base' ? 'base-design' : stem;
    for (let k = 2; labels.includes(label); k++) label = `${stem}-${k}`;
    labels.push(label);
  }
  return labels;
}

export async function compareCommand(baseFile: string, options: CompareCommandOptions, io: CliIo): Promise<number> {
  const settings = parseBatchSettings(options);
  const files = options.design ?? [];
  if (files.length === 0) throw new UsageError('compare needs at least one --design file to compare with the base scenario');
  const common = options.with ?? [];
  const designs: BatchDesign[] = [await loadDesign('base', baseFile, common)];
  const labels = designLabels(files);
  for (const [k, file] of files.entries()) designs.push(await loadDesign(labels[k]!, baseFile, [...common, file]));
  const reproduce = (failure: RunFailedError): string => {
    const overlays = [...common, ...(failure.design === 'base' ? [] : [files[labels.indexOf(failure.design)]!])];
    return `ets run ${baseFile}${overlays.length === 0 ? '' : ` --design ${overlays.join(' ')}`} --seed ${failure.seed} --run ${failure.run}`;
  };
  return withBatchErrors(io, reproduce, async () => {
    const outcome = await runBatch({
      designs, seed: settings.seed, runs: settings.runs, workers: settings.workers,
      ...(settings.chunkRuns === undefined ? {} : { chunkRuns: settings.chunkRuns }),
      details: settings.details, out: options.out ?? null, collect: true,
      progress: createProgress({ mode: settings.progress }), confidenceLevel: settings.confidenceLevel,
    });
    const base = outcome.designs[0]!;
    const currency = designs[0]!.scenario.currency;
    const rows: ComparisonRow[] = [];
    for (const result of outcome.designs.slice(1)) {
      for (const [metric, label] of COMPARED_METRICS) {
        const unit = base.summary!.metrics[metric]!.unit;
        rows.push({
          design: result.label, metric: `${label} (${metric})`, unit,
          baseMean: base.summary!.metrics[metric]!.mean, designMean: result.summary!.metrics[metric]!.mean,
          difference: pairedDifferences(base.metrics!.metrics[metric]!, result.metrics!.metrics[metric]!, settings.confidenceLevel),
        });
      }
      for (const sector of Object.keys(base.metrics!.sectors)) {
        const designSector = result.metrics!.sectors[sector];
        if (designSector === undefined) continue;
        rows.push({
          design: result.label, metric: `cost of ${sector}`, unit: currency,
          baseMean: base.summary!.sectors[sector]!.discountedTotalCost!.mean, designMean: result.summary!.sectors[sector]!.discountedTotalCost!.mean,
          difference: pairedDifferences(base.metrics!.sectors[sector]!.discountedTotalCost!, designSector.discountedTotalCost!, settings.confidenceLevel),
        });
      }
    }
    const comparison = { format: 'ets-comparison/1', base: baseFile, designs: files, seed: settings.seed, runs: settings.runs, confidenceLevel: settings.confidenceLevel, rows };
    if (options.out !== undefined) {
      mkdirSync(options.out, { recursive: true });
      writeJsonAtomic(join(options.out, 'comparison.json'), comparison);
    }
    if (options.json === true) io.stdout(`${JSON.stringify(comparison, null, 2)}\n`);
    else if (options.quiet !== true) {
      const title = `Paired differences, design − base, on the same ${settings.runs.toLocaleString('en-US')} futures (seed ${settings.seed}); costs discounted, cost of a sector = abatement + credits + penalties + net allowance payments`;
      io.stdout(formatComparison(rows, title, settings.confidenceLevel));
      if (options.out !== undefined) io.stdout(`\nWrote ${options.out}/: ${outcome.designs.map((d) => `${d.label}/`).join(', ')}, comparison.json\n`);
    }
    return 0;
  });
}

export function registerCompareCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const command = program
    .command('compare')
    .description('Run designs on the same uncertain futures and print paired differences against the base scenario, with confidence intervals.')
    .argument('<base>', 'base scenario file (.yaml, .yml or .json)')
    .option('-d, --design <overlay>', 'a design overlay to compare with the base (repeat for several designs)', (value: string, previous: string[] = []) => [...previous, value])
    .option('--with <overlay...>', 'overlays applied to the base first, so every design includes them (e.g. scenarios/uncertainty/default-uncertainty.yaml)')
    .option('-o, --out <dir>', 'write each design\'s batch to <dir>/<design>/ and the comparison to <dir>/comparison.json')
    .option('--json', 'print the comparison as JSON')
    .option('-q, --quiet', 'print nothing on success');
  addBatchOptions(command, { runsRequired: true })
    .addHelpText('after', `
Example:
  $ ets compare scenarios/default.yaml --with scenarios/uncertainty/default-uncertainty.yaml \\
      --design scenarios/designs/auction.yaml --design scenarios/designs/no-banking.yaml --runs 1000 --seed 1`)
    .action(async (baseFile: string, options: CompareCommandOptions) => {
      setExitCode(await compareCommand(baseFile, options, io));
    });
}
