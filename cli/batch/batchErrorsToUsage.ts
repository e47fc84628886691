/**
 * Runs a batch action and turns the batch layer's user-facing errors (a bad option, an output directory in the way,
 * a shard set that does not fit) into `UsageError`s, which `main` prints in one line and exits 2 with. A run that
 * throws is reported with its run id, seed and a command to reproduce it, and exits 1.
 */
import { BatchOutputError } from '../../io/batchOutput.js';
import { JournalError } from '../../io/batchJournal.js';
import { ManifestError } from '../../io/manifest.js';
import { MergeError } from '../../io/mergeShards.js';
import { BatchOptionError, RunFailedError } from '../../workers/batchErrors.js';
import { ChunkPlanError } from '../../workers/chunkPlan.js';
import { WorkerFileError } from '../../workers/workerFile.js';
import type { CliIo } from '../cliIo.js';
import { UsageError } from '../usageError.js';

const USER_ERRORS = [BatchOptionError, BatchOutputError, JournalError, ManifestError, MergeError, ChunkPlanError, WorkerFileError];

export async function withBatchErrors(io: CliIo, reproduce: (failure: RunFailedError) => string, action: () => Promise<number>): Promise<number> {
  try {
    return await action();
  } catch (error) {
    if (USER_ERRORS.some((type) => error instanceof type)) throw new UsageError((error as Error).message, { cause: error });
    if (error instanceof RunFailedError) {
      // JavaScript's own error classes mean a bug: show where it happened.
      const bug = ['Error', 'TypeError', 'RangeError', 'ReferenceError'].includes(error.errorName);
      io.stderr(`error: ${error.message}\n${bug ? `${error.runStack}\n` : ''}Reproduce this run alone with:\n  ${reproduce(error)}\n`);
      return 1;
    }
    throw error;
  }
}
