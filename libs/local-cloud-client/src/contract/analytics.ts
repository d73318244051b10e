import type { AlertMessage } from '@iot-timeseries/schema';

export type { AlertMessage };

/** The tumbling-window event source mapping's counters (the window function's consumer of the stream). */
export interface WindowStats {
  windowsClosed: number;
  windowsTerminatedEarly: number;
  /** Windows whose final invocation failed every retry (their aggregate was given up). */
  windowsDropped: number;
  invocations: number;
  finalInvocations: number;
  retries: number;
  recordsPutAside: number;
  /** Records queued for the window function. */
  pending: number;
  openWindows: number;
}

/** `/alerts`: the alerts published so far (newest last, at most `limit`), and the episodes still open. */
export interface AlertsReport {
  total: number;
  alerts: AlertMessage[];
  open: AlertMessage[];
}
