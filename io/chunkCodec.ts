/**
 * The batch protocol's result message: the columns of every table of one chunk of runs packed into ONE ArrayBuffer,
 * so that a worker returns it with `Piscina.move(buffer)` (transferred, not copied; piscina transfers only a value
 * that is itself the moved buffer) and the in-process path produces byte-for-byte the same message.
 *
 * Layout: uint32 (little-endian) header length n, n bytes of UTF-8 JSON header, zero padding to a multiple of 8,
 * then each column's bytes at the offset the header gives (8-aligned). `bool` columns are bit-packed (Arrow order:
 * least significant bit first); `dictionary` columns are int32 indices, −1 for null.
 */
import type { ChunkTables } from './encodeRuns.js';
import type { TableName } from './tables.js';

export const CHUNK_FORMAT = 'ets-chunk/1';

/** A run that threw: enough to reproduce it alone. */
export interface RunFailure {
  run: number;
  seed: number;
  /** Label of the design (for compare and sweep batches). */
  design: string;
  errorName: string;
  message: string;
  stack: string;
}

export interface ChunkTableHeader {
  name: TableName;
  rows: number;
  /** [byte offset, byte length] of each column in definition order. */
  columns: [number, number][];
}

export interface ChunkHeader {
  format: typeof CHUNK_FORMAT;
  design: number;
  chunk: number;
  firstRun: number;
  runCount: number;
  /** Set when a run threw; the chunk then carries no table. */
  failure: RunFailure | null;
  tables: ChunkTableHeader[];
}

export type ColumnData = Float64Array | Uint32Array | Uint16Array | Int32Array | Uint8Array;

export interface DecodedTable {
  name: TableName;
  rows: number;
  /** Column data in definition order (views into the message; bool columns bit-packed). */
  columns: ColumnData[];
}

export interface DecodedChunk {
  header: ChunkHeader;
  tables: Map<TableName, DecodedTable>;
}

export class ChunkCodecError extends Error {
  override readonly name = 'ChunkCodecError';
}

const align8 = (n: number): number => (n + 7) & ~7;

function packBits(bytes: Uint8Array): Uint8Array {
  const packed = new Uint8Array(Math.ceil(bytes.length / 8));
  for (let k = 0; k < bytes.length; k++) if (bytes[k]) packed[k >> 3]! |= 1 << (k & 7);
  return packed;
}

export function encodeChunk(base: Omit<ChunkHeader, 'format' | 'tables' | 'failure'>, tables: ChunkTables | null, failure: RunFailure | null = null): ArrayBuffer {
  const payloads: Uint8Array[] = [];
  const tableHeaders: ChunkTableHeader[] = [];
  let offset = 0;
  if (tables !== null && failure === null) {
    for (const table of tables.tables) {
      const columns: [number, number][] = [];
      for (const buffer of tables.columns(table.name)) {
        const values = buffer.values();
        const bytes = buffer.kind === 'bool'
          ? packBits(values as Uint8Array)
          : new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
        columns.push([offset, bytes.byteLength]);
        payloads.push(bytes);
        offset = align8(offset + bytes.byteLength);
      }
      tableHeaders.push({ name: table.name, rows: tables.rowCount(table.name), columns });
    }
  }
  const header: ChunkHeader = { format: CHUNK_FORMAT, ...base, failure, tables: tableHeaders };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const start = align8(4 + headerBytes.byteLength);
  const message = new ArrayBuffer(start + offset);
  const view = new Uint8Array(message);
  new DataView(message).setUint32(0, headerBytes.byteLength, true);
  view.set(headerBytes, 4);
  let at = start;
  for (const bytes of payloads) {
    view.set(bytes, at);
    at = align8(at + bytes.byteLength);
  }
  return message;
}

export function decodeChunk(message: ArrayBuffer, kinds: (table: TableName) => readonly string[]): DecodedChunk {
  if (message.byteLength < 4) throw new ChunkCodecError(`chunk message too short (${message.byteLength} bytes)`);
  const headerLength = new DataView(message).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(message, 4, headerLength))) as ChunkHeader;
  if (header.format !== CHUNK_FORMAT) throw new ChunkCodecError(`unknown chunk format ${String(header.format)}`);
  const start = align8(4 + headerLength);
  const tables = new Map<TableName, DecodedTable>();
  for (const table of header.tables) {
    const columnKinds = kinds(table.name);
    const columns = table.columns.map(([offset, byteLength], k): ColumnData => {
      const at = start + offset;
      switch (columnKinds[k]) {
        case 'float64': return new Float64Array(message, at, byteLength / 8);
        case 'uint32': return new Uint32Array(message, at, byteLength / 4);
        case 'uint16': return new Uint16Array(message, at, byteLength / 2);
        case 'dictionary': return new Int32Array(message, at, byteLength / 4);
        case 'bool': return new Uint8Array(message, at, byteLength);
        default: throw new ChunkCodecError(`table ${table.name}: column ${k} has no kind`);
      }
    });
    tables.set(table.name, { name: table.name, rows: table.rows, columns });
  }
  return { header, tables };
}

/** The failure a chunk message reports, if any (reads the header only). */
export function peekFailure(message: ArrayBuffer): RunFailure | null {
  const headerLength = new DataView(message).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(message, 4, headerLength))) as ChunkHeader;
  return header.failure;
}
