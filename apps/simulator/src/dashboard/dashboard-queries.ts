/** What the dashboard needs from Timestream, each answered by a libs/queries builder (see queries-adapter.ts). */
export interface TrendRow {
  deviceId: string;
  /** Bin start, epoch ms. */
  bin: number;
  values: Record<string, number | null>;
}
export interface LatestRow {
  deviceId: string;
  location: string;
  time: number;
  values: Record<string, number | null>;
}
export interface AnomalyRow {
  deviceId: string;
  location?: string;
  time: number;
  measure: string;
  value: number;
  score?: number;
}
export interface StaleRow {
  deviceId: string;
  location?: string;
  lastSeen: number;
}
export interface CompletenessRow {
  deviceId: string;
  received: number;
  expected: number;
}

export interface DashboardQueries {
  trend(windowMinutes: number, binSeconds: number): Promise<TrendRow[]>;
  latest(windowMinutes: number): Promise<LatestRow[]>;
  anomalies(windowMinutes: number): Promise<AnomalyRow[]>;
  stale(staleAfterSeconds: number): Promise<StaleRow[]>;
  completeness(windowMinutes: number, expectedIntervalMs: number): Promise<CompletenessRow[]>;
}
