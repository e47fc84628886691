/**
 * An Arrow IPC file writer whose state can be saved after each record batch and restored in a new process, so that
 * an interrupted batch continues the same file (see `tableFile.ts`). The state is small: the write position and the
 * file blocks (metadata length, body length, offset) of the dictionary and record batch messages written so far —
 * exactly what the footer needs.
 *
 * This reaches into protected members of apache-arrow's `RecordBatchWriter` (`_position`, `_recordBatchBlocks`,
 * `_dictionaryBlocks`, `_seenDictionaries`, `_dictionaryDeltaOffsets`), checked with apache-arrow 21.2; the resume
 * tests (bytes of a resumed file equal those of an uninterrupted one) fail if a new version changes them.
 */
import { RecordBatchFileWriter, type Schema, type Vector } from 'apache-arrow';
import { FileBlock } from 'apache-arrow/ipc/metadata/file';
import type { FileSink } from './fileSink.js';

/** [metaDataLength, bodyLength, offset] of one IPC message in the file. */
export type Block = [number, number, number];

export interface WriterState {
  /** Bytes written so far (the end of the last complete message). */
  position: number;
  dictionaryBlocks: Block[];
  recordBatchBlocks: Block[];
}

export class ResumableFileWriterError extends Error {
  override readonly name = 'ResumableFileWriterError';
}

const blockOf = (b: { metaDataLength: number; bodyLength: number; offset: number }): Block => [b.metaDataLength, Number(b.bodyLength), Number(b.offset)];

export class ResumableFileWriter extends RecordBatchFileWriter {
  /** Starts a new file on `sink` (writes the leading magic). */
  static create(sink: FileSink, schema: Schema): ResumableFileWriter {
    const writer = new ResumableFileWriter();
    writer.reset(sink, schema);
    return writer;
  }

  /**
   * Continues a file whose first `state.position` bytes were written by a writer with this schema and these
   * dictionaries (`dictionaries`: the dictionary vector of each dictionary id, as the batches will use them).
   * `sink` must be positioned at `state.position`.
   */
  static resume(sink: FileSink, schema: Schema, state: WriterState, dictionaries: ReadonlyMap<number, Vector>): ResumableFileWriter {
    if (sink.position !== state.position) throw new ResumableFileWriterError(`sink at byte ${sink.position}, state at byte ${state.position}`);
    const writer = new ResumableFileWriter();
    const position = sink.position;
    // Replay the opening of the file into the void, then restore the state the footer needs.
    sink.discard = true;
    sink.position = 0;
    writer.reset(sink, schema);
    sink.discard = false;
    sink.position = position;
    writer._position = state.position;
    writer._dictionaryBlocks = state.dictionaryBlocks.map(([m, body, offset]) => new FileBlock(m, body, offset));
    writer._recordBatchBlocks = state.recordBatchBlocks.map(([m, body, offset]) => new FileBlock(m, body, offset));
    if (state.dictionaryBlocks.length > 0 || state.recordBatchBlocks.length > 0) {
      writer._seenDictionaries = new Map(dictionaries);
      writer._dictionaryDeltaOffsets = new Map([...dictionaries].map(([id, vector]) => [id, vector.data.length]));
    }
    return writer;
  }

  /** The state after the messages written so far. */
  state(): WriterState {
    return {
      position: this._position,
      dictionaryBlocks: this._dictionaryBlocks.map(blockOf),
      recordBatchBlocks: this._recordBatchBlocks.map(blockOf),
    };
  }
}
