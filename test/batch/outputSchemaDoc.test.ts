/** docs/output-schema.md is the one description of the output: it must list every column with its type and unit. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABLES } from '../../io/tables.js';
import { ROOT } from './support/ensureBuilt.js';

const doc = readFileSync(join(ROOT, 'docs', 'output-schema.md'), 'utf8');

function section(table: string): string {
  const start = doc.indexOf(`\n## ${table} — `);
  expect(start, `section for table ${table}`).toBeGreaterThan(0);
  // The column table ends at the next heading of any level.
  const end = doc.slice(start + 1).search(/\n#{2,3} /);
  return doc.slice(start, end < 0 ? undefined : start + 1 + end);
}

describe('docs/output-schema.md', () => {
  for (const table of TABLES) {
    it(`documents ${table.file}: every column with its type, unit and nullability, in order`, () => {
      const text = section(table.name);
      expect(text).toContain(`\`${table.file}\``);
      const rows = text.split('\n').filter((line) => line.startsWith('| `'));
      expect(rows.map((row) => /^\| `([^`]+)`/.exec(row)![1])).toEqual(table.columns.map((c) => c.name));
      table.columns.forEach((column, k) => {
        const cells = rows[k]!.split(' | ');
        expect(cells[1]).toBe(column.kind === 'dictionary' ? 'dictionary<int32, utf8>' : column.kind);
        expect(cells[2]).toBe(column.unit === '' ? '—' : column.unit);
        expect(cells[3]).toBe(column.nullable ? 'yes' : 'no');
      });
    });
  }
});
