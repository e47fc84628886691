/**
 * One case of the batch benchmark, run in its own process (so that its peak memory is its own): a batch of the
 * given size and worker count writing Arrow output to a temporary directory, removed afterwards. Prints one JSON
 * line with the measured figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Detail } from '../io/tables.js';
import { runBatch } from '../workers/runBatch.js';
import { benchScenario, type BenchSize } from './benchScenarios.js';

export interface CaseFigures {
  size: BenchSize;
  workers: number;
  runs: number;
  firms: number;
  periods: number;
  seconds: number;
  runsPerSecond: number;
  firmPeriodsPerSecond: number;
  /** Peak resident memory of the process (main thread and workers), MiB. */
  peakMiB: number;
  firmRows: number;
  details: Detail[];
}

export async function benchCase(root: string, size: BenchSize, workers: number, runs: number, details: Detail[]): Promise<CaseFigures> {
  const scenario = benchScenario(root, size);
  const out = mkdtempSync(join(tmpdir(), `ets-bench-${size}-`));
  try {
    const outcome = await runBatch({
      designs: [{ label: size, scenario, source: { file: `bench:${size}`, fileSha256: null } }],
      seed: 1, runs, workers, out, details,
    });
    const firms = scenario.firms.length + scenario.firmTemplates.reduce((n, t) => n + t.count, 0);
    const firmRows = outcome.designs[0]!.manifest!.files.find((f) => f.table === 'firms')?.rows ?? 0;
    return {
      size, workers, runs, firms, periods: scenario.periods.count,
      seconds: outcome.seconds,
      runsPerSecond: outcome.runsSimulated / outcome.seconds,
      firmPeriodsPerSecond: outcome.firmPeriodsSimulated / outcome.seconds,
      peakMiB: process.resourceUsage().maxRSS / 1024,
      firmRows, details,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
