import type { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { anomalies, chooseSource, runQuery } from '@iot-timeseries/queries';
import { MEASURE_NAMES, rollupSettings } from '@iot-timeseries/schema';
import type { RangeView } from '../src';

/** Rows equal within rounding: same keys and texts, numbers within 1e-9 relative; returns the largest relative difference. */
export function assertSame(label: string, a: readonly object[], b: readonly object[]): number {
  if (a.length !== b.length) throw new Error(`${label}: ${a.length} rows from the rollups, ${b.length} from the raw readings`);
  let worst = 0;
  a.forEach((row, i) => {
    for (const [key, x] of Object.entries(row)) {
      const y = (b[i] as Record<string, unknown>)[key];
      if (typeof x === 'number' && typeof y === 'number') {
        const diff = Math.abs(x - y) / Math.max(1, Math.abs(y));
        worst = Math.max(worst, diff);
        if (diff > 1e-9) throw new Error(`${label}: row ${i} ${key} is ${x} from the rollups, ${y} from the raw readings`);
      } else if (JSON.stringify(x) !== JSON.stringify(y)) throw new Error(`${label}: row ${i} ${key} is ${JSON.stringify(x)} from the rollups, ${JSON.stringify(y)} from the raw readings`);
    }
  });
  return worst;
}

/**
 * The anomalies panel finds none in this fleet: its baselines are compared instead, every device's mean and standard
 * deviation of every measure over 7 days, pooled from the view's rollup, from the baseline rollup and from the raw readings (every reading of the
 * live window, threshold 0, carries its device's baseline); returns the largest relative difference.
 */
export async function sameBaselines(query: TimestreamQueryClient, view: RangeView, liveMinutes: number, devices: number, log: (line: string) => void): Promise<number> {
  const source = view.source.kind === 'rollup' ? chooseSource(7 * 86_400_000, 3_600_000) : view.source;
  if (source.kind === 'raw') throw new Error('the view reads no rollup');
  let worst = 0;
  for (const measure of MEASURE_NAMES) {
    const baselines = async (baselineSource: string) => {
      const built = anomalies({ measure, recent: `${liveMinutes}m`, baseline: '7d', baselineBin: '1h', baselineSource, threshold: 0, limit: 1_000_000 });
      const byDevice = new Map((await runQuery(query, built, { timeoutMs: 10 * 60_000 })).rows.map((r) => [r.device_id, { deviceId: r.device_id, avg: r.baseline_avg, stddev: r.baseline_stddev }]));
      return [...byDevice.values()].sort((a, b) => a.deviceId.localeCompare(b.deviceId));
    };
    const raw = await baselines('raw');
    if (raw.length < devices) throw new Error(`${measure}: baselines of ${raw.length} devices, expected ${devices}`);
    for (const pooled of [source.rollup.id, rollupSettings.baseline.id]) worst = Math.max(worst, assertSame(`${measure} baselines from ${pooled}`, await baselines(pooled), raw));
  }
  log(`anomaly baselines of ${devices} devices x ${MEASURE_NAMES.length} measures equal from ${source.rollup.id}, from ${rollupSettings.baseline.id} and from the raw readings (largest relative difference ${worst.toExponential(1)})`);
  return worst;
}
