/**
 * The JSON Schema of scenario files, generated from the zod schema so that it cannot drift from what the loader
 * accepts. Input mode: keys with defaults are optional, as they are in a file. Written to
 * `scenarios/scenario.schema.json` by `ets schema`; YAML files point editors at it with the first line
 * `# yaml-language-server: $schema=./scenario.schema.json`.
 */
import { z } from 'zod';
import { scenarioSchema } from './schema.js';

export function scenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(scenarioSchema, { io: 'input' });
  return {
    $schema: generated.$schema,
    title: 'ETS simulator scenario',
    description: 'A scenario for the emissions trading scheme simulator: periods, firms, schemes, credits and links. Generated from model/scenario/schema.ts by `ets schema`; do not edit.',
    ...generated,
  };
}

/** The schema as the text of the committed file: two-space indented JSON with a final newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
