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
  /** Each measure's average per device and bin over the range (from the rollups for long ranges); only `devices` when given. */
  trend(range: RangeView, devices?: readonly string[]): Promise<TrendPoint[]>;
  /** Every device seen in the range, with its data quality. */
  dataQuality(range: RangeView, expectedIntervalMs: number): Promise<DeviceDataQuality[]>;
  latest(windowMinutes: number): Promise<LatestReading[]>;
  anomalies(windowMinutes: number): Promise<AnomalyPoint[]>;
  stale(staleAfterSeconds: number): Promise<StaleDevice[]>;
  completeness(windowMinutes: number, expectedIntervalMs: number): Promise<DeviceCompleteness[]>;
}
