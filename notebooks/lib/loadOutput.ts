/**
 * Loads the batch output staged with a notebook site (`data/index.json` and the Arrow files it lists) into the
 * same `OutputData` the report uses, so the notebooks call the report's chart functions on it. Runs in the
 * browser: Arrow files are fetched relative to the page and parsed with apache-arrow.
 */
import { tableFromIPC } from 'apache-arrow';
import type { TableName } from '../../io/tables.js';
import { rowsFromBatches } from '../../report/arrowRows.js';
import type { CreditRow, DesignOutput, FirmRow, MarketRow, OutputData, RunRow, SectorRow } from '../../report/outputData.js';
import type { NotebookDataIndex } from './notebookDataIndex.js';

export class NotebookLoadError extends Error {
  override readonly name = 'NotebookLoadError';
}

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new NotebookLoadError(`${url}: ${response.status} ${response.statusText}`);
  return response;
}

async function readTable<Row>(url: string | undefined): Promise<Row[] | null> {
  if (url === undefined) return null;
  const table = tableFromIPC(new Uint8Array(await (await fetchOk(url)).arrayBuffer()));
  return rowsFromBatches<Row>(table.batches, url);
}

/** The index of the staged data (`base` is the folder of the site's data, relative to the page). */
export async function loadIndex(base = 'data/'): Promise<NotebookDataIndex> {
  const index = (await (await fetchOk(`${base}index.json`)).json()) as NotebookDataIndex;
  if (index.format !== 'ets-notebook-data/1') throw new NotebookLoadError(`${base}index.json: unknown format ${JSON.stringify(index.format)}`);
  return index;
}

/**
 * All designs with their tables. `tables` limits which optional tables are read (firm-level output can be large;
 * only the notebooks that chart firms ask for it).
 */
export async function loadOutput(options: { base?: string; firms?: boolean } = {}): Promise<OutputData & { comparison: unknown }> {
  const index = await loadIndex(options.base);
  const designs = await Promise.all(index.designs.map(async (design): Promise<DesignOutput> => {
    const url = (table: TableName): string | undefined => design.tables[table];
    const required = async <Row>(table: TableName): Promise<Row[]> => {
      const rows = await readTable<Row>(url(table));
      if (rows === null) throw new NotebookLoadError(`design ${design.label}: no ${table} table in the staged data`);
      return rows;
    };
    const [runs, sectors, markets, credits, firms] = await Promise.all([
      required<RunRow>('runs'),
      required<SectorRow>('sectors'),
      required<MarketRow>('markets'),
      readTable<CreditRow>(url('credits')),
      options.firms === true ? readTable<FirmRow>(url('firms')) : Promise.resolve(null),
    ]);
    return { label: design.label, manifest: design.manifest, summary: design.summary, scenario: design.scenario, runs, sectors, markets, credits: credits ?? [], firms };
  }));
  return { source: index.source, kind: index.kind, designs, notes: index.notes, comparison: index.comparison };
}
