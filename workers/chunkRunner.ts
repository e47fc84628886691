/**
 * Runs one chunk of a batch: for each run, realize the uncertain inputs, simulate, and encode the rows into columns;
 * returns the chunk message (io/chunkCodec.ts). The same code runs inside a pool worker and in-process
 * (`--workers 1`), so both produce identical bytes. A run that throws ends the chunk with a failure naming the run
 * and the seed.
 */
import { simulate } from '../model/engine/simulate.js';
import { Realization } from '../model/uncertainty/realizeScenario.js';
import { encodeChunk, type RunFailure } from '../io/chunkCodec.js';
import { ChunkTables } from '../io/encodeRuns.js';
import { outputCatalog, type OutputCatalog } from '../io/outputCatalog.js';
import { TransactionRecorder } from '../io/transactionRecorder.js';
import { tableDefinition, type TableDefinition } from '../io/tables.js';
import type { BatchSetup, ChunkTask } from './batchSetup.js';

interface PreparedDesign {
  label: string;
  realization: Realization;
  catalog: OutputCatalog;
  discountRate: number;
}

export class ChunkRunner {
  private readonly prepared = new Map<number, PreparedDesign>();
  private readonly tables: TableDefinition[];
  private readonly recordTransactions: boolean;

  constructor(private readonly setup: BatchSetup) {
    this.tables = setup.tables.map(tableDefinition);
    this.recordTransactions = setup.tables.includes('transactions');
  }

  private design(index: number): PreparedDesign {
    let design = this.prepared.get(index);
    if (design === undefined) {
      const spec = this.setup.designs[index];
      if (spec === undefined) throw new RangeError(`no design ${index} in this batch`);
      design = { label: spec.label, realization: new Realization(spec.scenario), catalog: outputCatalog(spec.scenario), discountRate: spec.scenario.discountRate };
      this.prepared.set(index, design);
    }
    return design;
  }

  run(task: ChunkTask): ArrayBuffer {
    const design = this.design(task.design);
    const { seed } = this.setup;
    const tables = new ChunkTables(design.catalog, this.tables, task.runCount);
    const base = { design: task.design, chunk: task.chunk, firstRun: task.firstRun, runCount: task.runCount };
    const firmCount = design.catalog.values.firm.length;
    const schemeCount = design.catalog.values.scheme.length;
    for (let run = task.firstRun; run < task.firstRun + task.runCount; run++) {
      try {
        const scenario = design.realization.realize(seed, run);
        const recorder = this.recordTransactions ? new TransactionRecorder(firmCount, schemeCount) : null;
        const result = simulate(scenario, recorder === null ? { seed } : { seed, ledger: recorder });
        tables.addRun(seed, run, result, design.discountRate, recorder);
      } catch (error) {
        const failure: RunFailure = {
          run, seed, design: design.label,
          errorName: error instanceof Error ? error.name : typeof error,
          message: error instanceof Error ? error.message : String(error),
          stack: error instanceof Error ? (error.stack ?? '') : '',
        };
        return encodeChunk(base, null, failure);
      }
    }
    return encodeChunk(base, tables);
  }
}
