/**
 * Arrow schemas of the output tables, built from `tables.ts`: each field carries `unit` and `description` metadata,
 * the schema carries `ets.table` and `ets.grain`. String columns are Dictionary<Utf8, Int32> with a FIXED dictionary
 * id (the column's position), so that files written by different processes, resumed or merged, are byte-identical.
 */
import { Bool, Dictionary, Field, Float64, Int32, Schema, Uint16, Uint32, Utf8, type DataType } from 'apache-arrow';
import type { ColumnDefinition, TableDefinition } from './tables.js';

function arrowType(column: ColumnDefinition, position: number): DataType {
  switch (column.kind) {
    case 'float64': return new Float64();
    case 'uint32': return new Uint32();
    case 'uint16': return new Uint16();
    case 'bool': return new Bool();
    case 'dictionary': return new Dictionary(new Utf8(), new Int32(), position, false);
  }
}

export function arrowSchema(table: TableDefinition): Schema {
  const fields = table.columns.map((column, position) => new Field(
    column.name,
    arrowType(column, position),
    column.nullable === true,
    new Map([['unit', column.unit], ['description', column.description]]),
  ));
  return new Schema(fields, new Map([['ets.table', table.name], ['ets.grain', table.grain]]));
}
