/**
 * The journal of a batch being written: `.ets-journal.jsonl` in the output directory, one JSON line per event,
 * each appended and flushed to disk after the data it describes. It is what `--resume` reads after an interruption
 * (Ctrl-C, `kill -9`, a crash, a node lost by the scheduler):
 * - line 1, `start`: the batch identity (everything that determines the output bytes);
 * - then one `chunk` line per chunk written, in order: for each table the new file blocks and the end position,
 *   and the rows added.
 * A last line cut off by the interruption (no newline, or not JSON) is ignored, and so are the bytes of the data
 * files past the last journaled position: the resumed batch rewrites them identically.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import type { Block } from './resumableFileWriter.js';
import type { TableName } from './tables.js';

export const JOURNAL_FILE = '.ets-journal.jsonl';

/** Everything that determines the bytes of a batch's output. Compared field by field on resume. */
export type BatchIdentity = Record<string, unknown>;

export interface ChunkTableRecord {
  position: number;
  dictionaryBlocks: Block[];
  recordBatchBlocks: Block[];
  rows: number;
}

export interface ChunkRecord {
  type: 'chunk';
  chunk: number;
  tables: Partial<Record<TableName, ChunkTableRecord>>;
}

export interface StartRecord {
  type: 'start';
  identity: BatchIdentity;
}

export interface JournalContents {
  identity: BatchIdentity;
  chunks: ChunkRecord[];
}

export class JournalError extends Error {
  override readonly name = 'JournalError';
}

/** Reads a journal: its identity and the complete chunk records, in order. */
export function readJournal(path: string): JournalContents {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  // The text after the last newline is an unfinished line.
  lines.pop();
  const records: unknown[] = [];
  for (const line of lines) {
    try {
      records.push(JSON.parse(line));
    } catch {
      break;
    }
  }
  const start = records[0] as StartRecord | undefined;
  if (start?.type !== 'start') throw new JournalError(`${path}: does not start with a batch identity; the directory was not written by ets run`);
  const chunks: ChunkRecord[] = [];
  for (const record of records.slice(1)) {
    const chunk = record as ChunkRecord;
    if (chunk.type !== 'chunk') break;
    chunks.push(chunk);
  }
  return { identity: start.identity, chunks };
}

/** Appends lines to a journal, each flushed to disk before `append` returns. */
export class JournalWriter {
  private fd: number;

  private constructor(fd: number) {
    this.fd = fd;
  }

  /** A new journal (replacing any old one) starting with `identity`. */
  static create(path: string, identity: BatchIdentity): JournalWriter {
    const writer = new JournalWriter(openSync(path, 'w'));
    writer.append({ type: 'start', identity });
    return writer;
  }

  /**
   * The journal replaced, atomically (temporary file, flush, rename), by `contents` — which drops an unfinished
   * last line — and opened for more chunk records.
   */
  static rewrite(path: string, contents: JournalContents): JournalWriter {
    const temporary = `${path}.tmp`;
    const fd = openSync(temporary, 'w');
    const lines = [{ type: 'start', identity: contents.identity }, ...contents.chunks].map((record) => `${JSON.stringify(record)}\n`).join('');
    writeAll(fd, Buffer.from(lines, 'utf8'));
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temporary, path);
    return new JournalWriter(openSync(path, 'a'));
  }

  append(record: StartRecord | ChunkRecord): void {
    writeAll(this.fd, Buffer.from(`${JSON.stringify(record)}\n`, 'utf8'));
    fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

function writeAll(fd: number, bytes: Buffer): void {
  let written = 0;
  while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
}

/** The fields of two identities that differ, as `name: journal value ≠ requested value`. */
export function identityDifferences(journal: BatchIdentity, requested: BatchIdentity): string[] {
  const keys = [...new Set([...Object.keys(journal), ...Object.keys(requested)])];
  return keys
    .filter((key) => JSON.stringify(journal[key]) !== JSON.stringify(requested[key]))
    .map((key) => `${key}: ${JSON.stringify(journal[key])} in the interrupted batch, ${JSON.stringify(requested[key])} now`);
}
