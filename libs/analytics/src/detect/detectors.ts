import type { Detector, WindowFeature } from '@iot-timeseries/schema';
import type { DeviceWindow } from '../window/device-window';
import { round, type Finding } from './finding';
import { median, robustScale } from './robust';

/**
 * Runs the detectors on a device's current window, given its previous windows (oldest first).
 * Threshold: the feature is above/below a level. Rate of change: the feature moved faster than
 * allowed since the previous window. Robust z: the feature is far from the median of the previous
 * windows' baseline feature, in robust standard deviations (the scale never drops below 1% of the
 * baseline's magnitude, so a flat history does not make every change infinite). Jump: the change
 * since the previous window is far from the device's usual window-to-window changes (robust z).
 */
export function runDetectors(detectors: readonly Detector[], current: DeviceWindow, history: readonly DeviceWindow[]): Finding[] {
  const findings: Finding[] = [];
  for (const d of detectors) {
    const value = current.features[d.measure]?.[d.feature];
    if (value === undefined) continue;
    const base = { kind: 'anomaly' as const, id: d.id, severity: d.severity };
    if (d.kind === 'threshold') {
      if (d.above !== undefined && value > d.above) findings.push({ ...base, evidence: { measure: d.measure, feature: d.feature, value: round(value), above: d.above } });
      else if (d.below !== undefined && value < d.below) findings.push({ ...base, evidence: { measure: d.measure, feature: d.feature, value: round(value), below: d.below } });
    } else if (d.kind === 'rate-of-change') {
      const previous = [...history].reverse().find((w) => w.features[d.measure]?.[d.feature] !== undefined);
      if (!previous) continue;
      const minutes = (current.start - previous.start) / 60_000;
      if (minutes <= 0) continue;
      const rate = (value - previous.features[d.measure][d.feature]) / minutes;
      if (Math.abs(rate) > d.maxChangePerMinute) {
        findings.push({ ...base, evidence: { measure: d.measure, feature: d.feature, value: round(value), ratePerMinute: round(rate), maxChangePerMinute: d.maxChangePerMinute } });
      }
    } else if (d.kind === 'jump') {
      const jump = jumpOf(d.measure, d.feature, current, history);
      if (!jump || jump.previous.length < d.minHistory) continue;
      const center = median(jump.previous);
      const scale = Math.max(robustScale(jump.previous), d.minScale, 1e-9);
      const z = (jump.change - center) / scale;
      if (Math.abs(z) > d.threshold) findings.push({ ...base, evidence: { measure: d.measure, feature: d.feature, value: round(value), changePerWindow: round(jump.change), medianChange: round(center), scale: round(scale, 6), z: round(z, 2) } });
    } else {
      const baseline = history.map((w) => w.features[d.measure]?.[d.baselineFeature]).filter((v): v is number => v !== undefined);
      if (baseline.length < d.minHistory) continue;
      const center = median(baseline);
      const scale = Math.max(robustScale(baseline), Math.abs(center) * 0.01, 1e-9);
      const z = (value - center) / scale;
      if (Math.abs(z) > d.threshold) findings.push({ ...base, evidence: { measure: d.measure, feature: d.feature, value: round(value), median: round(center), scale: round(scale, 6), z: round(z, 2) } });
    }
  }
  return findings;
}

/** The change of a feature per window step since the previous window, and the same for each earlier pair of windows. */
function jumpOf(measure: string, feature: WindowFeature, current: DeviceWindow, history: readonly DeviceWindow[]): { change: number; previous: number[] } | undefined {
  const windows = [...history, current].filter((w) => w.features[measure]?.[feature] !== undefined);
  if (windows.length < 2 || windows[windows.length - 1] !== current) return undefined;
  const length = Math.max(1, current.end - current.start);
  const changes = windows.slice(1).map((w, i) => {
    const before = windows[i];
    const steps = Math.max(1, Math.round((w.start - before.start) / length));
    return (w.features[measure][feature] - before.features[measure][feature]) / steps;
  });
  return { change: changes[changes.length - 1], previous: changes.slice(0, -1) };
}
