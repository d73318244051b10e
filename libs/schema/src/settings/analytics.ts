/**
 * Streaming analytics over the sensor stream (the window function): features per device and
 * tumbling window, detectors, complex-event rules, failure prediction and forecasts. The window
 * function, the local cloud, infra, the dashboard and the CLI all read these settings.
 */

/**
 * A feature computed per device, measure and window. `trimmedMean` leaves out the window's min and
 * max (one spike cannot move it). `spike` is how far the window's most extreme reading stands from
 * its other readings, in their standard deviations (signed: negative for a low reading; 0 with
 * fewer than 5 readings): a statistic of the window alone, so it means the same however fast the
 * signals move between windows.
 */
export const WINDOW_FEATURES = ['mean', 'min', 'max', 'slope', 'stddev', 'ewma', 'trimmedMean', 'spike'] as const;
export type WindowFeature = (typeof WINDOW_FEATURES)[number];

export type AlertSeverity = 'info' | 'warning' | 'critical';

/** The feature of the current window is above `above` or below `below`. */
export interface ThresholdDetector {
  readonly kind: 'threshold';
  readonly id: string;
  readonly measure: string;
  readonly feature: WindowFeature;
  readonly above?: number;
  readonly below?: number;
  readonly severity: AlertSeverity;
}

/** The feature changed by more than `maxChangePerMinute` (either way) since the device's previous window. */
export interface RateOfChangeDetector {
  readonly kind: 'rate-of-change';
  readonly id: string;
  readonly measure: string;
  readonly feature: WindowFeature;
  readonly maxChangePerMinute: number;
  readonly severity: AlertSeverity;
}

/**
 * Robust z-score: how far the current window's feature is from the median of the device's previous
 * windows' `baselineFeature`, in units of 1.4826 × MAD (a standard deviation for normal data).
 */
export interface RobustZDetector {
  readonly kind: 'robust-z';
  readonly id: string;
  readonly measure: string;
  readonly feature: WindowFeature;
  readonly baselineFeature: WindowFeature;
  readonly threshold: number;
  /** Previous windows needed before the detector speaks. */
  readonly minHistory: number;
  readonly severity: AlertSeverity;
}

/**
 * A jump between consecutive windows, judged against the device's own window-to-window changes:
 * the change of the feature since the previous window (per window step, so a gap does not look
 * like a jump) is `threshold` robust deviations from the median change of the previous windows.
 * It scales with how fast the signal moves (a time-compressed simulation, a fast process), where
 * a fixed `maxChangePerMinute` would not.
 */
export interface JumpDetector {
  readonly kind: 'jump';
  readonly id: string;
  readonly measure: string;
  readonly feature: WindowFeature;
  readonly threshold: number;
  /** Previous window-to-window changes needed before the detector speaks. */
  readonly minHistory: number;
  /** The scale never drops below this (the measure's unit: its resolution), so a flat history does not make every change infinite. */
  readonly minScale: number;
  readonly severity: AlertSeverity;
}

export type Detector = ThresholdDetector | RateOfChangeDetector | RobustZDetector | JumpDetector;

/** One condition of a trend rule: the feature moved this way in each of the rule's consecutive windows. */
export interface TrendCondition {
  readonly measure: string;
  readonly feature: WindowFeature;
  readonly direction: 'rising' | 'falling';
  /** Least total change over the windows (in the measure's unit), so noise does not make a trend. */
  readonly minTotalChange: number;
}

/** A complex event: every condition holds over the last `windows` consecutive windows of a device. */
export interface TrendRule {
  readonly kind: 'trend';
  readonly id: string;
  readonly description: string;
  readonly windows: number;
  readonly conditions: readonly TrendCondition[];
  readonly severity: AlertSeverity;
}

/**
 * Failure prediction from the windowed features of one measure: the last `trendWindows` windows are
 * all at least `minRobustZ` robust deviations above the baseline (the earlier windows) and rising;
 * the time to failure extrapolates the growth of the excess over the baseline to `failureLevel`.
 */
export interface FailurePredictionSettings {
  readonly measure: string;
  readonly feature: WindowFeature;
  /** The level at which the machine is considered failed (the equipment's alarm level). */
  readonly failureLevel: number;
  readonly trendWindows: number;
  readonly minBaselineWindows: number;
  readonly minRobustZ: number;
  /** The scale is at least this share of the baseline (a very quiet sensor does not make every wobble a trend). */
  readonly minRelativeScale: number;
  /** Only predictions with a time to failure within this many seconds alert. */
  readonly alertWithinSeconds: number;
  readonly severity: AlertSeverity;
}

