import type { DeviceEvent } from '../src/dashboard-queries';
import { activeAlerts, withForecasts } from '../src/predictive-model';

const T = Date.UTC(2026, 0, 1, 12);
const event = (deviceId: string, detector: string, state: 'alert' | 'clear', minutes: number, extra: Partial<DeviceEvent> = {}): DeviceEvent => ({
  deviceId, location: 'hall-1', kind: 'anomaly', detector, state, severity: 'warning', time: T + minutes * 60_000, episodeStart: T + minutes * 60_000, evidence: '{}', ...extra,
});

describe('active alerts from the events table', () => {
  it('keeps an episode while its newest event is an alert; a clear ends it', () => {
    const alerts = activeAlerts([
      event('d1', 'temperature-spike', 'alert', 0),
      event('d1', 'temperature-spike', 'clear', 5),
      event('d2', 'pressure-jump', 'alert', 2),
      event('d2', 'pressure-jump', 'clear', 1),
    ], T + 10 * 60_000);
    expect(alerts.map((a) => [a.deviceId, a.detector])).toEqual([['d2', 'pressure-jump']]);
  });

  it('gives a failure prediction its expected failure time and the lead time left, critical first', () => {
    const alerts = activeAlerts([
      event('d1', 'temperature-spike', 'alert', 8, { severity: 'info' }),
      event('d3', 'vibration-wear', 'alert', 0, { kind: 'failure-predicted', severity: 'critical', timeToFailureSeconds: 3600, episodeStart: T - 60_000 }),
    ], T + 20 * 60_000);
    expect(alerts[0]).toMatchObject({ deviceId: 'd3', kind: 'failure-predicted', since: new Date(T - 60_000).toISOString(), predictedFailureAt: new Date(T + 3_600_000).toISOString(), leadSeconds: 2400 });
    expect(alerts[1]).not.toHaveProperty('leadSeconds');
    // past the predicted time the lead is 0, not negative
    expect(activeAlerts([event('d3', 'w', 'alert', 0, { timeToFailureSeconds: 60 })], T + 600_000)[0].leadSeconds).toBe(0);
  });
});

describe('forecasts on the charts', () => {
  const chart = { times: [100, 110, 120], series: [{ deviceId: 'd1', values: [1, 2, null] }, { deviceId: 'd2', values: [5, 6, 7] }] };

  it('adds the forecast time to the x values and draws each forecast from the device\'s last value', () => {
    const out = withForecasts({ temperature: chart }, [
      { deviceId: 'd1', measure: 'temperature', at: 180_000, value: 3, lower: 2, upper: 4 },
      { deviceId: 'd2', measure: 'temperature', at: 150_000, value: 8 },
      { deviceId: 'd9', measure: 'temperature', at: 150_000, value: 1 },
    ]).temperature;
    expect(out.times).toEqual([100, 110, 120, 150, 180]);
    expect(out.series).toEqual([{ deviceId: 'd1', values: [1, 2, null, null, null] }, { deviceId: 'd2', values: [5, 6, 7, null, null] }]);
    expect(out.forecasts).toEqual([
      { deviceId: 'd1', values: [null, 2, null, null, 3], at: 180, lower: 2, upper: 4 },
      { deviceId: 'd2', values: [null, null, 7, 8, null], at: 150, lower: undefined, upper: undefined },
    ]);
  });

  it('leaves a chart alone without a forecast ahead of it (another measure, or one already in the past)', () => {
    const charts = withForecasts({ temperature: chart }, [
      { deviceId: 'd1', measure: 'humidity', at: 180_000, value: 3 },
      { deviceId: 'd1', measure: 'temperature', at: 110_000, value: 3 },
    ]);
    expect(charts.temperature).toBe(chart);
  });
});
