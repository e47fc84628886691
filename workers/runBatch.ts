/**
 * Runs a Monte Carlo batch: `runs` runs of one or more designs (the same seed, hence the same drawn futures for
 * every design), cut into chunks (`chunkPlan.ts`) executed in-process or on a worker pool, and consumed IN RUN
 * ORDER whatever order they finish in: written to Arrow files (`BatchOutput`), collected in memory for paired
 * comparisons, or both. At most a few chunks are in flight, so memory stays bounded however large the batch.
 *
 * The output bytes depend on the scenario, the seed, the runs, the chunking and the tables — not on the number of
 * workers, on resuming or on sharding.
 */
import { join } from 'node:path';
import { batchSummary, summarizeMetrics, type BatchSummary } from '../io/batchSummary.js';
import type { BatchIdentity } from '../io/batchJournal.js';
import { BatchOutput, SUMMARY_FILE } from '../io/batchOutput.js';
import { canonicalJson } from '../io/canonicalJson.js';
import { decodeChunk, peekFailure, type RunFailure } from '../io/chunkCodec.js';
import { MANIFEST_FORMAT, readManifest, writeManifest, type Manifest, type ManifestDesign } from '../io/manifest.js';
import { outputCatalog, type OutputCatalog } from '../io/outputCatalog.js';
import { provenance } from '../io/provenance.js';
import { sha256Text } from '../io/sha256.js';
import { RUNS_TABLE, SECTORS_TABLE, tableDefinition, tablesFor, type Detail, type TableDefinition, type TableName } from '../io/tables.js';
import { writeJsonAtomic } from '../io/writeJsonAtomic.js';
import { checkSeedAndRun, RandomSeedError } from '../model/random/runRandom.js';
import type { Scenario } from '../model/scenario/schema.js';
import { Realization } from '../model/uncertainty/realizeScenario.js';
import { BatchOptionError, BatchWorkerError, RunFailedError } from './batchErrors.js';
import type { BatchSetup, ChunkTask } from './batchSetup.js';
import { createExecutor, type ChunkExecutor } from './chunkExecutor.js';
import { chunkPlan, chunkRunRange, defaultChunkRuns, type ChunkPlan, type Shard } from './chunkPlan.js';
import { collectChunk, emptyMetrics, readMetrics, type CollectedMetrics } from './metricsCollector.js';
import { quietProgress, type ProgressSink } from './progress.js';

export interface BatchDesign {
  /** Short name: `base`, a design's file name, a sweep point. Names the output subdirectory when there are several. */
  label: string;
  scenario: Scenario;
  /** The scenario file and the SHA-256 of its bytes (null when not read from a file). */
  source: { file: string; fileSha256: string | null };
  overlays?: { file: string; sha256: string }[];
  /** Values a sweep point sets (path → value). */
  parameters?: Record<string, unknown>;
}

export interface RunBatchOptions {
  designs: readonly BatchDesign[];
  /** 0 … 2³² − 1. */
  seed: number;
  runs: number;
  /** 1 runs in-process; more use a pool of compiled workers. Default 1. */
  workers?: number;
  /** Runs per chunk; default from the scenario's size (`defaultChunkRuns`). */
  chunkRuns?: number;
  /** Opt-in tables. */
  details?: readonly Detail[];
  shard?: Shard | null;
  /** Output directory (one design) or the parent of one directory per design label (several). Null: no files. */
  out?: string | null;
  resume?: boolean;
  /** Keep run-level and sector metrics in memory (needed by compare and sweep). */
  collect?: boolean;
  progress?: ProgressSink;
  confidenceLevel?: number;
}

export interface DesignOutcome {
  label: string;
  directory: string | null;
  manifest: Manifest | null;
  summary: BatchSummary | null;
  metrics: CollectedMetrics | null;
}

export interface BatchOutcome {
  plan: ChunkPlan;
  designs: DesignOutcome[];
  /** Runs simulated by this call, all designs together (fewer than planned when resuming). */
  runsSimulated: number;
  /** Firm-periods simulated by this call. */
  firmPeriodsSimulated: number;
  seconds: number;
}

const LABEL = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

interface PreparedDesign {
  design: BatchDesign;
  catalog: OutputCatalog;
  scenarioSha256: string;
  uncertain: boolean;
  firmPeriods: number;
  directory: string | null;
  output: BatchOutput | null;
  collected: CollectedMetrics | null;
}

