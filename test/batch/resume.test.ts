/**
 * `--resume` after a real `kill -9`: a child process runs `ets run … --runs N --out DIR` and is killed with SIGKILL
 * in the middle of the batch. The directory then holds no complete-looking file (only `.partial` files and the
 * journal); resuming it gives files byte-identical (SHA-256) to an uninterrupted batch — also with a torn last
 * journal line and garbage after the last complete chunk, as a crash mid-write leaves them.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { JOURNAL_FILE } from '../../io/batchJournal.js';
import { BatchOutputError } from '../../io/batchOutput.js';
import { sha256File } from '../../io/sha256.js';
import { runBatch } from '../../workers/runBatch.js';
import { batchScenario, design, temporaryDirectory } from './support/batchScenario.js';
import { ensureBuilt, ROOT } from './support/ensureBuilt.js';

const RUNS = 600;
const CHUNK_RUNS = 3;
const SEED = 99;

async function hashes(directory: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of readdirSync(directory).sort()) out[file] = await sha256File(join(directory, file));
  return out;
}

function journalChunks(directory: string): number {
  const path = join(directory, JOURNAL_FILE);
  if (!existsSync(path)) return 0;
  return readFileSync(path, 'utf8').split('\n').filter((line) => line.startsWith('{"type":"chunk"')).length;
}

/** Runs `ets run` in a child process and kills it with SIGKILL once `killAfterChunks` chunks are journaled. */
function runAndKill(args: string[], directory: string, killAfterChunks: number): Promise<{ signal: NodeJS.Signals | null; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'ets.js'), ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => { stderr += data.toString(); });
    const timer = setInterval(() => {
      if (journalChunks(directory) >= killAfterChunks) {
        clearInterval(timer);
        child.kill('SIGKILL');
      }
    }, 5);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      if (signal === null && code !== 0) reject(new Error(`child exited with ${code}: ${stderr}`));
      else resolve({ signal, code });
    });
  });
}

let scenarioFile: string;
let reference: Record<string, string>;

beforeAll(async () => {
  ensureBuilt();
  const scratch = temporaryDirectory();
  scenarioFile = join(scratch, 'batch-test.json');
  writeFileSync(scenarioFile, JSON.stringify(batchScenario()));
  const referenceDirectory = join(scratch, 'reference');
  // The uninterrupted batch, in-process, recording the same source file and label as the CLI.
  await runBatch({
    designs: [{ ...design(batchScenario()), source: { file: scenarioFile, fileSha256: await sha256File(scenarioFile) }, overlays: [] }],
    seed: SEED, runs: RUNS, chunkRuns: CHUNK_RUNS, workers: 1, out: referenceDirectory, details: ['firms'],
  });
  reference = await hashes(referenceDirectory);
}, 180_000);

describe('resume after kill -9', () => {
  it('a killed batch leaves only partial files; resuming it equals an uninterrupted batch, byte for byte', async () => {
    const out = join(temporaryDirectory(), 'mc');
    const args = ['run', scenarioFile, '--runs', String(RUNS), '--seed', String(SEED), '--chunk-runs', String(CHUNK_RUNS), '--detail', 'firms', '--out', out, '--quiet'];
    const killed = await runAndKill([...args, '--workers', '1'], out, 15);
    expect(killed.signal).toBe('SIGKILL');
    const done = journalChunks(out);
    expect(done).toBeGreaterThanOrEqual(15);
    expect(done).toBeLessThan(RUNS / CHUNK_RUNS);
    const files = readdirSync(out).sort();
    expect(files.filter((f) => f.endsWith('.arrow') || f === 'manifest.json' || f === 'summary.json')).toEqual([]);
    expect(files).toContain('runs.arrow.partial');

    // What a crash in the middle of a write leaves: bytes after the last journaled chunk, and a torn journal line.
    appendFileSync(join(out, 'firms.arrow.partial'), Buffer.alloc(1000, 7));
    appendFileSync(join(out, JOURNAL_FILE), '{"type":"chunk","chunk":');

    // Resuming with other settings is refused, naming what differs.
    await expect(runBatch({ designs: [design()], seed: SEED + 1, runs: RUNS, chunkRuns: CHUNK_RUNS, out, resume: true, details: ['firms'] }))
      .rejects.toThrow(/seed: 99 in the interrupted batch, 100 now/);
    // Starting afresh in the same directory is refused too.
    await expect(runBatch({ designs: [design()], seed: SEED, runs: RUNS, chunkRuns: CHUNK_RUNS, out, details: ['firms'] })).rejects.toThrow(BatchOutputError);

    // Resume in a new process, with 2 workers this time.
    const resumed = await runAndKill([...args, '--workers', '2', '--resume'], out, Number.POSITIVE_INFINITY);
    expect(resumed).toEqual({ signal: null, code: 0 });
    expect(await hashes(out)).toEqual(reference);
  });

  it('can be started with --resume, killed and resumed repeatedly; resuming a complete batch does nothing', async () => {
    const out = join(temporaryDirectory(), 'mc');
    const args = ['run', scenarioFile, '--runs', String(RUNS), '--seed', String(SEED), '--chunk-runs', String(CHUNK_RUNS), '--detail', 'firms', '--out', out, '--quiet', '--workers', '2'];
    await runAndKill([...args, '--resume'], out, 8);
    const first = journalChunks(out);
    await runAndKill([...args, '--resume'], out, first + 20);
    expect(journalChunks(out)).toBeGreaterThan(first);
    expect(await runAndKill([...args, '--resume'], out, Number.POSITIVE_INFINITY)).toEqual({ signal: null, code: 0 });
    expect(await hashes(out)).toEqual(reference);
    const again = await runBatch({
      designs: [{ ...design(batchScenario()), source: { file: scenarioFile, fileSha256: await sha256File(scenarioFile) }, overlays: [] }],
      seed: SEED, runs: RUNS, chunkRuns: CHUNK_RUNS, out, resume: true, details: ['firms'],
    });
    expect(again.runsSimulated).toBe(0);
    expect(await hashes(out)).toEqual(reference);
  });
});
