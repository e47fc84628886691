/**
 * `ets merge --out DIR SHARD_DIR…`: joins the outputs of the shards of a batch (`ets run … --shard i/n`) into one
 * directory equal, file for file, to the batch run whole. Checks every shard against its manifest first.
 */
import type { Command } from 'commander';
import { mergeShards } from '../../io/mergeShards.js';
import { withBatchErrors } from '../batch/batchErrorsToUsage.js';
import type { CliIo } from '../cliIo.js';

export interface MergeCommandOptions {
  out: string;
  quiet?: boolean;
}

export async function mergeCommand(shards: string[], options: MergeCommandOptions, io: CliIo): Promise<number> {
  return withBatchErrors(io, () => '', async () => {
    const { manifest, shards: count } = await mergeShards(shards, options.out);
    if (options.quiet !== true) {
      io.stdout(`Merged ${count} shards into ${options.out}/: ${manifest.files.map((f) => (f.rows === undefined ? f.file : `${f.file} (${f.rows.toLocaleString('en-US')} rows)`)).join(', ')}, manifest.json\n`);
    }
    return 0;
  });
}

export function registerMergeCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('merge')
    .description('Join the output directories of the shards of a batch (ets run --shard i/n) into one.')
    .argument('<shard...>', 'output directories of the shards, in any order')
    .requiredOption('-o, --out <dir>', 'directory for the merged batch')
    .option('-q, --quiet', 'print nothing on success')
    .addHelpText('after', `
Example (after a Slurm array of 8 tasks, each running --shard $SLURM_ARRAY_TASK_ID/8 --out output/mc-$SLURM_ARRAY_TASK_ID):
  $ ets merge output/mc-* --out output/mc`)
    .action(async (shards: string[], options: MergeCommandOptions) => {
      setExitCode(await mergeCommand(shards, options, io));
    });
}
