import type { FleetStats } from '@iot-timeseries/fleet';

/** The JSON the dashboard page fetches from the simulator (built server-side from libs/queries results). */
export interface DashboardModel {
  generatedAt: string;
  /** Where the data came from (the Timestream query endpoint, or "AWS"). */
  source: string;
  /** The charts' range (minutes) and bin. */
  windowMinutes: number;
  binSeconds: number;
  /** The range shown, and what its charts and data quality are read from. */
  range: { id: string; label: string; source: string; sourceLabel: string };
  /** The ranges the page offers. */
  ranges: Array<{ id: string; label: string }>;
  /** Per device over the range, from the hourly data-quality rollup (and the raw readings since its last run). */
  dataQuality: DataQualityFigures | null;
  measures: Array<{ name: string; unit: string; description: string }>;
  /** Per measure: aligned bins (epoch seconds) and one series per device (null where no reading). */
  charts: Record<string, { times: number[]; series: Array<{ deviceId: string; values: Array<number | null> }>; forecasts?: ChartForecast[] }>;
  devicesShown: number;
  devicesTotal: number;
  latest: Array<{ deviceId: string; location: string; time: string; values: Record<string, number | null>; ageSeconds: number }>;
  anomalies: Array<{ deviceId: string; location?: string; time: string; measure: string; value: number; score?: number; detail?: string }>;
  stale: Array<{ deviceId: string; location?: string; lastSeen: string; silentSeconds: number }>;
  completeness: Array<{ deviceId: string; received: number; expected: number; percent: number }>;
  /** Open episodes of the window function (its events table): anomalies, rules, predicted failures with their lead time. */
  alerts: Array<{ deviceId: string; location: string; kind: string; detector: string; severity: 'info' | 'warning' | 'critical'; since: string; evidence: string; predictedFailureAt?: string; leadSeconds?: number }>;
  alarms: Array<{ id: string; state: string; description: string; reason: string; since: string }> | null;
  pipeline: PipelineFigures;
  /** Panels whose query failed, with the reason (the page shows it instead of the panel). */
  errors: Record<string, string>;
  /** Panels whose source is not deployed where the page reads (the window function's tables), with the reason. */
  notices: Record<string, string>;
}

/** One device's data quality over the range. */
export interface DeviceQualityFigure {
  deviceId: string;
  location: string;
  received: number;
  expected: number;
  /** received / expected, at most 100. */
  percent: number;
  /** Ended minutes without a reading. */
  silentMinutes: number;
  gaps: number;
  putAsideInvalid: number;
  putAsideRejected: number;
}

export interface DataQualityFigures {
  devices: number;
  /** Devices below 95 % of the readings expected. */
  belowTarget: number;
  received: number;
  expected: number;
  putAsideInvalid: number;
  putAsideRejected: number;
  /** The worst devices first (least complete, then most put aside), at most 12. */
  worst: DeviceQualityFigure[];
}

export interface PutAsideGroupFigure {
  /** The reason with its numbers replaced by N: what the counted entries share. */
  pattern: string;
  count: number;
  /** The newest entry of the group (absent when the local cloud does not send examples). */
  latest?: { reason: string; at: string; deviceId?: string };
}

export interface PipelineFigures {
  /** The fleet's own counts, and where it sends. */
  fleet: FleetStats & { target: string };
  /** From the local cloud's health endpoint; null against AWS. */
  cloud: {
    messagesReceived: number;
    messagesPerSecond: number;
    readingsWritten: number;
    messagesInvalid: number;
    recordsRejected: number;
    putAsideTotal: number;
    putAsideByReason: Record<string, number>;
    /** Put-aside reasons grouped as counted, each with its newest reason as written (values kept), most frequent first. */
    putAsideGroups: PutAsideGroupFigure[];
    lambdaInvocations: number;
    lambdaErrors: number;
    streamPending: number;
  } | null;
}

/** A device's forecast on a chart: aligned to the chart's times (its last value, then the forecast), with the 95 % interval at `at` (epoch s). */
export interface ChartForecast {
  deviceId: string;
  values: Array<number | null>;
  at: number;
  lower?: number;
  upper?: number;
}
