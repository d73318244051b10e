/** One data point, as PutMetricData or EMF would publish it. */
export interface MetricPoint {
  namespace: string;
  name: string;
  dimensions?: Record<string, string>;
  value: number;
  timestamp: number;
}

interface Series {
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
  points: Array<{ t: number; v: number }>;
}

/** A bounded in-memory metric store: keeps points younger than `retentionMs`, at most `maxPointsPerSeries`. */
export class MetricStore {
  private readonly series = new Map<string, Series>();

  constructor(
    private readonly retentionMs = 3_600_000,
    private readonly maxPointsPerSeries = 50_000,
  ) {}

  put(point: MetricPoint): void {
    const dimensions = point.dimensions ?? {};
    const key = `${point.namespace}\u0000${point.name}\u0000${JSON.stringify(Object.entries(dimensions).sort())}`;
    let series = this.series.get(key);
    if (!series) {
      series = { namespace: point.namespace, name: point.name, dimensions, points: [] };
      this.series.set(key, series);
    }
    series.points.push({ t: point.timestamp, v: point.value });
    const cutoff = point.timestamp - this.retentionMs;
    let drop = 0;
    while (drop < series.points.length && series.points[drop].t < cutoff) drop++;
    if (series.points.length - drop > this.maxPointsPerSeries) drop = series.points.length - this.maxPointsPerSeries;
    if (drop > 0) series.points.splice(0, drop);
  }

  /** Values in (from, to] of every series with this namespace and name whose dimensions include `filter`. */
  values(namespace: string, name: string, filter: Record<string, string>, from: number, to: number): number[] {
    const out: number[] = [];
    for (const series of this.series.values()) {
      if (series.namespace !== namespace || series.name !== name) continue;
      if (!Object.entries(filter).every(([k, v]) => series.dimensions[k] === v)) continue;
      for (const p of series.points) if (p.t > from && p.t <= to) out.push(p.v);
    }
    return out;
  }

  /** The latest value of a metric (any dimensions matching `filter`), if any. */
  latest(namespace: string, name: string, filter: Record<string, string> = {}): { value: number; timestamp: number } | undefined {
    let best: { value: number; timestamp: number } | undefined;
    for (const series of this.series.values()) {
      if (series.namespace !== namespace || series.name !== name) continue;
      if (!Object.entries(filter).every(([k, v]) => series.dimensions[k] === v)) continue;
      const last = series.points[series.points.length - 1];
      if (last && (!best || last.t >= best.timestamp)) best = { value: last.v, timestamp: last.t };
    }
    return best;
  }
}
