/**
 * Pool workers and child processes run the compiled JavaScript in dist/. Tests that use them call `ensureBuilt()`
 * first: it runs `tsc -p tsconfig.build.json` when a source file is newer than dist/, under a lock directory so
 * that test files running in parallel build once.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const MARKER = join(ROOT, 'dist', 'workers', 'chunkWorker.js');
const LOCK = join(ROOT, 'dist', '.test-build-lock');
const SOURCES = ['model', 'io', 'workers', 'cli', 'bench'];

function newestSource(directory: string): number {
  let newest = 0;
  if (!existsSync(directory)) return newest;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function fresh(): boolean {
  if (!existsSync(MARKER)) return false;
  const built = statSync(MARKER).mtimeMs;
  return SOURCES.every((folder) => newestSource(join(ROOT, folder)) <= built);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function ensureBuilt(): void {
  if (fresh()) return;
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 120_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('timed out waiting for another test file to build dist/');
      sleep(250);
    }
  }
  try {
    if (fresh()) return;
    try {
      execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
    } catch (error) {
      // tsc emits even with type errors elsewhere in the tree; what matters is that dist/ is up to date.
      if (!existsSync(MARKER) || statSync(MARKER).mtimeMs < Date.now() - 60_000) throw error;
    }
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
