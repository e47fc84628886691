/**
 * `ets schema [--out file]`: print, or write atomically, the JSON Schema of scenario files
 * (`scenarios/scenario.schema.json` is this output, kept in sync by a test).
 */
import type { Command } from 'commander';
import { scenarioJsonSchemaText } from '../../model/scenario/scenarioJsonSchema.js';
import type { CliIo } from '../cliIo.js';
import { UsageError } from '../usageError.js';
import { writeFileAtomic } from '../writeFileAtomic.js';

export interface SchemaCommandOptions {
  out?: string;
}

export async function schemaCommand(options: SchemaCommandOptions, io: CliIo): Promise<number> {
  const text = scenarioJsonSchemaText();
  if (options.out === undefined) {
    io.stdout(text);
    return 0;
  }
  try {
    await writeFileAtomic(options.out, text);
  } catch (error) {
    throw new UsageError(`--out ${options.out}: could not write the schema (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
  return 0;
}

export function registerSchemaCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('schema')
    .description('Print the JSON Schema of scenario files (for editors and other tools), or write it to a file.')
    .option('-o, --out <file>', 'write the schema to this file instead of stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ ets schema --out scenarios/scenario.schema.json
  $ ets schema | head

Scenario YAML files start with "# yaml-language-server: $schema=./scenario.schema.json" so that editors with the
YAML language server complete and check keys.`,
    )
    .action(async (options: SchemaCommandOptions) => {
      setExitCode(await schemaCommand(options, io));
    });
}
