/**
 * `ets report DIR`: reads the batch or comparison in DIR and writes the HTML report (by default DIR/report.html),
 * atomically.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../cli/writeFileAtomic.js';
import { loadOutputDirectory, type LoadOutputOptions } from './loadOutputDirectory.js';
import { reportHtml, type ReportHtmlOptions } from './reportHtml.js';

export const REPORT_FILE = 'report.html';

export interface WriteReportOptions extends LoadOutputOptions, ReportHtmlOptions {
  /** The file to write; default `<directory>/report.html`. */
  out?: string;
}

export interface WrittenReport {
  file: string;
  designs: string[];
  bytes: number;
  notes: string[];
}

export async function writeReport(directory: string, options: WriteReportOptions = {}): Promise<WrittenReport> {
  const data = await loadOutputDirectory(directory, options);
  const html = reportHtml(data, options);
  const file = options.out ?? join(directory, REPORT_FILE);
  await writeFileAtomic(file, html);
  return { file, designs: data.designs.map((d) => d.label), bytes: Buffer.byteLength(html), notes: data.notes };
}
