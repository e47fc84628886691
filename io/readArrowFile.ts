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
