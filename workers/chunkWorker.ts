/**
 * Entry of a pool worker (runs compiled, from dist/workers/chunkWorker.js). The pool's `workerData` is the
 * `BatchSetup`; each task returns its chunk message moved, not copied (piscina transfers a buffer only when the
 * returned value itself is wrapped by `move`).
 */
import { workerData } from 'node:worker_threads';
import { move } from 'piscina';
import type { BatchSetup, ChunkTask } from './batchSetup.js';
import { ChunkRunner } from './chunkRunner.js';

const runner = new ChunkRunner(workerData as BatchSetup);

export default function runChunk(task: ChunkTask): unknown {
  return move(runner.run(task));
}