export interface ForecastSettings {
  /** How far ahead each measure is forecast (seconds of message time). */
  readonly horizonSeconds: number;
  /** Windows needed before a forecast is made (the current one included; AutoETS needs at least 7 values). */
  readonly minHistory: number;
}

export interface AnalyticsSettings {
  /** The event source mapping's TumblingWindowInSeconds (1..900). */
  readonly windowSeconds: number;
  /** Smoothing of the EWMA feature (0..1, the weight of each new reading). */
  readonly ewmaAlpha: number;
  /** Previous windows the function reads back per device (detectors, rules, prediction, forecasts). */
  readonly historyWindows: number;
  /** Windows without the condition before an open alert is cleared. */
  readonly clearAfterWindows: number;
  readonly measures: readonly string[];
  readonly detectors: readonly Detector[];
  readonly rules: readonly TrendRule[];
  readonly failurePrediction: FailurePredictionSettings;
  readonly forecast: ForecastSettings;
}

export const TUMBLING_WINDOW_RANGE = { min: 1, max: 900 } as const;
/** Lambda terminates a window early when the state it returns is larger than this (per shard). */
export const WINDOW_STATE_LIMIT_BYTES = 1024 * 1024;

export const analyticsSettings: AnalyticsSettings = {
  windowSeconds: 60,
  ewmaAlpha: 0.3,
  historyWindows: 24,
  clearAfterWindows: 2,
  measures: ['temperature', 'humidity', 'pressure', 'vibration'],
  detectors: [
    { kind: 'threshold', id: 'vibration-high', measure: 'vibration', feature: 'trimmedMean', above: 0.45, severity: 'critical' },
    { kind: 'threshold', id: 'temperature-high', measure: 'temperature', feature: 'trimmedMean', above: 60, severity: 'warning' },
    { kind: 'jump', id: 'pressure-jump', measure: 'pressure', feature: 'mean', threshold: 10, minHistory: 6, minScale: 0.05, severity: 'warning' },
    { kind: 'threshold', id: 'temperature-spike', measure: 'temperature', feature: 'spike', above: 10, below: -10, severity: 'info' },
    { kind: 'threshold', id: 'vibration-spike', measure: 'vibration', feature: 'spike', above: 10, severity: 'info' },
  ],
  rules: [
    {
      kind: 'trend',
      id: 'bearing-wear',
      description: 'vibration trending up across consecutive windows while temperature rises',
      windows: 3,
      conditions: [
        { measure: 'vibration', feature: 'trimmedMean', direction: 'rising', minTotalChange: 0.02 },
        { measure: 'temperature', feature: 'trimmedMean', direction: 'rising', minTotalChange: 0.3 },
      ],
      severity: 'warning',
    },
  ],
  failurePrediction: {
    measure: 'vibration',
    feature: 'trimmedMean',
    failureLevel: 0.6,
    trendWindows: 3,
    minBaselineWindows: 4,
    minRobustZ: 4,
    minRelativeScale: 0.03,
    alertWithinSeconds: 7 * 86_400,
    severity: 'critical',
  },
  forecast: { horizonSeconds: 3600, minHistory: 8 },
};

/** The tables the window function writes: features per device and window, and fired events. */
export const analyticsTables = {
  /** One multi-measure record per device and window: features, episodes, prediction, forecasts. */
  windows: { tableName: 'device-windows', measureName: 'window_features' },
  /** One multi-measure record per event (alert or clear). */
  events: { tableName: 'device-events', measureName: 'device_event' },
  retention: { memoryStoreRetentionHours: 24, magneticStoreRetentionDays: 365 },
} as const;

/** The topic alerts are published to (SNS on AWS; a file and the health server's /alerts locally). */
export const ALERT_TOPIC_NAME = 'iot-timeseries-device-alerts';
/** The window function's name, and the EMF metric it publishes per predicted failure. */
export const WINDOW_FUNCTION_NAME = 'iot-timeseries-windows';
export const ANALYTICS_METRICS = { predictedFailures: 'PredictedFailures', alertsRaised: 'AlertsRaised', windowsProcessed: 'WindowsProcessed' } as const;
