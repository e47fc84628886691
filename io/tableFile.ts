/**
 * One output table being written: an Arrow IPC file built record batch by record batch at `<file>.partial`, renamed
 * to `<file>` only when complete (footer written and flushed), so a crash never leaves a complete-looking file.
 * After each chunk the caller flushes (`sync`) and journals `state()`; `resume` continues from such a state.
 */
import { closeSync, fsyncSync, ftruncateSync, openSync, renameSync } from 'node:fs';
import type { RecordBatch, Schema, Vector } from 'apache-arrow';
import { FileSink } from './fileSink.js';
import { ResumableFileWriter, type WriterState } from './resumableFileWriter.js';

export const PARTIAL_SUFFIX = '.partial';

export class TableFile {
  private constructor(readonly path: string, private fd: number, private readonly writer: ResumableFileWriter) {}

  /** Starts `<path>.partial` afresh (truncating any old one). */
  static create(path: string, schema: Schema): TableFile {
    const fd = openSync(path + PARTIAL_SUFFIX, 'w');
    return new TableFile(path, fd, ResumableFileWriter.create(new FileSink(fd, 0), schema));
  }

  /** Continues `<path>.partial` after `state` (bytes past it, from an interrupted write, are cut off). */
  static resume(path: string, schema: Schema, state: WriterState, dictionaries: ReadonlyMap<number, Vector>): TableFile {
    const fd = openSync(path + PARTIAL_SUFFIX, 'r+');
    try {
      ftruncateSync(fd, state.position);
      return new TableFile(path, fd, ResumableFileWriter.resume(new FileSink(fd, state.position), schema, state, dictionaries));
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  write(batch: RecordBatch): void {
    this.writer.write(batch);
  }

  /** Flushes the bytes written so far to the disk. */
  sync(): void {
    fsyncSync(this.fd);
  }

  state(): WriterState {
    return this.writer.state();
  }

  /** Writes the footer, flushes, closes and renames `<path>.partial` to `<path>`. */
  finish(): void {
    this.writer.close();
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = -1;
    renameSync(this.path + PARTIAL_SUFFIX, this.path);
  }

  /** Closes the file without finishing it (the partial file stays for a resume). */
  abandon(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}
