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

export interface DashboardQueries {
  trend(windowMinutes: number, binSeconds: number): Promise<TrendPoint[]>;
  latest(windowMinutes: number): Promise<LatestReading[]>;
  anomalies(windowMinutes: number): Promise<AnomalyPoint[]>;
  stale(staleAfterSeconds: number): Promise<StaleDevice[]>;
  completeness(windowMinutes: number, expectedIntervalMs: number): Promise<DeviceCompleteness[]>;
}
