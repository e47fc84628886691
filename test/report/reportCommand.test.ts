/** `ets report DIR`: what it prints, what it writes, and its exit codes (2 for a user's mistake, no stack trace). */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { COMPARE_OUTPUT, temporaryDirectory } from './support/fixtureOutput.js';

const directory = temporaryDirectory();
afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function ets(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'ets', ...args], { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

describe('ets report', () => {
  it('writes the report of a comparison and says where', async () => {
    const out = join(directory, 'compare.html');
    const result = await ets('report', COMPARE_OUTPUT, '--out', out);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(new RegExp(`^Report of 3 designs \\(base, no-banking, tighter\\) written to ${out} \\(\\d+ KiB\\)\\n$`));
    expect(readFileSync(out, 'utf8')).toContain('<h1>Mixed-target test scenario</h1>');
  });

  it('prints nothing with --quiet', async () => {
    const out = join(directory, 'quiet.html');
    expect(await ets('report', join(COMPARE_OUTPUT, 'base'), '--out', out, '--quiet', '--width', '900')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(out, 'utf8')).toContain('viewBox="0 0 900 ');
  });

  it('exits 2 with one line for a folder without batch output or a bad option', async () => {
    const missing = join(directory, 'missing');
    expect(await ets('report', missing)).toEqual({ code: 2, stdout: '', stderr: `error: ${missing}: not a directory\n` });
    expect(await ets('report', COMPARE_OUTPUT, '--width', 'wide')).toEqual({ code: 2, stdout: '', stderr: 'error: --width must be an integer from 320 to 4000 (pixels), got "wide"\n' });
    expect(await ets('report', COMPARE_OUTPUT, '--out', join(directory, 'no', 'such', 'dir.html'))).toMatchObject({ code: 2, stderr: `error: could not write the report ${join(directory, 'no', 'such', 'dir.html')} (ENOENT)\n` });
    expect(existsSync(join(COMPARE_OUTPUT, 'report.html'))).toBe(false);
  });

  it('is listed in the help', async () => {
    const result = await ets('report', '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Write a self-contained HTML report');
    expect(result.stdout).toContain('$ ets report output/base');
  });
});
