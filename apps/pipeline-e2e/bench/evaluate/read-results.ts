import type { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import type { ForecastedWindow, RaisedAlert } from '@iot-timeseries/analytics';
import { deviceEvents, deviceWindows, runQuery } from '@iot-timeseries/queries';

/** The alerts the window function wrote to the events table in [from, before) (epoch ms), oldest first. */
export async function readAlerts(client: TimestreamQueryClient, from: number, before: number): Promise<RaisedAlert[]> {
  const { rows } = await runQuery(client, deviceEvents({ from, before, states: ['alert'], order: 'oldest' }), { timeoutMs: 120_000 });
  return rows.map((r) => ({ deviceId: r.device_id, kind: r.kind, detector: r.detector, time: r.time.date.getTime(), windowStart: Number(r.window_start), windowEnd: r.time.date.getTime() }));
}

/** The windows the window function wrote in [from, before), with each measure's mean and forecast. */
export async function readForecastedWindows(client: TimestreamQueryClient, from: number, before: number, measures: readonly string[]): Promise<ForecastedWindow[]> {
  const { rows } = await runQuery(client, deviceWindows({ from, before }), { timeoutMs: 120_000 });
  const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  return rows.map((r) => {
    const means: Record<string, number> = {};
    const forecasts: ForecastedWindow['forecasts'] = {};
    for (const m of measures) {
      const mean = num(r[`${m}_mean`]);
      if (mean !== undefined) means[m] = mean;
      const value = num(r[`${m}_forecast`]);
      const at = num(r[`${m}_forecast_at`]);
      if (value !== undefined && at !== undefined) Object.assign(forecasts, { [m]: { value, at, lower: num(r[`${m}_forecast_lower`]), upper: num(r[`${m}_forecast_upper`]) } });
    }
    return { deviceId: r.device_id, start: r.time.date.getTime(), means, forecasts };
  });
}
