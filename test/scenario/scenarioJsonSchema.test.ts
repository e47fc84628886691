// The committed JSON Schema must be exactly what the code generates, so it cannot go stale.
// To refresh it: `npm run build && node bin/ets.js schema --out scenarios/scenario.schema.json`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../model/scenario/scenarioJsonSchema.js';

describe('scenarios/scenario.schema.json', () => {
  it('equals the schema generated from model/scenario/schema.ts', () => {
    const committed = readFileSync(new URL('../../scenarios/scenario.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(scenarioJsonSchemaText());
  });

  it('is an input-mode schema: keys with defaults are optional, unknown keys rejected', () => {
    const schema = scenarioJsonSchema() as { required: string[]; additionalProperties: boolean; properties: Record<string, unknown> };
    expect(schema.required.sort()).toEqual(['discountRate', 'name', 'periods', 'schemes']);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toContain('firmTemplates');
  });

  it('is referenced by the first line of every scenario YAML file in scenarios/', () => {
    const text = readFileSync(new URL('../../scenarios/default.yaml', import.meta.url), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./scenario.schema.json');
  });
});
