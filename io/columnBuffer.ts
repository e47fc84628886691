/**
 * Growable typed arrays that collect one column of a table while runs are encoded (amortised O(1) `push`).
 * `dictionary` columns hold indices into the catalog's values, −1 for null; `bool` columns hold 0 or 1 bytes and
 * are bit-packed when the chunk is encoded.
 */
import type { ColumnKind } from './tables.js';

type Storage = Float64Array | Uint32Array | Uint16Array | Int32Array | Uint8Array;

function allocate(kind: ColumnKind, capacity: number): Storage {
  switch (kind) {
    case 'float64': return new Float64Array(capacity);
    case 'uint32': return new Uint32Array(capacity);
    case 'uint16': return new Uint16Array(capacity);
    case 'dictionary': return new Int32Array(capacity);
    case 'bool': return new Uint8Array(capacity);
  }
}

export class ColumnBuffer {
  private storage: Storage;
  length = 0;

  constructor(readonly kind: ColumnKind, capacity = 1024) {
    this.storage = allocate(kind, Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.storage.length) {
      const larger = allocate(this.kind, this.storage.length * 2);
      larger.set(this.storage);
      this.storage = larger;
    }
    this.storage[this.length++] = value;
  }

  /** The values pushed so far (a view, not a copy). */
  values(): Storage {
    return this.storage.subarray(0, this.length);
  }
}
