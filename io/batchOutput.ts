/**
 * The output directory of one batch (one design): a `TableFile` per table, written chunk by chunk in run order,
 * with the journal that makes the batch resumable. `summary.json` and `manifest.json` are added by the caller once
 * the tables are finished (`finishTables`); the journal is removed last (`complete`).
 *
 * A directory holds one batch. Opening refuses a directory with a complete batch (`manifest.json`) or with an
 * interrupted one (unless resuming), so nothing is overwritten by accident. Resuming a directory with no batch
 * starts one there; resuming a complete one does nothing.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Schema } from 'apache-arrow';
import { arrowSchema } from './arrowSchemas.js';
import { identityDifferences, JOURNAL_FILE, JournalWriter, readJournal, type BatchIdentity, type ChunkRecord, type ChunkTableRecord } from './batchJournal.js';
import type { DecodedChunk } from './chunkCodec.js';
import type { OutputCatalog } from './outputCatalog.js';
import type { WriterState } from './resumableFileWriter.js';
import { dictionariesById, sharedDictionaries } from './sharedDictionaries.js';
import { PARTIAL_SUFFIX, TableFile } from './tableFile.js';
import type { TableDefinition, TableName } from './tables.js';
import { toRecordBatch, type SharedDictionaries } from './toRecordBatch.js';

export const MANIFEST_FILE = 'manifest.json';
export const SUMMARY_FILE = 'summary.json';

export class BatchOutputError extends Error {
  override readonly name = 'BatchOutputError';
}

export interface BatchOutputOptions {
  directory: string;
  identity: BatchIdentity;
  tables: readonly TableDefinition[];
  catalog: OutputCatalog;
  /** The chunks this output receives, in order (global chunk indices; a shard has a contiguous slice). */
  chunks: readonly number[];
  /** Continue an interrupted batch in `directory` instead of starting one. */
  resume: boolean;
}

interface OpenTable {
  definition: TableDefinition;
  schema: Schema;
  /** Null once the table file is finished (also when a resumed batch found it finished). */
  file: TableFile | null;
  rows: number;
  dictionaryBlockCount: number;
  recordBatchBlockCount: number;
}

export interface FinishedTable {
  table: TableName;
  file: string;
  rows: number;
}

export class BatchOutput {
  private readonly tables: OpenTable[];
  private journal: JournalWriter | null;
  private readonly dictionaries: SharedDictionaries;
  /** Chunks already in the files (from the journal when resuming). */
  readonly completedChunks: number;
  /** True when resuming a directory whose batch is already complete (it has a manifest). */
  readonly alreadyComplete: boolean;

  private constructor(readonly options: BatchOutputOptions, tables: OpenTable[], journal: JournalWriter | null, dictionaries: SharedDictionaries, completedChunks: number, alreadyComplete: boolean) {
    this.tables = tables;
    this.journal = journal;
    this.dictionaries = dictionaries;
    this.completedChunks = completedChunks;
    this.alreadyComplete = alreadyComplete;
  }

