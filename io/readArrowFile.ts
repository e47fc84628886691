/**
 * Reads the Arrow IPC files of a batch: record batch by record batch through random access (the footer first, then
 * one batch at a time, so memory stays bounded for any file size), or whole for small files and tests.
 */
import { open } from 'node:fs/promises';
import { RecordBatchReader, type RecordBatch, type Schema } from 'apache-arrow';

export class ArrowFileError extends Error {
  override readonly name = 'ArrowFileError';
}

/** The schema and batches of an Arrow IPC file, read lazily. Closes the file when the iteration ends. */
export async function* readRecordBatches(path: string): AsyncGenerator<RecordBatch, void, undefined> {
  const handle = await open(path, 'r');
  try {
    const reader = await RecordBatchReader.from(handle);
    if (!reader.isFile()) throw new ArrowFileError(`${path}: not an Arrow IPC file`);
    for await (const batch of reader) yield batch;
  } finally {
    await handle.close();
  }
}

/** The schema of an Arrow IPC file (from its footer). */
export async function readArrowSchema(path: string): Promise<Schema> {
  const handle = await open(path, 'r');
  try {
    const reader = await RecordBatchReader.from(handle);
    await reader.open();
    return reader.schema;
  } finally {
    await handle.close();
  }
}

/** Rows of an Arrow IPC file: Σ batch lengths. */
export async function countRows(path: string): Promise<number> {
  let rows = 0;
  for await (const batch of readRecordBatches(path)) rows += batch.numRows;
  return rows;
}

/** One column of a file as numbers (all batches; for files that fit in memory, such as runs.arrow). */
export async function readNumberColumn(path: string, name: string): Promise<Float64Array> {
  const parts: Float64Array[] = [];
  let total = 0;
  for await (const batch of readRecordBatches(path)) {
    const column = batch.getChild(name);
    if (column === null) throw new ArrowFileError(`${path}: no column "${name}"`);
    const values = Float64Array.from(column.toArray() as ArrayLike<number>);
    parts.push(values);
    total += values.length;
  }
  const out = new Float64Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * One string column of a file (all batches). Dictionary columns are decoded through their dictionary, so equal
 * values share one string (a few bytes per row even for millions of rows).
 */
export async function readStringColumn(path: string, name: string): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of readRecordBatches(path)) {
    const column = batch.getChild(name);
    if (column === null) throw new ArrowFileError(`${path}: no column "${name}"`);
    if (column.data.some((data) => data.dictionary === undefined || data.nullCount > 0)) {
      for (let k = 0; k < column.length; k++) out.push(String(column.get(k)));
      continue;
    }
    for (const data of column.data) {
      const dictionary = data.dictionary!;
      const values = Array.from({ length: dictionary.length }, (_, k) => String(dictionary.get(k)));
      const indices = data.values as Int32Array;
      for (let k = 0; k < data.length; k++) out.push(values[indices[data.offset + k]!]!);
    }
  }
  return out;
}
