import type { AlertSeverity } from '@iot-timeseries/schema';
import type { DeviceWindow, Episode } from '../window/device-window';
import { findingKey, type Finding, type FindingKind } from './finding';

/** An event the window function writes and publishes: an alert when an episode opens, a clear when it ends. */
export interface DeviceEvent {
  deviceId: string;
  location: string;
  kind: FindingKind;
  id: string;
  state: 'alert' | 'clear';
  severity: AlertSeverity;
  /** Epoch ms: the end of the window that opened or closed the episode. */
  time: number;
  windowStart: number;
  windowEnd: number;
  /** When the episode began (the alert's time). */
  episodeStart: number;
  evidence: Record<string, number | string>;
  timeToFailureSeconds?: number;
}

/**
 * De-duplicates findings into episodes: a finding with no open episode opens one (an `alert`
 * event); a finding with an open episode only keeps it open; an open episode whose condition was
 * absent for `clearAfterWindows` windows in a row ends (a `clear` event). One episode, one alert.
 */
export function updateEpisodes(
  open: Readonly<Record<string, Episode>>,
  findings: readonly Finding[],
  window: Pick<DeviceWindow, 'deviceId' | 'location' | 'start' | 'end'>,
  clearAfterWindows: number,
): { episodes: Record<string, Episode>; events: DeviceEvent[] } {
  const episodes: Record<string, Episode> = {};
  const events: DeviceEvent[] = [];
  const event = (f: Pick<Finding, 'kind' | 'id' | 'severity' | 'evidence' | 'timeToFailureSeconds'>, state: DeviceEvent['state'], since: number): DeviceEvent => ({
    deviceId: window.deviceId,
    location: window.location,
    kind: f.kind,
    id: f.id,
    state,
    severity: f.severity,
    time: window.end,
    windowStart: window.start,
    windowEnd: window.end,
    episodeStart: since,
    evidence: f.evidence,
    ...(f.timeToFailureSeconds !== undefined ? { timeToFailureSeconds: f.timeToFailureSeconds } : {}),
  });
  const firing = new Map(findings.map((f) => [findingKey(f), f]));
  for (const [key, finding] of firing) {
    const existing = open[key];
    if (existing) episodes[key] = { ...existing, quiet: 0 };
    else {
      episodes[key] = { since: window.end, severity: finding.severity, quiet: 0 };
      events.push(event(finding, 'alert', window.end));
    }
  }
  for (const [key, existing] of Object.entries(open)) {
    if (firing.has(key)) continue;
    const quiet = existing.quiet + 1;
    if (quiet < clearAfterWindows) {
      episodes[key] = { ...existing, quiet };
      continue;
    }
    const [kind, ...id] = key.split(':');
    events.push(event({ kind: kind as FindingKind, id: id.join(':'), severity: existing.severity, evidence: { openForSeconds: Math.round((window.end - existing.since) / 1000) } }, 'clear', existing.since));
  }
  return { episodes, events };
}
