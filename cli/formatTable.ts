/**
 * A plain-text table: columns separated by two spaces, text left-aligned, numbers (cells given as already
 * formatted strings with `align: 'right'`) right-aligned.
 *
 * @example formatTable([{ header: 'year' }, { header: 'price', align: 'right' }], [['2026', '1,700']])
 * // 'year  price\n2026  1,700\n'
 */
export interface TableColumn {
  header: string;
  align?: 'left' | 'right';
}

export function formatTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[], indent = ''): string {
  const widths = columns.map((column, c) => Math.max(column.header.length, ...rows.map((row) => (row[c] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    indent +
    columns
      .map((column, c) => {
        const cell = cells[c] ?? '';
        return column.align === 'right' ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!);
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((column) => column.header)), ...rows.map(line)].join('\n') + '\n';
}
