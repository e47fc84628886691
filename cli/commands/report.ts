/**
 * `ets report <dir>`: write one self-contained HTML report (charts as inline SVG, summary tables; no script, no
 * network) of the batch or comparison in `dir`, for readers who will not open a notebook.
 */
import type { Command } from 'commander';
import { ManifestError } from '../../io/manifest.js';
import { OutputDirectoryError } from '../../report/loadOutputDirectory.js';
import { REPORT_FILE, writeReport } from '../../report/writeReport.js';
import type { CliIo } from '../cliIo.js';
import { UsageError } from '../usageError.js';

export interface ReportCommandOptions {
  /** The HTML file to write; default `<dir>/report.html`. */
  out?: string;
  /** Chart width in pixels. */
  width?: string;
  /** Print nothing on success. */
  quiet?: boolean;
}

function parseWidth(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const width = Number(text);
  if (!Number.isInteger(width) || width < 320 || width > 4000) throw new UsageError(`--width must be an integer from 320 to 4000 (pixels), got ${JSON.stringify(text)}`);
  return width;
}

export async function reportCommand(directory: string, options: ReportCommandOptions, io: CliIo): Promise<number> {
  const width = parseWidth(options.width);
  let written;
  try {
    written = await writeReport(directory, { ...(options.out === undefined ? {} : { out: options.out }), ...(width === undefined ? {} : { width }) });
  } catch (error) {
    if (error instanceof OutputDirectoryError || error instanceof ManifestError) throw new UsageError(error.message, { cause: error });
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && ['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EROFS'].includes(code)) {
      throw new UsageError(`could not write the report ${options.out ?? `${directory}/${REPORT_FILE}`} (${code})`, { cause: error });
    }
    throw error;
  }
  if (options.quiet !== true) {
    for (const note of written.notes) io.stderr(`note: ${note}\n`);
    io.stdout(`Report of ${written.designs.length === 1 ? `design ${written.designs[0]}` : `${written.designs.length} designs (${written.designs.join(', ')})`} written to ${written.file} (${Math.ceil(written.bytes / 1024)} KiB)\n`);
  }
  return 0;
}

export function registerReportCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('report')
    .description('Write a self-contained HTML report (charts and summary tables) of a batch or comparison output directory.')
    .argument('<dir>', 'a batch output directory (ets run --runs N --out DIR) or a comparison directory (ets compare --out DIR)')
    .option('-o, --out <file>', `HTML file to write (default: <dir>/${REPORT_FILE})`)
    .option('--width <pixels>', 'chart width in pixels (default 720)')
    .option('-q, --quiet', 'print nothing on success (errors still go to stderr)')
    .addHelpText(
      'after',
      `
Examples:
  $ ets report output/base
  $ ets report output/designs --out reports/designs.html

The report needs no network and runs no script: open it in any browser, attach it to an e-mail. Charts that need
firm-level output (compliance by firm) appear when the batch was run with --detail firms. Exit codes: 0 success,
2 a problem with the directory or an option.`,
    )
    .action(async (directory: string, options: ReportCommandOptions) => {
      setExitCode(await reportCommand(directory, options, io));
    });
}
