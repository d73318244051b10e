import { createAugursEtsForecaster } from '@iot-timeseries/analytics';
import { deviceEvents, deviceWindows, runQuery } from '@iot-timeseries/queries';
import { analyticsSettings, analyticsTables, ANALYTICS_METRICS, parseWindowEnvironment, timestreamSettings, type AlertMessage } from '@iot-timeseries/schema';
import { startTestTimestream, type TestTimestream } from '@iot-timeseries/timestream-local/testing';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAlertPublisher } from '../../src/windows/alert-publisher';
import { createWindowHandler, type WindowEvent } from '../../src/windows/create-window-handler';
import { kinesisEvent, sensorMessage } from '../support/events';
import { RecordingMetrics, silentLogger } from '../support/fakes';

jest.setTimeout(90_000);

const WINDOW_MS = 60_000;
const WINDOWS = 14;
const PER_WINDOW = 10;

/** sensor-001 stays healthy (one temperature spike in window 9); sensor-002 wears out from window 8 on. */
function messagesOf(window: number, start: number): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (let i = 0; i < PER_WINDOW; i++) {
    const t = start + i * (WINDOW_MS / PER_WINDOW) + 100;
    const wobble = ((i * 7 + window * 3) % 5) / 100;
    const wear = window >= 8 ? ((window - 7) * PER_WINDOW + i) / (6 * PER_WINDOW) : 0;
    const spike = window === 9 && i === 4 ? 15 : 0;
    out.push(sensorMessage('sensor-001', t, { sensors: { temperature: 21 + wobble + spike, humidity: 50 + wobble, pressure: 1013 + wobble, vibration: 0.05 + wobble / 10 } }));
    out.push(sensorMessage('sensor-002', t, { sensors: { temperature: 24 + wobble + 4 * wear, humidity: 48 + wobble, pressure: 1011 + wobble, vibration: 0.04 + wobble / 10 + 0.6 * wear ** 3 } }));
  }
  return out;
}

