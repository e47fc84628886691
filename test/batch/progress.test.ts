/** Progress on stderr: a redrawn bar on a terminal, throttled plain lines otherwise, nothing when quiet. */
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../workers/progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 200, write: (text: string) => { writes.push(text); return true; } } };
}

describe('progress', () => {
  it('plain lines (not a terminal): a first line, then at most one line per interval, and a last line', () => {
    let now = 0;
    const { writes, stream } = fakeStream(false);
    const progress = createProgress({ stream, now: () => now, intervalMs: 10_000 });
    progress.start(1000, 'base');
    now = 4000;
    progress.advance(200); // within the interval: no line
    now = 10_000;
    progress.advance(300);
    now = 20_000;
    progress.advance(500);
    progress.finish();
    progress.finish(); // idempotent
    expect(writes).toEqual([
      'base: 1,000 runs\n',
      'base: 500/1,000 runs (50.0 %) · 50 runs/s · elapsed 10s · ETA 10s\n',
      'base: 1,000/1,000 runs (100.0 %) · 50 runs/s · elapsed 20s · ETA 0s\n',
      'base: 1,000/1,000 runs (100.0 %) · 50 runs/s · elapsed 20s · ETA 0s\n',
    ]);
  });

  it('a bar on a terminal, redrawn in place with rate and ETA, ending with a newline', () => {
    let now = 0;
    const { writes, stream } = fakeStream(true);
    const progress = createProgress({ stream, now: () => now });
    progress.start(400, 'base', 100);
    now = 2000;
    progress.advance(100);
    progress.finish();
    expect(writes[0]).toBe('base: 100 runs already complete, resuming\n');
    expect(writes.at(-2)).toBe('\rbase [██████░░░░░░░░░░░░░░░░░░] 100/400 runs (25.0 %) · 50 runs/s · elapsed 2s · ETA 6s\u001b[K');
    expect(writes.at(-1)).toBe('\n');
  });

  it('quiet writes nothing', () => {
    const { writes, stream } = fakeStream(true);
    const progress = createProgress({ stream, mode: 'quiet' });
    progress.start(10, 'x');
    progress.advance(10);
    progress.finish();
    expect(writes).toEqual([]);
  });
});