  static open(options: BatchOutputOptions): BatchOutput {
    const { directory } = options;
    const journalPath = join(directory, JOURNAL_FILE);
    const dictionaries = sharedDictionaries(options.catalog);
    const fresh = (definition: TableDefinition): OpenTable => {
      const schema = arrowSchema(definition);
      return { definition, schema, file: TableFile.create(join(directory, definition.file), schema), rows: 0, dictionaryBlockCount: 0, recordBatchBlockCount: 0 };
    };

    // `--resume` with nothing to resume starts the batch, so that a cluster job can always pass it (a first attempt
    // and a requeued one run the same command).
    const startFresh = !options.resume || (!existsSync(journalPath) && !existsSync(join(directory, MANIFEST_FILE)));
    if (startFresh) {
      if (existsSync(join(directory, MANIFEST_FILE))) {
        throw new BatchOutputError(`${directory}: already holds a complete batch (${MANIFEST_FILE}); choose another --out directory or delete this one`);
      }
      if (existsSync(journalPath)) {
        throw new BatchOutputError(`${directory}: holds an interrupted batch; add --resume to complete it, or choose another --out directory`);
      }
      const clashes = options.tables.map((t) => t.file).filter((file) => existsSync(join(directory, file)) || existsSync(join(directory, file + PARTIAL_SUFFIX)));
      if (clashes.length > 0) throw new BatchOutputError(`${directory}: already has ${clashes.join(', ')}; choose another --out directory or delete them`);
      mkdirSync(directory, { recursive: true });
      const journal = JournalWriter.create(journalPath, options.identity);
      return new BatchOutput(options, options.tables.map(fresh), journal, dictionaries, 0, false);
    }

    if (!existsSync(journalPath)) {
      return new BatchOutput(options, [], null, dictionaries, options.chunks.length, true);
    }
    const contents = readJournal(journalPath);
    const differences = identityDifferences(contents.identity, options.identity);
    if (differences.length > 0) {
      throw new BatchOutputError(`${directory}: the interrupted batch was started with other settings, so it cannot be resumed with these:\n  ${differences.join('\n  ')}`);
    }
    const chunks = contents.chunks.slice(0, options.chunks.length);
    chunks.forEach((record, k) => {
      if (record.chunk !== options.chunks[k]) throw new BatchOutputError(`${journalPath}: chunk record ${k} is for chunk ${record.chunk}, expected ${options.chunks[k]}`);
    });
    const allDone = chunks.length === options.chunks.length;
    const tables = options.tables.map((definition): OpenTable => {
      if (chunks.length === 0) return fresh(definition);
      const schema = arrowSchema(definition);
      const state: WriterState = { position: 0, dictionaryBlocks: [], recordBatchBlocks: [] };
      let rows = 0;
      for (const record of chunks) {
        const table = record.tables[definition.name];
        if (table === undefined) throw new BatchOutputError(`${journalPath}: chunk ${record.chunk} has no record of table ${definition.name}`);
        state.position = table.position;
        state.dictionaryBlocks.push(...table.dictionaryBlocks);
        state.recordBatchBlocks.push(...table.recordBatchBlocks);
        rows += table.rows;
      }
      const path = join(directory, definition.file);
      const counts = { rows, dictionaryBlockCount: state.dictionaryBlocks.length, recordBatchBlockCount: state.recordBatchBlocks.length };
      if (existsSync(path + PARTIAL_SUFFIX)) {
        return { definition, schema, file: TableFile.resume(path, schema, state, dictionariesById(definition, dictionaries)), ...counts };
      }
      if (allDone && existsSync(path)) return { definition, schema, file: null, ...counts };
      throw new BatchOutputError(`${directory}: cannot resume: ${definition.file}${PARTIAL_SUFFIX} is missing`);
    });
    const journal = JournalWriter.rewrite(journalPath, { identity: contents.identity, chunks });
    return new BatchOutput(options, tables, journal, dictionaries, chunks.length, false);
  }

  /** Appends one chunk (the next in order) to every table, flushes the files, then journals it. */
  write(chunk: DecodedChunk): void {
    const record: ChunkRecord = { type: 'chunk', chunk: chunk.header.chunk, tables: {} };
    for (const table of this.tables) {
      const decoded = chunk.tables.get(table.definition.name);
      if (decoded === undefined) throw new BatchOutputError(`chunk ${chunk.header.chunk} has no table ${table.definition.name}`);
      if (table.file === null) throw new BatchOutputError(`${table.definition.file} is already finished`);
      table.file.write(toRecordBatch(table.definition, table.schema, decoded, this.dictionaries));
    }
    for (const table of this.tables) {
      const file = table.file!;
      file.sync();
      const state = file.state();
      const rows = chunk.tables.get(table.definition.name)!.rows;
      const entry: ChunkTableRecord = {
        position: state.position,
        dictionaryBlocks: state.dictionaryBlocks.slice(table.dictionaryBlockCount),
        recordBatchBlocks: state.recordBatchBlocks.slice(table.recordBatchBlockCount),
        rows,
      };
      table.dictionaryBlockCount = state.dictionaryBlocks.length;
      table.recordBatchBlockCount = state.recordBatchBlocks.length;
      table.rows += rows;
      record.tables[table.definition.name] = entry;
    }
    this.journal!.append(record);
  }

  /** Finishes every table file (footer, flush, rename to its final name). */
  finishTables(): FinishedTable[] {
    return this.tables.map((table) => {
      table.file?.finish();
      table.file = null;
      return { table: table.definition.name, file: table.definition.file, rows: table.rows };
    });
  }

  /** Removes the journal: the batch is complete (call after the manifest is written). */
  complete(): void {
    this.journal?.close();
    this.journal = null;
    rmSync(join(this.options.directory, JOURNAL_FILE), { force: true });
  }

  /** Closes everything without finishing; the directory stays resumable. */
  abandon(): void {
    for (const table of this.tables) table.file?.abandon();
    this.journal?.close();
    this.journal = null;
  }
}
