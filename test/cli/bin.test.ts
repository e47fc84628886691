// The installed command, end to end: `node bin/ets.js` running the compiled CLI in dist/ (built by `npm run build`,
// which `npm ci` runs through `prepare`). If dist/ is missing or older than the sources, it is rebuilt first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILT_MAIN = join(ROOT, 'dist', 'cli', 'main.js');
const directory = mkdtempSync(join(tmpdir(), 'ets-bin-'));

function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

beforeAll(() => {
  const sourcesChanged = Math.max(newestSource(join(ROOT, 'cli')), newestSource(join(ROOT, 'model')));
  if (!existsSync(BUILT_MAIN) || statSync(BUILT_MAIN).mtimeMs < sourcesChanged) {
    // tsc emits even when another file has a type error; the typecheck step of `npm test` reports those.
    spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, encoding: 'utf8' });
  }
  expect(existsSync(BUILT_MAIN)).toBe(true);
}, 120_000);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function ets(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'ets.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('node bin/ets.js', () => {
  it.each([[[]], [['run']], [['schema']]])('%j --help exits 0 with usage', (command) => {
    const run = ets(...command, '--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: ets/);
    expect(run.stdout).toContain('Examples:');
  });

  it('runs the default scenario', () => {
    const run = ets('run', 'scenarios/default.yaml');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Scheme gx: GX-ETS Phase 2 (illustrative) — absolute cap');
    expect(run.stderr).toBe('');
  });

  it('a bad scenario: exit code 2, one message without stack trace, no output directory', () => {
    const file = join(directory, 'bad.yaml');
    writeFileSync(file, 'name: bad\nperiods: {start: 2026, count: 0}\ndiscountRate: 0.03\nschemes: []\n');
    const out = join(directory, 'out');
    const run = ets('run', file, '--out', out);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`error: ${file}:2:24: periods.count: must be ≥ 1\n${file}:4:1: schemes: must have at least 1 entry\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('an unknown option: exit code 2', () => {
    const run = ets('run', 'scenarios/default.yaml', '--frobnicate', '5');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("error: unknown option '--frobnicate'");
  });
});
