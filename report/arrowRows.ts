/**
 * Arrow record batches to plain rows: dictionary columns become strings, numbers stay numbers, flags booleans.
 * Browser-safe (the notebooks parse the same files with `tableFromIPC`).
 */
import { Type, type RecordBatch, type Vector } from 'apache-arrow';

export class ArrowRowsError extends Error {
  override readonly name = 'ArrowRowsError';
}

type Cell = string | number | boolean | null;

function columnReader(vector: Vector): (index: number) => Cell {
  const typeId = vector.type.typeId as Type;
  // Dictionary and Bool columns are read through get(); numeric columns through their flat array.
  if (typeId === Type.Dictionary || typeId === Type.Bool) {
    return (index) => {
      const value: unknown = vector.get(index);
      return value === null || value === undefined ? null : (value as string | boolean);
    };
  }
  const values = vector.toArray() as ArrayLike<number | bigint>;
  return (index) => Number(values[index]);
}

/**
 * The rows of `batches`, with the columns named in `columns` (all columns when omitted).
 *
 * @param source Names the file in error messages.
 */
export function rowsFromBatches<Row>(batches: Iterable<RecordBatch>, source: string, columns?: readonly string[]): Row[] {
  const rows: Row[] = [];
  for (const batch of batches) {
    const names = columns ?? batch.schema.fields.map((field) => field.name);
    const readers = names.map((name) => {
      const vector = batch.getChild(name);
      if (vector === null) throw new ArrowRowsError(`${source}: no column "${name}"`);
      return columnReader(vector);
    });
    for (let index = 0; index < batch.numRows; index++) {
      const row: Record<string, Cell> = {};
      names.forEach((name, k) => { row[name] = readers[k]!(index); });
      rows.push(row as Row);
    }
  }
  return rows;
}
