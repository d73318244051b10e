import type { DeadLetterTotals, PipelineSnapshot, PutAsideEntry, PutAsideGroup, PutAsideSource } from '@iot-timeseries/local-cloud-client';

/** Counters of the local pipeline, with a bounded log of what was put aside and why. */
export class PipelineStats {
  private readonly startedAt = new Date().toISOString();
  private readonly arrivals: number[] = [];
  private readonly recent: PutAsideEntry[] = [];
  private readonly byReason = new Map<string, { count: number; latest: PutAsideEntry }>();
  counters = {
    messagesReceived: 0,
    ruleMatched: 0,
    ruleErrors: 0,
    recordsToStream: 0,
    streamRefused: 0,
    lambdaInvocations: 0,
    lambdaErrors: 0,
    readingsWritten: 0,
    messagesInvalid: 0,
    recordsRejected: 0,
    putAsideTotal: 0,
  };
  /** What the dead-letter directory holds (set from disk at start, then kept up to date). */
  readonly deadLetters: DeadLetterTotals = { total: 0, byStage: {}, atStart: 0, replayed: 0, oldest: null };

  constructor(
    private readonly maxRecent = 200,
    private readonly maxReasons = 100,
    private readonly rateWindowMs = 10_000,
  ) {}

  messageReceived(now = Date.now()): void {
    this.counters.messagesReceived++;
    this.arrivals.push(now);
    if (this.arrivals.length > 100_000) this.arrivals.splice(0, this.arrivals.length - 100_000);
  }

  putAside(source: PutAsideSource, reason: string, deviceId?: string, now = Date.now()): void {
    this.counters.putAsideTotal++;
    const entry: PutAsideEntry = { at: new Date(now).toISOString(), source, reason, deviceId };
    this.recent.push(entry);
    if (this.recent.length > this.maxRecent) this.recent.splice(0, this.recent.length - this.maxRecent);
    // Group by the reason's wording without the concrete numbers, so "humidity 140 is outside" and
    // "humidity 150 is outside" count together; each group keeps its newest entry, numbers and all.
    const key = reason.replace(/-?\d+(\.\d+)?/g, 'N');
    this.byReason.set(key, { count: (this.byReason.get(key)?.count ?? 0) + 1, latest: entry });
    const oldest = this.byReason.keys().next();
    if (this.byReason.size > this.maxReasons && !oldest.done) this.byReason.delete(oldest.value);
  }

  /** The dead letters found on disk at start. */
  deadLettersOnDisk(byStage: Record<string, number>, oldest: string | null, replayed: number): void {
    const total = Object.values(byStage).reduce((a, b) => a + b, 0);
    Object.assign(this.deadLetters, { total, byStage: { ...byStage }, atStart: total, replayed, oldest });
  }

  /** One more dead letter in the directory. */
  deadLetterStored(stage: string, at = new Date().toISOString()): void {
    this.deadLetters.total++;
    this.deadLetters.byStage[stage] = (this.deadLetters.byStage[stage] ?? 0) + 1;
    this.deadLetters.oldest ??= at;
  }

  snapshot(now = Date.now()): PipelineSnapshot {
    const from = now - this.rateWindowMs;
    let drop = 0;
    while (drop < this.arrivals.length && this.arrivals[drop] < from) drop++;
    this.arrivals.splice(0, drop);
    return {
      startedAt: this.startedAt,
      ...this.counters,
      messagesPerSecond: Number((this.arrivals.length / (this.rateWindowMs / 1000)).toFixed(2)),
      putAsideByReason: Object.fromEntries([...this.byReason].map(([pattern, g]) => [pattern, g.count])),
      putAsideGroups: [...this.byReason]
        .map(([pattern, g]): PutAsideGroup => ({ pattern, count: g.count, latest: g.latest }))
        .sort((a, b) => b.count - a.count || b.latest.at.localeCompare(a.latest.at)),
      recentPutAside: [...this.recent].reverse(),
      deadLetters: { ...this.deadLetters, byStage: { ...this.deadLetters.byStage } },
    };
  }
}
