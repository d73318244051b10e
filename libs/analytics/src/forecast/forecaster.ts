/** A point forecast with its prediction interval, `steps` ahead of the last value of a series. */
export interface ForecastPoint {
  steps: number;
  value: number;
  lower?: number;
  upper?: number;
}

/** Forecasts a regularly spaced series `steps` ahead (the window function's series are one value per window). */
export interface Forecaster {
  readonly name: string;
  forecast(series: readonly number[], steps: number): ForecastPoint;
}
