import type { DeviceWindowRow } from '../builders/device-windows';

/** One measure's forecast as a row of the windows table holds it (`<measure>_forecast`, `_at`, `_lower`, `_upper`). */
export interface WindowForecast {
  measure: string;
  /** The forecast window mean, and the start of the window it is for (epoch ms). */
  value: number;
  at: number;
  lower?: number;
  upper?: number;
}

const finite = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The forecasts a window row carries, one per measure that has one (a column is null or absent when none was made). */
export function windowForecasts(row: DeviceWindowRow, measures: readonly string[]): WindowForecast[] {
  const out: WindowForecast[] = [];
  for (const measure of measures) {
    const value = finite(row[`${measure}_forecast`]);
    const at = finite(row[`${measure}_forecast_at`]);
    if (value === undefined || at === undefined) continue;
    const lower = finite(row[`${measure}_forecast_lower`]);
    const upper = finite(row[`${measure}_forecast_upper`]);
    out.push({ measure, value, at, ...(lower !== undefined && upper !== undefined ? { lower, upper } : {}) });
  }
  return out;
}

/** A measure's window mean in a window row (`<measure>_mean`). */
export function windowMean(row: DeviceWindowRow, measure: string): number | undefined {
  return finite(row[`${measure}_mean`]);
}
