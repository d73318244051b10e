import type { AlertMessage } from '@iot-timeseries/schema';
import type { RangeView } from './ranges';

/** What the dashboard needs from Timestream, each answered by a libs/queries builder (see queries-adapter.ts). */
export interface TrendPoint {
  deviceId: string;
  /** Bin start, epoch ms. */
  bin: number;
  values: Record<string, number | null>;
}
export interface LatestReading {
  deviceId: string;
  location: string;
  time: number;
  values: Record<string, number | null>;
}
export interface AnomalyPoint {
  deviceId: string;
  location?: string;
  time: number;
  measure: string;
  value: number;
  score?: number;
}
export interface StaleDevice {
  deviceId: string;
  location?: string;
  lastSeen: number;
}
export interface DeviceCompleteness {
  deviceId: string;
  received: number;
  expected: number;
}

/** An event of the window function (an alert or the clear that ends its episode). */
export interface DeviceEvent extends Pick<AlertMessage, 'deviceId' | 'location' | 'kind' | 'detector' | 'state' | 'severity' | 'timeToFailureSeconds'> {
  /** When it was raised (epoch ms), and when its episode began. */
  time: number;
  episodeStart?: number;
  /** JSON, as the events table keeps it. */
  evidence: string;
}
/** A device's forecast of one measure from its latest window. */
export interface MeasureForecastPoint {
  deviceId: string;
  measure: string;
  /** The start of the window it is for (epoch ms). */
  at: number;
  value: number;
  lower?: number;
  upper?: number;
}
/** One device's data quality over a range (libs/queries' `dataQuality`). */
export interface DeviceDataQuality {
  deviceId: string;
  location: string;
  received: number;
  expected: number;
  minutes: number;
  minutesWithReadings: number;
  gaps: number;
  putAsideInvalid: number;
  putAsideRejected: number;
}

export interface DashboardQueries {
  /**
   * Each measure's average per device and bin over the range (from the rollups for long ranges): only `devices` when
   * it names them, the first `devices.first` (by id) with readings in the range when it counts them, else every device.
   */
  trend(range: RangeView, devices?: readonly string[] | { first: number }): Promise<TrendPoint[]>;
  /** Every device seen in the range, with its data quality. */
  dataQuality(range: RangeView, expectedIntervalMs: number): Promise<DeviceDataQuality[]>;
  latest(windowMinutes: number): Promise<LatestReading[]>;
  /**
   * Readings of the window far from their device's 7-day baseline: the baseline rollup's hourly pooled row, with the
   * hourly bins and readings since (the hourly rollup's bins while it has no columns or does not exist, the readings
   * while neither has); `'raw'` reads the baseline from a week of readings (the same answer, slower).
   */
  anomalies(windowMinutes: number, baselineFrom?: 'rollup' | 'raw'): Promise<AnomalyPoint[]>;
  stale(staleAfterSeconds: number): Promise<StaleDevice[]>;
  completeness(windowMinutes: number, expectedIntervalMs: number): Promise<DeviceCompleteness[]>;
  /** The window function's events in the window ([] before it wrote any). */
  events(windowMinutes: number): Promise<DeviceEvent[]>;
  /** Each device's latest forecasts ([] before any). */
  forecasts(windowMinutes: number): Promise<MeasureForecastPoint[]>;
}
