/**
 * Turns the decoded columns of one table of one chunk into an Arrow record batch, without copying the numbers
 * (the typed arrays of the chunk message become the Arrow buffers). Dictionary columns use the one dictionary
 * vector per name given in `dictionaries`, the same object for every batch of a file (the Arrow file writer
 * rejects a second batch whose dictionary is another object).
 */
import { makeData, RecordBatch, Struct, type Data, type Dictionary, type Schema, type Utf8, type Vector } from 'apache-arrow';
import type { DecodedTable } from './chunkCodec.js';
import type { DictionaryName, TableDefinition } from './tables.js';

export type SharedDictionaries = ReadonlyMap<DictionaryName, Vector<Utf8>>;

/** Null bitmap for indices < 0 (set to 0 in place, so that the buffer holds only valid indices). */
function nullsOf(indices: Int32Array): { nullBitmap: Uint8Array; nullCount: number } | null {
  let nullCount = 0;
  for (let k = 0; k < indices.length; k++) if (indices[k]! < 0) nullCount += 1;
  if (nullCount === 0) return null;
  const nullBitmap = new Uint8Array(Math.ceil(indices.length / 8));
  for (let k = 0; k < indices.length; k++) {
    if (indices[k]! < 0) indices[k] = 0;
    else nullBitmap[k >> 3]! |= 1 << (k & 7);
  }
  return { nullBitmap, nullCount };
}

export function toRecordBatch(table: TableDefinition, schema: Schema, decoded: DecodedTable, dictionaries: SharedDictionaries): RecordBatch {
  const length = decoded.rows;
  const children: Data[] = table.columns.map((column, k) => {
    const field = schema.fields[k]!;
    const values = decoded.columns[k]!;
    if (column.kind === 'dictionary') {
      const indices = values as Int32Array;
      const nulls = column.nullable === true ? nullsOf(indices) : null;
      return makeData({
        type: field.type as Dictionary<Utf8>,
        length,
        data: indices,
        dictionary: dictionaries.get(column.dictionary!)!,
        ...(nulls === null ? { nullCount: 0 } : nulls),
      });
    }
    return makeData({ type: field.type, length, nullCount: 0, data: values } as never);
  });
  const data = makeData({ type: new Struct(schema.fields), length, nullCount: 0, children });
  return new RecordBatch(schema, data);
}
