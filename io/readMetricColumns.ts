/**
 * Reads the run-level metrics (runs.arrow) and the sector metrics (sectors.arrow) of an output directory in one pass
 * per file, into one Float64Array per metric (and per sector): 8 bytes per value, never a copy of the files. Sector
 * metrics can be read a few at a time (one pass each) to bound memory further.
 */
import { join } from 'node:path';
import { ColumnBuffer } from './columnBuffer.js';
import { ArrowFileError, readRecordBatches } from './readArrowFile.js';
import { RUNS_TABLE, SECTORS_TABLE } from './tables.js';

export interface RunMetricColumns {
  /** Run id of each row. */
  runs: Float64Array;
  /** Metric → value of each row. */
  metrics: Record<string, Float64Array>;
}

export interface SectorMetricColumns {
  /** Sectors in order of first appearance. */
  sectors: string[];
  bySector: Record<string, RunMetricColumns>;
}

const FLOAT_RUN_METRICS = RUNS_TABLE.columns.filter((c) => c.kind === 'float64').map((c) => c.name);
const FLOAT_SECTOR_METRICS = SECTORS_TABLE.columns.filter((c) => c.kind === 'float64').map((c) => c.name);

function numbers(batchColumn: { toArray(): unknown } | null, path: string, name: string): ArrayLike<number> {
  if (batchColumn === null) throw new ArrowFileError(`${path}: no column "${name}"`);
  return batchColumn.toArray() as ArrayLike<number>;
}

function append(buffer: ColumnBuffer, values: ArrayLike<number>): void {
  for (let k = 0; k < values.length; k++) buffer.push(values[k]!);
}

function finish(runs: ColumnBuffer, metrics: Map<string, ColumnBuffer>): RunMetricColumns {
  return {
    runs: Float64Array.from(runs.values()),
    metrics: Object.fromEntries([...metrics].map(([name, buffer]) => [name, (buffer.values() as Float64Array).slice()])),
  };
}

export async function readRunMetrics(directory: string): Promise<RunMetricColumns> {
  const path = join(directory, RUNS_TABLE.file);
  const runs = new ColumnBuffer('float64');
  const metrics = new Map(FLOAT_RUN_METRICS.map((name) => [name, new ColumnBuffer('float64')]));
  for await (const batch of readRecordBatches(path)) {
    append(runs, numbers(batch.getChild('run'), path, 'run'));
    for (const [name, buffer] of metrics) append(buffer, numbers(batch.getChild(name), path, name));
  }
  return finish(runs, metrics);
}

/** The sector metrics `names` (all by default): read fewer at a time to need less memory. */
export async function readSectorMetrics(directory: string, names: readonly string[] = FLOAT_SECTOR_METRICS): Promise<SectorMetricColumns> {
  const path = join(directory, SECTORS_TABLE.file);
  const sectors: string[] = [];
  const buffers = new Map<string, { runs: ColumnBuffer; metrics: Map<string, ColumnBuffer> }>();
  for await (const batch of readRecordBatches(path)) {
    const sectorColumn = batch.getChild('sector');
    if (sectorColumn === null || sectorColumn.data.length !== 1) throw new ArrowFileError(`${path}: no single-chunk column "sector"`);
    const data = sectorColumn.data[0]!;
    const dictionary = data.dictionary;
    if (dictionary === undefined) throw new ArrowFileError(`${path}: column "sector" is not dictionary-encoded`);
    // Local dictionary index → the sector's buffers.
    const local = Array.from({ length: dictionary.length }, (_, k) => {
      const sector = String(dictionary.get(k));
      let entry = buffers.get(sector);
      if (entry === undefined) {
        entry = { runs: new ColumnBuffer('float64'), metrics: new Map(names.map((name) => [name, new ColumnBuffer('float64')])) };
        buffers.set(sector, entry);
        sectors.push(sector);
      }
      return entry;
    });
    const indices = data.values as Int32Array;
    const runIds = numbers(batch.getChild('run'), path, 'run');
    const columns = names.map((name) => [name, numbers(batch.getChild(name), path, name)] as const);
    for (let row = 0; row < batch.numRows; row++) {
      const entry = local[indices[data.offset + row]!]!;
      entry.runs.push(runIds[row]!);
      for (const [name, values] of columns) entry.metrics.get(name)!.push(values[row]!);
    }
  }
  // Order sectors as the scenario does (first appearance), which is the order of the dictionary.
  return { sectors, bySector: Object.fromEntries(sectors.map((sector) => [sector, finish(buffers.get(sector)!.runs, buffers.get(sector)!.metrics)])) };
}
