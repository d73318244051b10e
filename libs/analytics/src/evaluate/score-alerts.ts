import { median } from '../detect/robust';

/** What really happened to a device (a simulator's ground truth, a maintenance log), epoch ms. */
export interface LabelledEvent {
  kind: 'failure' | 'anomaly' | 'dropout';
  deviceId: string;
  /** Failures: when the wear began; anomalies: the reading; dropouts: the first silent moment. */
  start: number;
  /** Failures: when the machine failed; dropouts: the next reading; absent when still going on. */
  end?: number;
  /** Failures: back in service. */
  repairedAt?: number;
}

/** An alert the window function raised (an event with state `alert`). */
export interface RaisedAlert {
  deviceId: string;
  /** `anomaly`, `rule` or `failure-predicted`. */
  kind: string;
  detector: string;
  /** When it was raised (the end of its window), and the window. */
  time: number;
  windowStart: number;
  windowEnd: number;
}

export interface AlertScoringOptions {
  /** The observed period (message time). */
  startedAt: number;
  endedAt: number;
  devices: number;
  /** Simulated time per message time (1 for a real fleet). */
  timeScale: number;
  /** A failure that began before `startedAt + warmupMs` is left out of the recall: the detector had no baseline yet. */
  warmupMs: number;
  /** An alert is explained by an event its window overlaps, widened by this much on each side (arrival vs message time, a window that closes after the event). */
  slackMs: number;
}

export interface AlertScore {
  failures: {
    /** Failures that happened (failed) within the observed period, after the warm-up. */
    total: number;
    leftOutInWarmup: number;
    /** Of them, with a failure alert before the failure. */
    caught: number;
    recall: number;
    /** Failure alerts, and those raised for a window in which the machine really was wearing. */
    alerts: number;
    truePositives: number;
    precision: number;
    /** Simulated minutes from each caught failure's first alert to the failure, ascending. */
    leadMinutes: number[];
    medianLeadMinutes: number;
  };
  /** Alerts (of every kind) that no event of their device explains. */
  falseAlerts: { count: number; deviceDays: number; perDeviceDay: number; byDetector: Record<string, number> };
  anomalies: { total: number; detected: number; recall: number };
  /** Per detector: alerts raised, and how many an event explains. */
  byDetector: Record<string, { alerts: number; explained: number }>;
}

const overlaps = (a0: number, a1: number, b0: number, b1: number) => a0 < b1 && b0 < a1;

/**
 * Scores alerts against what happened. A failure alert is a true positive when its window overlaps
 * the device's wear (from the failure's start to its end, or to the end of the run while it was
 * still wearing). A failure is caught when a failure alert was raised between its start and before
 * the moment it failed (an alert at the failure warns of nothing); its lead time is from the first such alert to the failure, in simulated
 * minutes. Any alert is explained when its window (± `slackMs`) overlaps an event of its device:
 * a wear-and-repair period, an anomaly, a dropout; what is left are the false alerts.
 */
export function scoreAlerts(alerts: readonly RaisedAlert[], truth: readonly LabelledEvent[], o: AlertScoringOptions): AlertScore {
  const byDevice = new Map<string, LabelledEvent[]>();
  for (const e of truth) byDevice.set(e.deviceId, [...(byDevice.get(e.deviceId) ?? []), e]);
  const eventsOf = (deviceId: string) => byDevice.get(deviceId) ?? [];
  const failureAlerts = alerts.filter((a) => a.kind === 'failure-predicted');

  const wearing = (a: RaisedAlert) => eventsOf(a.deviceId).some((e) => e.kind === 'failure' && overlaps(a.windowStart, a.windowEnd, e.start, e.end ?? o.endedAt));
  const truePositives = failureAlerts.filter(wearing).length;

  const failed = truth.filter((e) => e.kind === 'failure' && e.end !== undefined && e.end <= o.endedAt);
  const scored = failed.filter((f) => f.start >= o.startedAt + o.warmupMs);
  const leadMinutes: number[] = [];
  for (const f of scored) {
    const end = f.end ?? Infinity;
    const first = failureAlerts.filter((a) => a.deviceId === f.deviceId && a.time >= f.start && a.time < end).sort((a, b) => a.time - b.time)[0];
    if (first) leadMinutes.push(((end - first.time) * o.timeScale) / 60_000);
  }
  leadMinutes.sort((a, b) => a - b);

  const explained = (a: RaisedAlert) =>
    eventsOf(a.deviceId).some((e) => {
      const until = e.kind === 'failure' ? (e.repairedAt ?? e.end ?? o.endedAt) : (e.end ?? o.endedAt);
      return overlaps(a.windowStart - o.slackMs, a.windowEnd + o.slackMs, e.start, Math.max(until, e.start + 1));
    });
  const byDetector: AlertScore['byDetector'] = {};
  const falseByDetector: Record<string, number> = {};
  let falseCount = 0;
  for (const a of alerts) {
    const key = `${a.kind}:${a.detector}`;
    const entry = (byDetector[key] ??= { alerts: 0, explained: 0 });
    entry.alerts++;
    if (explained(a)) entry.explained++;
    else {
      falseCount++;
      falseByDetector[key] = (falseByDetector[key] ?? 0) + 1;
    }
  }

  const anomalies = truth.filter((e) => e.kind === 'anomaly');
  const detected = anomalies.filter((e) => alerts.some((a) => a.kind === 'anomaly' && a.deviceId === e.deviceId && e.start >= a.windowStart - o.slackMs && e.start < a.windowEnd)).length;
  const deviceDays = (o.devices * (o.endedAt - o.startedAt) * o.timeScale) / 86_400_000;
  const ratio = (n: number, d: number) => (d > 0 ? n / d : Number.NaN);
  return {
    failures: {
      total: scored.length,
      leftOutInWarmup: failed.length - scored.length,
      caught: leadMinutes.length,
      recall: ratio(leadMinutes.length, scored.length),
      alerts: failureAlerts.length,
      truePositives,
      precision: ratio(truePositives, failureAlerts.length),
      leadMinutes,
      medianLeadMinutes: leadMinutes.length > 0 ? median(leadMinutes) : Number.NaN,
    },
    falseAlerts: { count: falseCount, deviceDays, perDeviceDay: ratio(falseCount, deviceDays), byDetector: falseByDetector },
    anomalies: { total: anomalies.length, detected, recall: ratio(detected, anomalies.length) },
    byDetector,
  };
}