function checkOptions(options: RunBatchOptions): number {
  try {
    checkSeedAndRun(options.seed, 0);
  } catch (error) {
    if (error instanceof RandomSeedError) throw new BatchOptionError(`--seed: ${error.message}`);
    throw error;
  }
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new BatchOptionError(`--runs must be an integer ≥ 1, got ${options.runs}`);
  const workers = options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1 || workers > 256) throw new BatchOptionError(`--workers must be an integer from 1 to 256, got ${workers}`);
  if (options.designs.length === 0) throw new BatchOptionError('a batch needs at least one design');
  const labels = options.designs.map((d) => d.label);
  for (const label of labels) if (!LABEL.test(label)) throw new BatchOptionError(`design label "${label}" must be letters, digits, "_", "-" or "." (it names an output directory)`);
  const duplicate = labels.find((label, k) => labels.indexOf(label) !== k);
  if (duplicate !== undefined) throw new BatchOptionError(`design label "${duplicate}" is used twice`);
  if (options.resume === true && (options.out === undefined || options.out === null)) throw new BatchOptionError('--resume needs --out (the directory of the interrupted batch)');
  return workers;
}

export async function runBatch(options: RunBatchOptions): Promise<BatchOutcome> {
  const workers = checkOptions(options);
  const startedAt = performance.now();
  const progress = options.progress ?? quietProgress;
  const details = [...(options.details ?? [])];
  const out = options.out ?? null;
  const collect = options.collect === true;
  const shard = options.shard ?? null;
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  const createdBy = provenance();

  const prepared: PreparedDesign[] = options.designs.map((design) => {
    const realization = new Realization(design.scenario, design.source.file); // checks the uncertainty section
    const catalog = outputCatalog(design.scenario);
    return {
      design, catalog,
      scenarioSha256: sha256Text(canonicalJson(design.scenario)),
      uncertain: realization.isUncertain,
      firmPeriods: catalog.values.firm.length * design.scenario.periods.count,
      directory: out === null ? null : options.designs.length === 1 ? out : join(out, design.label),
      output: null,
      collected: null,
    };
  });
  const chunkRuns = options.chunkRuns ?? defaultChunkRuns(options.runs, Math.max(...prepared.map((p) => p.firmPeriods)));
  let plan: ChunkPlan;
  try {
    plan = chunkPlan(options.runs, chunkRuns, shard);
  } catch (error) {
    throw new BatchOptionError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  const tables: TableDefinition[] = out === null ? [RUNS_TABLE, SECTORS_TABLE] : tablesFor(details);
  const tableNames: TableName[] = tables.map((t) => t.name);
  const chunks = Array.from({ length: plan.endChunk - plan.firstChunk }, (_, k) => plan.firstChunk + k);
  const firstRun = chunkRunRange(plan, plan.firstChunk)[0];
  const endRun = plan.endChunk === plan.firstChunk ? firstRun : chunkRunRange(plan, plan.endChunk - 1).reduce((a, b) => a + b);
  const shardInfo = shard === null ? null : { index: shard.index, count: shard.count, firstChunk: plan.firstChunk, endChunk: plan.endChunk, firstRun, endRun };
  const identityOf = (p: PreparedDesign): BatchIdentity => ({
    format: MANIFEST_FORMAT,
    package: createdBy.package?.version ?? null,
    scenarioSha256: p.scenarioSha256,
    design: p.design.label,
    seed: options.seed,
    runs: options.runs,
    chunkRuns: plan.chunkRuns,
    tables: tableNames,
    shard: shard === null ? null : { index: shard.index, count: shard.count },
  });

  let executor: ChunkExecutor | null = null;
  try {
    for (const p of prepared) {
      if (p.directory !== null) {
        p.output = BatchOutput.open({ directory: p.directory, identity: identityOf(p), tables, catalog: p.catalog, chunks, resume: options.resume === true });
        if (p.output.alreadyComplete) {
          const manifest = readManifest(p.directory);
          if (canonicalJson(manifest.batch) !== canonicalJson(identityOf(p))) {
            throw new BatchOptionError(`${p.directory}: holds a complete batch with other settings; choose another --out directory`);
          }
        }
      }
      if (collect && out === null) p.collected = emptyMetrics(firstRun, endRun - firstRun, p.catalog.values.sector);
    }

    const tasks: ChunkTask[] = [];
    for (const chunk of chunks) {
      const [first, count] = chunkRunRange(plan, chunk);
      prepared.forEach((p, design) => {
        if (p.output !== null && chunk - plan.firstChunk < p.output.completedChunks) return;
        tasks.push({ design, chunk, firstRun: first, runCount: count });
      });
    }
    const plannedRuns = (endRun - firstRun) * prepared.length;
    const remainingRuns = tasks.reduce((sum, task) => sum + task.runCount, 0);
    let runsSimulated = 0;
    let firmPeriodsSimulated = 0;

    if (tasks.length > 0) {
      const setup: BatchSetup = { designs: prepared.map((p) => ({ label: p.design.label, scenario: p.design.scenario })), seed: options.seed, tables: tableNames };
      executor = createExecutor(setup, workers);
      const kinds = (name: TableName): string[] => tableDefinition(name).columns.map((c) => c.kind);
      const window = executor.concurrency === 1 ? 1 : executor.concurrency * 2;
      const pending = new Map<number, Promise<ArrayBuffer>>();
      let earlyFailure: RunFailure | null = null;
      let submitted = 0;
      const submit = (index: number): void => {
        const promise = executor!.run(tasks[index]!);
        promise.then((message) => { earlyFailure ??= peekFailure(message); }, () => {});
        pending.set(index, promise);
      };
      progress.start(plannedRuns, prepared.length === 1 ? prepared[0]!.design.label : `${prepared.length} designs`, plannedRuns - remainingRuns);
      for (let next = 0; next < tasks.length; next++) {
        while (submitted < tasks.length && submitted - next < window && earlyFailure === null) submit(submitted++);
        if (earlyFailure !== null) throw new RunFailedError(earlyFailure);
        let message: ArrayBuffer;
        try {
          message = await pending.get(next)!;
        } catch (error) {
          throw new BatchWorkerError(`a worker failed on chunk ${tasks[next]!.chunk}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
        pending.delete(next);
        const decoded = decodeChunk(message, kinds);
        if (decoded.header.failure !== null) throw new RunFailedError(decoded.header.failure);
        const p = prepared[decoded.header.design]!;
        p.output?.write(decoded);
        if (p.collected !== null) collectChunk(p.collected, decoded, p.catalog.values.sector);
        runsSimulated += decoded.header.runCount;
        firmPeriodsSimulated += decoded.header.runCount * p.firmPeriods;
        progress.advance(decoded.header.runCount);
      }
      progress.finish();
      await executor.close();
      executor = null;
    }

    const outcomes: DesignOutcome[] = [];
    for (const p of prepared) {
      let manifest: Manifest | null = null;
      let summary: BatchSummary | null = null;
      if (p.output !== null && p.directory !== null) {
        if (!p.output.alreadyComplete) {
          const finished = p.output.finishTables();
          summary = await batchSummary(p.directory, p.design.scenario.currency, confidenceLevel);
          writeJsonAtomic(join(p.directory, SUMMARY_FILE), summary);
          const design: ManifestDesign = { label: p.design.label, overlays: p.design.overlays ?? [], parameters: p.design.parameters ?? {} };
          manifest = await writeManifest(p.directory, {
            batch: identityOf(p),
            createdBy,
            scenario: { name: p.design.scenario.name, currency: p.design.scenario.currency, file: p.design.source.file, fileSha256: p.design.source.fileSha256, sha256: p.scenarioSha256 },
            design,
            seed: options.seed,
            runs: options.runs,
            chunkRuns: plan.chunkRuns,
            chunkCount: plan.chunkCount,
            shard: shardInfo,
            details,
            uncertain: p.uncertain,
          }, finished);
          p.output.complete();
        } else {
          manifest = readManifest(p.directory);
          summary = await batchSummary(p.directory, p.design.scenario.currency, confidenceLevel);
        }
        if (collect) p.collected = await readMetrics(p.directory);
      } else if (p.collected !== null) {
        summary = summarizeMetrics(p.collected.metrics, p.collected.sectors, p.design.scenario.currency, confidenceLevel);
      }
      outcomes.push({ label: p.design.label, directory: p.directory, manifest, summary, metrics: p.collected });
    }
    return { plan, designs: outcomes, runsSimulated, firmPeriodsSimulated, seconds: (performance.now() - startedAt) / 1000 };
  } catch (error) {
    for (const p of prepared) p.output?.abandon();
    throw error;
  } finally {
    progress.finish();
    if (executor !== null) await executor.close().catch(() => {});
  }
}

