/**
 * The `ets` command line. `bin/ets.js` calls `main(process.argv)` from the compiled `dist/cli/main.js`.
 *
 * Exit codes: 0 success; 1 an internal failure (printed with its stack trace); 2 a user error — an invalid scenario
 * or overlay, an unreadable file, an unknown or missing option — printed as one message without a stack trace,
 * with no output file written.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { ScenarioError } from '../model/scenario/scenarioError.js';
import { processIo, type CliIo } from './cliIo.js';
import { registerReportCommand } from './commands/report.js';
import { registerRunCommand } from './commands/run.js';
import { registerSchemaCommand } from './commands/schema.js';
import { registerCompareCommand } from './commands/compare.js';
import { registerMergeCommand } from './commands/merge.js';
import { registerSweepCommand } from './commands/sweep.js';
import { registerVerifyCommand } from './commands/verify.js';
import { UsageError } from './usageError.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** The package version, from the nearest package.json above this file (works from cli/ and from dist/cli/). */
function packageVersion(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (let level = 0; level < 4; level++) {
    try {
      const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'ets-sim' && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // not here; look one level up
    }
    directory = dirname(directory);
  }
  return 'unknown';
}

function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command();
  program
    .name('ets')
    .description('Emissions trading scheme simulator: cap-and-trade and credit markets under alternative policy designs.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
    })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      `
Examples:
  $ ets run scenarios/default.yaml
  $ ets run scenarios/default.yaml --design scenarios/designs/no-banking.yaml
  $ ets run --help

Exit codes: 0 success, 1 the simulation failed, 2 a problem with the scenario, a file or an option.`,
    );
  registerRunCommand(program, io, setExitCode);
  registerSchemaCommand(program, io, setExitCode);
  registerReportCommand(program, io, setExitCode);
  registerCompareCommand(program, io, setExitCode);
  registerSweepCommand(program, io, setExitCode);
  registerMergeCommand(program, io, setExitCode);
  registerVerifyCommand(program, io, setExitCode);
  return program;
}

/** Runs the command line `argv` (as in `process.argv`: node, script, arguments...) and returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram(io, (code) => { exitCode = code; });
  try {
    if (argv.length <= 2) {
      program.outputHelp({ error: true });
      return EXIT_USAGE;
    }
    await program.parseAsync(argv, { from: 'node' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed the message, or the help or version asked for (exit code 0).
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof ScenarioError || error instanceof UsageError) {
      io.stderr(`error: ${error.message}\n`);
      return EXIT_USAGE;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`error: internal failure (please report it): ${detail}\n`);
    return EXIT_FAILURE;
  }
}