describe('the window function against the local Timestream server', () => {
  let ts: TestTimestream;
  let alertDir: string;
  const metrics = new RecordingMetrics();
  const predictedPerWindow: number[] = [];
  const first = Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS - (WINDOWS + 2) * WINDOW_MS;

  beforeAll(async () => {
    const db = timestreamSettings.databaseName;
    ts = await startTestTimestream({ tables: [{ DatabaseName: db, TableName: analyticsTables.windows.tableName }, { DatabaseName: db, TableName: analyticsTables.events.tableName }] });
    alertDir = await mkdtemp(path.join(tmpdir(), 'window-alerts-'));
    const config = parseWindowEnvironment({ DATABASE_NAME: db, TABLE_NAME: timestreamSettings.tableName, ALERT_DIR: alertDir, FORECAST_HORIZON_SECONDS: '180' });
    const handler = createWindowHandler({ writeClient: ts.writeClient(), queryClient: ts.queryClient(), publish: createAlertPublisher(config.alerts, { log: () => undefined }), config, settings: analyticsSettings, forecaster: createAugursEtsForecaster(), logger: silentLogger(), metrics });
    for (let w = 0; w < WINDOWS; w++) {
      const start = first + w * WINDOW_MS;
      const window = { start: new Date(start).toISOString(), end: new Date(start + WINDOW_MS).toISOString() };
      const messages = messagesOf(w, start);
      const half = messages.length / 2;
      const invoke = (batch: Array<Record<string, unknown>>, state: unknown, final: boolean) =>
        handler({ ...kinesisEvent(batch, { arrivalMs: start + 500 }), window, state, shardId: 'shardId-000000000000', eventSourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/s', isFinalInvokeForWindow: final, isWindowTerminatedEarly: false } as WindowEvent);
      const before = metrics.get(ANALYTICS_METRICS.predictedFailures);
      const firstHalf = await invoke(messages.slice(0, half), {}, false);
      expect(firstHalf.state).toMatchObject({ v: 1, devices: { 'sensor-001': { readings: PER_WINDOW / 2 } } });
      const last = await invoke(messages.slice(half), firstHalf.state, true);
      expect(last).toEqual({ state: {}, batchItemFailures: [] });
      predictedPerWindow.push(metrics.get(ANALYTICS_METRICS.predictedFailures) - before);
    }
  });
  afterAll(async () => {
    await ts?.close();
    await rm(alertDir, { recursive: true, force: true });
  });

  it('writes one row per device and window with its features, and forecasts once there is enough history', async () => {
    const { rows } = await runQuery(ts.queryClient(), deviceWindows({ window: '1d' }));
    expect(rows).toHaveLength(2 * WINDOWS);
    const healthy = rows.filter((r) => r.device_id === 'sensor-001');
    expect(healthy.map((r) => r.readings)).toEqual(Array(WINDOWS).fill(PER_WINDOW));
    expect(healthy[0].time.date.getTime()).toBe(first);
    expect(healthy[0].window_end).toBe(first + WINDOW_MS);
    expect(Number(healthy[3].vibration_trimmedMean)).toBeCloseTo(0.052, 2);
    const withForecast = healthy.filter((r) => typeof r.temperature_forecast === 'number');
    // a forecast needs minHistory windows (the current one included); three windows ahead
    expect(withForecast).toHaveLength(WINDOWS - analyticsSettings.forecast.minHistory + 1);
    expect(withForecast[0].temperature_forecast_at).toBe(withForecast[0].time.date.getTime() + 3 * WINDOW_MS);
    expect(Math.abs(Number(withForecast[withForecast.length - 1].pressure_forecast) - 1013)).toBeLessThan(0.2);
  });

  it('predicts the failure of the wearing machine only, alerts once, and counts it as PredictedFailures', async () => {
    const { rows } = await runQuery(ts.queryClient(), deviceEvents({ window: '1d', kinds: ['failure-predicted'], order: 'oldest' }));
    expect(rows.map((r) => [r.device_id, r.detector, r.state])).toEqual([['sensor-002', 'vibration-wear', 'alert']]);
    expect(Number(rows[0].time_to_failure_s)).toBeGreaterThan(0);
    const alerted = (rows[0].time.date.getTime() - first) / WINDOW_MS - 1;
    expect(alerted).toBeGreaterThanOrEqual(10);
    // from the window that raised it on, one device is predicted to fail in every window
    expect(predictedPerWindow.slice(0, alerted)).toEqual(Array(alerted).fill(0));
    expect(predictedPerWindow.slice(alerted)).toEqual(Array(WINDOWS - alerted).fill(1));
  });

  it('raises and clears the spike of the healthy device, and publishes each event to the alert directory once', async () => {
    const { rows } = await runQuery(ts.queryClient(), deviceEvents({ window: '1d', devices: ['sensor-001'], order: 'oldest' }));
    expect(rows.map((r) => [r.detector, r.state, (r.time.date.getTime() - first) / WINDOW_MS])).toEqual([
      ['temperature-spike', 'alert', 10],
      ['temperature-spike', 'clear', 12],
    ]);
    expect(JSON.parse(rows[0].evidence)).toMatchObject({ measure: 'temperature', feature: 'spike' });
    const files = (await readdir(alertDir)).filter((f) => f.endsWith('.jsonl'));
    const published = (await Promise.all(files.map((f) => readFile(path.join(alertDir, f), 'utf8')))).join('').trim().split('\n').map((l) => JSON.parse(l) as AlertMessage);
    const all = await runQuery(ts.queryClient(), deviceEvents({ window: '1d' }));
    expect(published).toHaveLength(all.rows.length);
    expect(new Set(published.map((a) => a.alertId)).size).toBe(published.length);
    const failure = published.find((a) => a.kind === 'failure-predicted');
    expect(failure).toMatchObject({ deviceId: 'sensor-002', state: 'alert', severity: 'critical' });
    expect(Date.parse(failure?.predictedFailureAt ?? '')).toBe(Date.parse(failure?.time ?? '') + (failure?.timeToFailureSeconds ?? NaN) * 1000);
    expect(metrics.get(ANALYTICS_METRICS.windowsProcessed)).toBe(WINDOWS);
  });
});
