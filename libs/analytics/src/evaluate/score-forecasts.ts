/** A device's window as the windows table holds it: its start, each measure's mean, and the forecasts made at its end. */
export interface ForecastedWindow {
  deviceId: string;
  start: number;
  means: Readonly<Record<string, number>>;
  /** Per measure: the forecast value, for the window starting at `at`, with its interval when known. */
  forecasts: Readonly<Record<string, { value: number; at: number; lower?: number; upper?: number }>>;
}

export interface ForecastScore {
  measure: string;
  /** Forecasts whose target window was observed. */
  n: number;
  /** Mean absolute percentage error of the forecasts (%), and of the naive forecast (the window's own mean) over the same targets. */
  mape: number;
  naiveMape: number;
  /** Share of the actual values inside the forecast's prediction interval (NaN when no interval). */
  intervalCoverage: number;
}

/**
 * Scores forecasts against what came: each forecast of a measure's window mean is compared with
 * the mean of the device's window that starts at its `at`; the naive forecast (the last window's
 * mean) is scored on the same targets, so a model can be seen to beat it or not. Actual values of
 * 0 are left out (no percentage of 0).
 */
export function scoreForecasts(windows: readonly ForecastedWindow[], measures: readonly string[]): ForecastScore[] {
  const byKey = new Map(windows.map((w) => [`${w.deviceId}|${w.start}`, w]));
  return measures.map((measure) => {
    let n = 0;
    let error = 0;
    let naive = 0;
    let withInterval = 0;
    let inside = 0;
    for (const w of windows) {
      const f = w.forecasts[measure];
      const last = w.means[measure];
      if (!f || last === undefined) continue;
      const actual = byKey.get(`${w.deviceId}|${f.at}`)?.means[measure];
      if (actual === undefined || actual === 0) continue;
      n++;
      error += Math.abs(f.value - actual) / Math.abs(actual);
      naive += Math.abs(last - actual) / Math.abs(actual);
      if (f.lower !== undefined && f.upper !== undefined) {
        withInterval++;
        if (actual >= f.lower && actual <= f.upper) inside++;
      }
    }
    return { measure, n, mape: n > 0 ? (100 * error) / n : Number.NaN, naiveMape: n > 0 ? (100 * naive) / n : Number.NaN, intervalCoverage: withInterval > 0 ? inside / withInterval : Number.NaN };
  });
}
