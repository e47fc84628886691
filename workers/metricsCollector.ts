/**
 * Keeps the run-level metrics and the sector costs of every run of a batch in memory (a few numbers per run), for
 * `ets compare` and `ets sweep`, which need paired values per run rather than files. Filled from chunk messages
 * as they arrive, or read back from a finished output directory.
 */
import type { DecodedChunk } from '../io/chunkCodec.js';
import { readRunMetrics, readSectorMetrics } from '../io/readMetricColumns.js';
import { SUMMARY_RUN_METRICS, SUMMARY_SECTOR_METRICS } from '../io/batchSummary.js';
import { RUNS_TABLE, SECTORS_TABLE } from '../io/tables.js';

export interface CollectedMetrics {
  /** First run held (a shard's first run) and the number of runs. */
  firstRun: number;
  runCount: number;
  /** Metric name → value per run (index run − firstRun). */
  metrics: Record<string, Float64Array>;
  /** Sector → metric name → value per run. */
  sectors: Record<string, Record<string, Float64Array>>;
}

export function emptyMetrics(firstRun: number, runCount: number, sectors: readonly string[]): CollectedMetrics {
  const metrics: Record<string, Float64Array> = {};
  for (const column of SUMMARY_RUN_METRICS) metrics[column.name] = new Float64Array(runCount).fill(Number.NaN);
  const bySector: Record<string, Record<string, Float64Array>> = {};
  for (const sector of sectors) {
    bySector[sector] = {};
    for (const column of SUMMARY_SECTOR_METRICS) bySector[sector]![column.name] = new Float64Array(runCount).fill(Number.NaN);
  }
  return { firstRun, runCount, metrics, sectors: bySector };
}

/** Copies the runs and sectors tables of one chunk into `into`. */
export function collectChunk(into: CollectedMetrics, chunk: DecodedChunk, sectors: readonly string[]): void {
  const runs = chunk.tables.get('runs');
  const sectorTable = chunk.tables.get('sectors');
  if (runs === undefined || sectorTable === undefined) throw new RangeError('collecting metrics needs the runs and sectors tables');
  const runColumn = runs.columns[RUNS_TABLE.columns.findIndex((c) => c.name === 'run')] as Uint32Array;
  for (const column of SUMMARY_RUN_METRICS) {
    const values = runs.columns[RUNS_TABLE.columns.indexOf(column)] as Float64Array;
    for (let k = 0; k < runs.rows; k++) into.metrics[column.name]![runColumn[k]! - into.firstRun] = values[k]!;
  }
  const sectorRun = sectorTable.columns[SECTORS_TABLE.columns.findIndex((c) => c.name === 'run')] as Uint32Array;
  const sectorIndex = sectorTable.columns[SECTORS_TABLE.columns.findIndex((c) => c.name === 'sector')] as Int32Array;
  for (const column of SUMMARY_SECTOR_METRICS) {
    const values = sectorTable.columns[SECTORS_TABLE.columns.indexOf(column)] as Float64Array;
    for (let k = 0; k < sectorTable.rows; k++) {
      into.sectors[sectors[sectorIndex[k]!]!]![column.name]![sectorRun[k]! - into.firstRun] = values[k]!;
    }
  }
}

/** The same numbers read back from a finished output directory. */
export async function readMetrics(directory: string): Promise<CollectedMetrics> {
  const runs = await readRunMetrics(directory);
  const sectors = await readSectorMetrics(directory);
  const firstRun = runs.runs.length > 0 ? runs.runs[0]! : 0;
  const collected = emptyMetrics(firstRun, runs.runs.length, sectors.sectors);
  for (const column of SUMMARY_RUN_METRICS) {
    runs.metrics[column.name]!.forEach((value, k) => { collected.metrics[column.name]![runs.runs[k]! - firstRun] = value; });
  }
  for (const sector of sectors.sectors) {
    const source = sectors.bySector[sector]!;
    for (const column of SUMMARY_SECTOR_METRICS) {
      source.metrics[column.name]!.forEach((value, k) => { collected.sectors[sector]![column.name]![source.runs[k]! - firstRun] = value; });
    }
  }
  return collected;
}
