/**
 * The batch protocol between the main thread and the workers. A pool is created with one `BatchSetup` as its
 * `workerData` (sent once per worker); each task is a `ChunkTask`; each result is one ArrayBuffer in the format of
 * io/chunkCodec.ts, moved (transferred) back.
 */
import type { Scenario } from '../model/scenario/schema.js';
import type { TableName } from '../io/tables.js';

export interface BatchDesignSetup {
  /** Short name of the design (`base`, a design file's name, a sweep point). */
  label: string;
  scenario: Scenario;
}

export interface BatchSetup {
  designs: BatchDesignSetup[];
  seed: number;
  /** Tables the workers encode, in `TABLES` order. */
  tables: TableName[];
}

export interface ChunkTask {
  design: number;
  chunk: number;
  firstRun: number;
  runCount: number;
}
