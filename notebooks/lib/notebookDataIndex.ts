/** `data/index.json` of a notebook site: what notebooks/tools/notebookData.ts stages and loadOutput.ts reads. */
import type { BatchSummary } from '../../io/batchSummary.js';
import type { Manifest } from '../../io/manifest.js';
import type { TableName } from '../../io/tables.js';
import type { ScenarioDigest } from '../../report/scenarioDigest.js';

export interface NotebookDataIndex {
  format: 'ets-notebook-data/1';
  /** The output folder, relative to where the site was built. */
  source: string;
  kind: 'batch' | 'compare';
  /** Problems found while staging (a scenario file that changed). */
  notes: string[];
  designs: {
    label: string;
    manifest: Manifest;
    summary: BatchSummary | null;
    scenario: ScenarioDigest | null;
    /** Table → URL of its Arrow file, relative to the site root. */
    tables: Partial<Record<TableName, string>>;
  }[];
  /** comparison.json of `ets compare --out`, as written; null for other output. */
  comparison: unknown;
}
