/**
 * An alert as the window function publishes it: to the SNS topic on AWS (the message body, JSON),
 * to `<data dir>/alerts/*.jsonl` locally (one per line), which `/alerts` serves.
 */
export interface AlertMessage {
  /** Stable per episode and state: a redelivered alert has the same id (de-duplicate on it). */
  alertId: string;
  deviceId: string;
  location: string;
  /** `anomaly`, `rule` (a complex event) or `failure-predicted`. */
  kind: string;
  /** The detector, rule or predictor id. */
  detector: string;
  state: 'alert' | 'clear';
  severity: 'info' | 'warning' | 'critical';
  /** ISO times: when it fired (the window's end), the window, and when the episode began. */
  time: string;
  windowStart: string;
  windowEnd: string;
  episodeStart: string;
  evidence: Record<string, number | string>;
  timeToFailureSeconds?: number;
  predictedFailureAt?: string;
}
