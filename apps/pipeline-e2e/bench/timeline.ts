/** The figures of a phase by window of its run (e.g. 10 s each), to see how it starts and whether it holds. */

function windowOf(at: number, from: number, windowMs: number): number {
  return Math.max(0, Math.floor((at - from) / windowMs));
}

/** "PUBACKs per second by 10 s: 3,100 4,900 5,000 …" from the times of the acknowledgements. */
export function formatRateTimeline(times: readonly number[], from: number, windowMs: number): string {
  const counts: number[] = [];
  for (const at of times) {
    const w = windowOf(at, from, windowMs);
    counts[w] = (counts[w] ?? 0) + 1;
  }
  const rates = Array.from(counts, (c) => Math.round(((c ?? 0) * 1000) / windowMs).toLocaleString('en-US'));
  return `PUBACKs per second by ${windowMs / 1000} s: ${rates.join(' ')}`;
}

/** "p99 by 10 s of publishing: 2.10 0.80 … s" from (publish time, latency) pairs. */
export function formatLatencyTimeline(samples: ReadonlyArray<{ publishedAt: number; latencyMs: number }>, from: number, windowMs: number, percentile: (sorted: readonly number[], p: number) => number): string {
  const windows: number[][] = [];
  for (const { publishedAt, latencyMs } of samples) (windows[windowOf(publishedAt, from, windowMs)] ??= []).push(latencyMs);
  const p99 = Array.from(windows, (w) => (w && w.length > 0 ? (percentile([...w].sort((a, b) => a - b), 99) / 1000).toFixed(2) : '-'));
  return `p99 by ${windowMs / 1000} s of publishing: ${p99.join(' ')} s`;
}
