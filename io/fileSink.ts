/**
 * The byte sink of an Arrow writer that writes straight to a file descriptor as the writer produces bytes, at a
 * tracked position, so that nothing accumulates in memory (apache-arrow's default sink queues every byte until it
 * is read). In `discard` mode bytes are counted but not written: used to rebuild a writer's state on resume over
 * bytes that are already in the file.
 */
import { writeSync } from 'node:fs';
import { AsyncByteQueue } from 'apache-arrow';

export class FileSink extends AsyncByteQueue {
  discard = false;

  constructor(private readonly fd: number, public position: number) {
    super();
  }

  override write(value: Parameters<AsyncByteQueue['write']>[0]): void {
    const bytes = value instanceof Uint8Array ? value
      : ArrayBuffer.isView(value) ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
        : value instanceof ArrayBuffer ? new Uint8Array(value) : null;
    if (bytes === null) throw new TypeError('FileSink accepts binary data only');
    if (!this.discard) {
      let written = 0;
      while (written < bytes.byteLength) {
        written += writeSync(this.fd, bytes, written, bytes.byteLength - written, this.position + written);
      }
    }
    this.position += bytes.byteLength;
  }
}
