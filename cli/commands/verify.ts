/**
 * `ets verify DIR`: checks a batch's output directory against its manifest.json — every file present, of the
 * recorded size and SHA-256, Arrow files with the recorded row counts. Exit 0 when all match, 1 otherwise.
 */
import type { Command } from 'commander';
import { verifyOutput } from '../../io/manifest.js';
import { withBatchErrors } from '../batch/batchErrorsToUsage.js';
import type { CliIo } from '../cliIo.js';

export async function verifyCommand(directory: string, options: { quiet?: boolean }, io: CliIo): Promise<number> {
  return withBatchErrors(io, () => '', async () => {
    const report = await verifyOutput(directory);
    if (options.quiet !== true) io.stdout(`${report.lines.join('\n')}\n`);
    if (!report.ok) {
      io.stderr(`error: ${directory} does not match its manifest: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}\n`);
      return 1;
    }
    if (options.quiet !== true) io.stdout(`${directory}: all ${report.lines.length} files match manifest.json\n`);
    return 0;
  });
}

export function registerVerifyCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('verify')
    .description('Check a batch output directory against its manifest.json (sizes, SHA-256, row counts).')
    .argument('<dir>', 'output directory of a batch')
    .option('-q, --quiet', 'print only problems')
    .action(async (directory: string, options: { quiet?: boolean }) => {
      setExitCode(await verifyCommand(directory, options, io));
    });
}
