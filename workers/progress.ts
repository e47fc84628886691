/**
 * Progress of a batch on stderr: a bar with rate and ETA redrawn in place on a terminal, a plain line every
 * `intervalMs` otherwise (logs of Slurm or Kubernetes jobs), nothing with `--quiet`. The clock is injected.
 */

export interface ProgressSink {
  /** A batch of `total` runs begins (`alreadyDone` of them were completed before, e.g. on resume). */
  start(total: number, label: string, alreadyDone?: number): void;
  /** `runs` more runs are done. */
  advance(runs: number): void;
  finish(): void;
}

export type ProgressMode = 'auto' | 'bar' | 'lines' | 'quiet';

export interface ProgressOptions {
  mode?: ProgressMode;
  stream?: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  now?: () => number;
  /** Plain lines: at most one per interval, ms (default 10 s). */
  intervalMs?: number;
}

export const quietProgress: ProgressSink = { start() {}, advance() {}, finish() {} };

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

const integer = (n: number): string => Math.round(n).toLocaleString('en-US');

export function createProgress(options: ProgressOptions = {}): ProgressSink {
  const stream = options.stream ?? process.stderr;
  const mode = options.mode ?? 'auto';
  if (mode === 'quiet') return quietProgress;
  const bar = mode === 'bar' || (mode === 'auto' && stream.isTTY === true);
  const now = options.now ?? (() => performance.now());
  const intervalMs = options.intervalMs ?? 10_000;
  let total = 0;
  let done = 0;
  let label = '';
  let startedAt = 0;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let started = false;
  let finished = false;

  const status = (): string => {
    const elapsed = (now() - startedAt) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 ? (total - done) / rate : Number.NaN;
    const percent = total > 0 ? (100 * done) / total : 100;
    return `${integer(done)}/${integer(total)} runs (${percent.toFixed(1)} %) · ${rate >= 10 ? integer(rate) : rate.toFixed(1)} runs/s · elapsed ${formatDuration(elapsed)} · ETA ${done >= total ? '0s' : formatDuration(eta)}`;
  };

  const draw = (force: boolean): void => {
    const t = now();
    if (bar) {
      if (!force && t - lastDraw < 100) return;
      lastDraw = t;
      const width = 24;
      const filled = total > 0 ? Math.min(width, Math.round((width * done) / total)) : width;
      const line = `${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${status()}`;
      const columns = stream.columns ?? 120;
      stream.write(`\r${line.slice(0, Math.max(20, columns - 1))}\u001b[K`);
    } else {
      if (!force && t - lastDraw < intervalMs) return;
      lastDraw = t;
      stream.write(`${label}: ${status()}\n`);
    }
  };

  return {
    start(runs, text, alreadyDone = 0) {
      total = runs;
      done = 0;
      label = text;
      startedAt = now();
      started = true;
      finished = false;
      if (alreadyDone > 0) stream.write(`${label}: ${integer(alreadyDone)} runs already complete, resuming\n`);
      lastDraw = bar ? Number.NEGATIVE_INFINITY : now();
      if (!bar) stream.write(`${label}: ${integer(total)} runs\n`);
      else draw(true);
    },
    advance(runs) {
      done += runs;
      draw(false);
    },
    finish() {
      if (!started || finished) return;
      finished = true;
      draw(true);
      if (bar) stream.write('\n');
    },
  };
}
