/**
 * One Utf8 dictionary vector per dictionary name, built once per output from the catalog and shared by every record
 * batch of every file of that output. Each is a single Arrow data chunk (so the file holds one dictionary batch per
 * dictionary, never deltas).
 */
import { makeData, Utf8, Vector } from 'apache-arrow';
import type { OutputCatalog } from './outputCatalog.js';
import type { DictionaryName, TableDefinition } from './tables.js';
import type { SharedDictionaries } from './toRecordBatch.js';

/** A single-chunk Utf8 vector of `values`. */
export function utf8Vector(values: readonly string[]): Vector<Utf8> {
  const encoder = new TextEncoder();
  const encoded = values.map((value) => encoder.encode(value));
  const valueOffsets = new Int32Array(values.length + 1);
  let total = 0;
  encoded.forEach((bytes, k) => {
    total += bytes.byteLength;
    valueOffsets[k + 1] = total;
  });
  const data = new Uint8Array(total);
  encoded.forEach((bytes, k) => data.set(bytes, valueOffsets[k]!));
  return new Vector([makeData({ type: new Utf8(), length: values.length, nullCount: 0, valueOffsets, data })]);
}

export function sharedDictionaries(catalog: OutputCatalog): SharedDictionaries {
  const names = Object.keys(catalog.values) as DictionaryName[];
  return new Map(names.map((name) => [name, utf8Vector(catalog.values[name])]));
}

/** The dictionary vector of each dictionary id (column position) of a table. */
export function dictionariesById(table: TableDefinition, dictionaries: SharedDictionaries): Map<number, Vector> {
  const byId = new Map<number, Vector>();
  table.columns.forEach((column, position) => {
    if (column.kind === 'dictionary') byId.set(position, dictionaries.get(column.dictionary!)!);
  });
  return byId;
}
