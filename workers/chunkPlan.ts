/**
 * How a batch's runs are cut into chunks (one task and one record batch per table each) and which chunks a shard
 * runs. The plan depends only on the number of runs, the scenario's size and `chunkRuns` — never on the number of
 * workers or on the shard — so the output bytes are the same however the batch is run.
 */

/** Firm-period rows a chunk aims at by default: enough work (~0.1–1 s) to make task overhead negligible. */
export const TARGET_CHUNK_FIRM_PERIODS = 20_000;
/** At least this many chunks when there are enough runs, so that both cores get work in a short batch. */
export const MIN_CHUNKS = 16;
export const MAX_CHUNK_RUNS = 1000;

export class ChunkPlanError extends Error {
  override readonly name = 'ChunkPlanError';
}

export interface Shard {
  /** 1-based index of this shard. */
  index: number;
  count: number;
}

export interface ChunkPlan {
  runs: number;
  chunkRuns: number;
  chunkCount: number;
  /** Chunks of this shard (all chunks when not sharded): [firstChunk, endChunk). */
  firstChunk: number;
  endChunk: number;
}

export function defaultChunkRuns(runs: number, firmPeriods: number): number {
  const bySize = Math.ceil(TARGET_CHUNK_FIRM_PERIODS / Math.max(1, firmPeriods));
  const byCount = Math.ceil(runs / MIN_CHUNKS);
  return Math.max(1, Math.min(bySize, byCount, MAX_CHUNK_RUNS));
}

/** Parses `i/n` (1 ≤ i ≤ n), as given to `--shard`. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (match === null) throw new ChunkPlanError(`--shard: expected i/n with 1 ≤ i ≤ n (e.g. 3/8), got "${text}"`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (!(count >= 1 && index >= 1 && index <= count)) throw new ChunkPlanError(`--shard: expected i/n with 1 ≤ i ≤ n (e.g. 3/8), got "${text}"`);
  return { index, count };
}

export function chunkPlan(runs: number, chunkRuns: number, shard: Shard | null = null): ChunkPlan {
  if (!Number.isInteger(runs) || runs < 1) throw new ChunkPlanError(`--runs must be an integer ≥ 1, got ${runs}`);
  if (!Number.isInteger(chunkRuns) || chunkRuns < 1) throw new ChunkPlanError(`--chunk-runs must be an integer ≥ 1, got ${chunkRuns}`);
  const chunkCount = Math.ceil(runs / chunkRuns);
  if (shard === null) return { runs, chunkRuns, chunkCount, firstChunk: 0, endChunk: chunkCount };
  if (shard.count > chunkCount) throw new ChunkPlanError(`--shard ${shard.index}/${shard.count}: the batch has only ${chunkCount} chunks of ${chunkRuns} runs; use at most ${chunkCount} shards or a smaller --chunk-runs`);
  return {
    runs, chunkRuns, chunkCount,
    firstChunk: Math.floor(((shard.index - 1) * chunkCount) / shard.count),
    endChunk: Math.floor((shard.index * chunkCount) / shard.count),
  };
}

/** [first run, number of runs] of chunk k. */
export function chunkRunRange(plan: ChunkPlan, chunk: number): [number, number] {
  const first = chunk * plan.chunkRuns;
  return [first, Math.min(plan.chunkRuns, plan.runs - first)];
}
