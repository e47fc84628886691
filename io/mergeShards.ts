/**
 * `ets merge`: joins the outputs of the shards of one batch (`--shard i/n`, run as separate jobs) into one output
 * equal to the batch run whole — byte for byte, since every shard wrote whole chunks of the same chunk plan.
 *
 * Checks before writing anything: every shard directory holds a finished, intact shard (its manifest verifies),
 * all shards belong to the same batch (identical identity apart from the shard), and shards 1 … n are each there
 * exactly once. The merged summary is recomputed from the merged files.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeData, RecordBatch, Struct, type Data, type Dictionary, type RecordBatch as Batch, type Schema, type Utf8, type Vector } from 'apache-arrow';
import { arrowSchema } from './arrowSchemas.js';
import { MANIFEST_FILE, SUMMARY_FILE, type FinishedTable } from './batchOutput.js';
import { batchSummary } from './batchSummary.js';
import { canonicalJson } from './canonicalJson.js';
import { readManifest, verifyOutput, writeManifest, type Manifest } from './manifest.js';
import { readRecordBatches } from './readArrowFile.js';
import { utf8Vector } from './sharedDictionaries.js';
import { TableFile } from './tableFile.js';
import { tableDefinition, type TableDefinition, type TableName } from './tables.js';
import { writeJsonAtomic } from './writeJsonAtomic.js';

export class MergeError extends Error {
  override readonly name = 'MergeError';
}

function withoutShard(manifest: Manifest): string {
  const { shard: _shard, ...batch } = manifest.batch;
  return canonicalJson({ ...manifest, batch, shard: null, files: null });
}

/** A batch read from a shard file, rebuilt on the merged file's schema and shared dictionaries. */
function rebuild(batch: Batch, table: TableDefinition, schema: Schema, dictionaries: Map<number, Vector<Utf8>>): RecordBatch {
  const children: Data[] = table.columns.map((column, k) => {
    const source = batch.getChildAt(k)!.data;
    if (source.length !== 1) throw new MergeError(`table ${table.name}: column ${column.name} has ${source.length} chunks in one batch`);
    const data = source[0]!;
    const nulls = data.nullCount > 0 ? { nullCount: data.nullCount, nullBitmap: data.nullBitmap! } : { nullCount: 0 };
    if (column.kind === 'dictionary') {
      return makeData({ type: schema.fields[k]!.type as Dictionary<Utf8>, length: data.length, data: data.values, dictionary: dictionaries.get(k)!, ...nulls });
    }
    return makeData({ type: schema.fields[k]!.type, length: data.length, data: data.values, ...nulls } as never);
  });
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: batch.numRows, nullCount: 0, children }));
}

/** The dictionary values of each dictionary column (by position) of a file, from its first batch. */
async function dictionaryValues(path: string, table: TableDefinition): Promise<Map<number, string[]>> {
  const values = new Map<number, string[]>();
  for await (const batch of readRecordBatches(path)) {
    table.columns.forEach((column, k) => {
      if (column.kind !== 'dictionary') return;
      const dictionary = batch.getChildAt(k)!.data[0]!.dictionary;
      values.set(k, dictionary === undefined ? [] : Array.from({ length: dictionary.length }, (_, i) => String(dictionary.get(i))));
    });
    break;
  }
  return values;
}

export interface MergeResult {
  manifest: Manifest;
  shards: number;
}

export async function mergeShards(shardDirectories: readonly string[], out: string): Promise<MergeResult> {
  if (shardDirectories.length === 0) throw new MergeError('no shard directories given');
  if (existsSync(join(out, MANIFEST_FILE))) throw new MergeError(`${out}: already holds a complete batch (${MANIFEST_FILE}); choose another --out directory`);
  const shards: { directory: string; manifest: Manifest }[] = [];
  for (const directory of shardDirectories) {
    const manifest = readManifest(directory);
    if (manifest.shard === null) throw new MergeError(`${directory}: is a whole batch, not a shard (no shard in ${MANIFEST_FILE})`);
    const report = await verifyOutput(directory);
    if (!report.ok) throw new MergeError(`${directory}: does not match its manifest:\n  ${report.problems.join('\n  ')}`);
    shards.push({ directory, manifest });
  }
  const first = shards[0]!.manifest;
  const count = first.shard!.count;
  for (const shard of shards) {
    if (withoutShard(shard.manifest) !== withoutShard(first)) {
      throw new MergeError(`${shard.directory}: belongs to another batch than ${shards[0]!.directory} (scenario, design, seed, runs, chunking, tables or versions differ)`);
    }
    if (shard.manifest.shard!.count !== count) throw new MergeError(`${shard.directory}: is shard ${shard.manifest.shard!.index}/${shard.manifest.shard!.count}, the others are of ${count}`);
  }
  shards.sort((a, b) => a.manifest.shard!.index - b.manifest.shard!.index);
  const indices = shards.map((s) => s.manifest.shard!.index);
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((k) => !indices.includes(k));
  const twice = indices.filter((index, k) => indices.indexOf(index) !== k);
  if (twice.length > 0) throw new MergeError(`shard ${twice[0]}/${count} is given twice`);
  if (missing.length > 0) throw new MergeError(`shards ${missing.map((k) => `${k}/${count}`).join(', ')} are missing`);

  const tables = first.files.filter((f) => f.table !== undefined).map((f) => tableDefinition(f.table as TableName));
  const clashes = tables.filter((t) => existsSync(join(out, t.file)));
  if (clashes.length > 0) throw new MergeError(`${out}: already has ${clashes.map((t) => t.file).join(', ')}; choose another --out directory`);
  const finished: FinishedTable[] = [];
  mkdirSync(out, { recursive: true });
  for (const table of tables) {
    const schema = arrowSchema(table);
    const values = await dictionaryValues(join(shards[0]!.directory, table.file), table);
    const dictionaries = new Map([...values].map(([k, v]) => [k, utf8Vector(v)]));
    const file = TableFile.create(join(out, table.file), schema);
    let rows = 0;
    try {
      for (const shard of shards) {
        const path = join(shard.directory, table.file);
        const shardValues = await dictionaryValues(path, table);
        for (const [k, v] of shardValues) {
          if (canonicalJson(v) !== canonicalJson(values.get(k))) throw new MergeError(`${path}: column ${table.columns[k]!.name} has other dictionary values than shard ${first.shard!.index}`);
        }
        for await (const batch of readRecordBatches(path)) {
          file.write(rebuild(batch, table, schema, dictionaries));
          rows += batch.numRows;
        }
      }
      file.finish();
    } catch (error) {
      file.abandon();
      throw error;
    }
    finished.push({ table: table.name, file: table.file, rows });
  }
  writeJsonAtomic(join(out, SUMMARY_FILE), await batchSummary(out, first.scenario.currency, confidenceLevelOf(shards[0]!.directory)));
  const { format: _format, outputSchema: _outputSchema, files: _files, ...input } = first;
  const { shard: _shard, ...batch } = first.batch;
  const manifest = await writeManifest(out, { ...input, batch: { ...batch, shard: null }, shard: null }, finished);
  return { manifest, shards: shards.length };
}

/** The confidence level a shard's summary used (the merged summary uses the same). */
function confidenceLevelOf(directory: string): number {
  const level = (JSON.parse(readFileSync(join(directory, SUMMARY_FILE), 'utf8')) as { confidenceLevel?: unknown }).confidenceLevel;
  return typeof level === 'number' ? level : 0.95;
}
