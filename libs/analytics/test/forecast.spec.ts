import { analyticsSettings } from '@iot-timeseries/schema';
import { analyseWindow, createAugursEtsForecaster, lastValueForecaster, ForecastError } from '../src';
import { windowAt } from './windows';

describe('augurs AutoETS forecaster (WebAssembly, loaded under jest)', () => {
  const ets = createAugursEtsForecaster();

  it('follows a trend where the last value does not', () => {
    const series = Array.from({ length: 30 }, (_, i) => 20 + 0.1 * i + (i % 2 ? 0.03 : -0.03));
    const point = ets.forecast(series, 5);
    // the series continues to 20 + 0.1 * 34 = 23.4
    expect(point.value).toBeCloseTo(23.4, 1);
    expect(lastValueForecaster.forecast(series, 5).value).toBeCloseTo(22.93);
    expect(point.lower).toBeLessThan(point.value);
    expect(point.upper).toBeGreaterThan(point.value);
  });

  it('needs 7 values: a shorter series is a ForecastError, so the settings wait for more history', () => {
    const series = (n: number) => Array.from({ length: n }, (_, i) => 20 + (i % 3) / 10);
    expect(() => ets.forecast(series(6), 3)).toThrow(/AutoETS failed on a series of 6 values: Error: not enough data/);
    expect(ets.forecast(series(7), 3).value).toBeCloseTo(20.1, 0);
    expect(analyticsSettings.forecast.minHistory).toBeGreaterThanOrEqual(7);
  });

  it('names the file when the WebAssembly binary is missing', () => {
    expect(() => createAugursEtsForecaster('/nonexistent/ets_bg.wasm')).toThrow(ForecastError);
  });

  it('analyseWindow forecasts each measure the horizon ahead once there is enough history', () => {
    const history = Array.from({ length: 10 }, (_, i) => windowAt(i, { temperature: { mean: 20 + 0.1 * i, trimmedMean: 20 + 0.1 * i } }));
    const current = windowAt(10, { temperature: { mean: 21, trimmedMean: 21 } });
    const out = analyseWindow({ settings: analyticsSettings, windows: [current], history: new Map([['d1', history]]), forecaster: ets, forecastHorizonSeconds: 300, failureAlertWithinSeconds: 3600 });
    const forecast = out.windows[0].forecasts.temperature;
    expect(forecast.steps).toBe(5);
    expect(forecast.at).toBe(15 * 60_000);
    expect(forecast.value).toBeCloseTo(21.5, 1);
    expect(out.forecastErrors).toEqual([]);
  });
});
