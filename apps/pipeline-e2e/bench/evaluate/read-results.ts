import type { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import type { ForecastedWindow, RaisedAlert } from '@iot-timeseries/analytics';
import { deviceEvents, deviceWindows, runQuery, windowForecasts, windowMean } from '@iot-timeseries/queries';

/** The alerts the window function wrote to the events table in [from, before) (epoch ms), oldest first. */
export async function readAlerts(client: TimestreamQueryClient, from: number, before: number): Promise<RaisedAlert[]> {
  const { rows } = await runQuery(client, deviceEvents({ from, before, states: ['alert'], order: 'oldest' }), { timeoutMs: 120_000 });
  return rows.map((r) => ({ deviceId: r.device_id, kind: r.kind, detector: r.detector, time: r.time.date.getTime(), windowStart: Number(r.window_start), windowEnd: r.time.date.getTime() }));
}

/** The windows the window function wrote in [from, before), with each measure's mean and forecast. */
export async function readForecastedWindows(client: TimestreamQueryClient, from: number, before: number, measures: readonly string[]): Promise<ForecastedWindow[]> {
  const { rows } = await runQuery(client, deviceWindows({ from, before }), { timeoutMs: 120_000 });
  return rows.map((r) => {
    const means: Record<string, number> = {};
    for (const m of measures) {
      const mean = windowMean(r, m);
      if (mean !== undefined) means[m] = mean;
    }
    const forecasts = Object.fromEntries(windowForecasts(r, measures).map(({ measure, ...f }) => [measure, f]));
    return { deviceId: r.device_id, start: r.time.date.getTime(), means, forecasts };
  });
}
