import type { AlertSeverity } from '@iot-timeseries/schema';

export type FindingKind = 'anomaly' | 'rule' | 'failure-predicted';

/** A condition that holds for a device in the current window, with what shows it. */
export interface Finding {
  kind: FindingKind;
  /** The detector's, rule's or predictor's id. */
  id: string;
  severity: AlertSeverity;
  evidence: Record<string, number | string>;
  /** Failure predictions: estimated seconds until the failure level is reached. */
  timeToFailureSeconds?: number;
}

export const findingKey = (f: Pick<Finding, 'kind' | 'id'>): string => `${f.kind}:${f.id}`;

export const round = (value: number, digits = 4): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};
