import { windowForecasts, windowMean, type DeviceWindowRow } from '../src';

const row = (extra: Record<string, unknown>): DeviceWindowRow => ({ device_id: 'd1', location: 'hall-1', time: { kind: 'timestamp', text: '', date: new Date(0), nanos: 0n } as unknown as DeviceWindowRow['time'], readings: 6, window_end: 60_000, episodes: '{}', ...extra });

describe('forecasts of a windows-table row', () => {
  it('one per measure that has a value and a target window, the interval only when both ends are there', () => {
    const r = row({ temperature_mean: 21, temperature_forecast: 21.5, temperature_forecast_at: 120_000, temperature_forecast_lower: 20, temperature_forecast_upper: 23, humidity_forecast: 50, humidity_forecast_at: null, vibration_forecast: 0.3, vibration_forecast_at: 120_000, vibration_forecast_lower: 0.1 });
    expect(windowForecasts(r, ['temperature', 'humidity', 'pressure', 'vibration'])).toEqual([
      { measure: 'temperature', value: 21.5, at: 120_000, lower: 20, upper: 23 },
      { measure: 'vibration', value: 0.3, at: 120_000 },
    ]);
    expect(windowMean(r, 'temperature')).toBe(21);
    expect(windowMean(r, 'pressure')).toBeUndefined();
  });
});
