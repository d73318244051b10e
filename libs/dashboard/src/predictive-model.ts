import type { DashboardModel } from './dashboard-model';
import type { DeviceEvent, MeasureForecastPoint } from './dashboard-queries';

/**
 * The episodes still open: per device, kind and detector, the newest event, kept when it is an
 * alert (a clear ends the episode). A failure prediction carries when the machine is expected to
 * fail (raised + time to failure) and the lead time left until then. Critical first, newest first.
 */
export function activeAlerts(events: readonly DeviceEvent[], now: number): DashboardModel['alerts'] {
  const newest = new Map<string, DeviceEvent>();
  for (const e of events) {
    const key = `${e.deviceId}|${e.kind}|${e.detector}`;
    const seen = newest.get(key);
    if (!seen || e.time >= seen.time) newest.set(key, e);
  }
  const rank = { critical: 0, warning: 1, info: 2 } as const;
  return [...newest.values()]
    .filter((e) => e.state === 'alert')
    .sort((a, b) => rank[a.severity] - rank[b.severity] || b.time - a.time || a.deviceId.localeCompare(b.deviceId))
    .map((e) => {
      const failureAt = e.timeToFailureSeconds === undefined ? undefined : e.time + e.timeToFailureSeconds * 1000;
      return {
        deviceId: e.deviceId,
        location: e.location,
        kind: e.kind,
        detector: e.detector,
        severity: e.severity,
        since: new Date(e.episodeStart ?? e.time).toISOString(),
        evidence: e.evidence,
        ...(failureAt === undefined ? {} : { predictedFailureAt: new Date(failureAt).toISOString(), leadSeconds: Math.max(0, (failureAt - now) / 1000) }),
      };
    });
}

/**
 * Adds each shown device's forecast to its measure's chart: the forecast target times join the
 * chart's x values, the real series get gaps there, and one forecast series per device runs from
 * its last binned value to the forecast (so it is drawn as the chart's continuation).
 */
export function withForecasts(charts: DashboardModel['charts'], points: readonly MeasureForecastPoint[]): DashboardModel['charts'] {
  const out: DashboardModel['charts'] = {};
  for (const [measure, chart] of Object.entries(charts)) {
    const shown = new Set(chart.series.map((s) => s.deviceId));
    const mine = points.filter((p) => p.measure === measure && shown.has(p.deviceId) && chart.times.length > 0 && p.at / 1000 > chart.times[chart.times.length - 1]);
    if (mine.length === 0) {
      out[measure] = chart;
      continue;
    }
    const times = [...new Set([...chart.times, ...mine.map((p) => p.at / 1000)])].sort((a, b) => a - b);
    const index = new Map(times.map((t, i) => [t, i]));
    const realign = (values: Array<number | null>) => {
      const next = new Array<number | null>(times.length).fill(null);
      chart.times.forEach((t, i) => (next[index.get(t) as number] = values[i]));
      return next;
    };
    const series = chart.series.map((s) => ({ deviceId: s.deviceId, values: realign(s.values) }));
    const forecasts = mine.map((p) => {
      const own = series.find((s) => s.deviceId === p.deviceId);
      const values = new Array<number | null>(times.length).fill(null);
      const last = own ? own.values.reduce<number>((found, v, i) => (v !== null ? i : found), -1) : -1;
      if (own && last >= 0) values[last] = own.values[last];
      values[index.get(p.at / 1000) as number] = p.value;
      return { deviceId: p.deviceId, values, lower: p.lower, upper: p.upper, at: p.at / 1000 };
    });
    out[measure] = { times, series, forecasts };
  }
  return out;
}
