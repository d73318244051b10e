import type { FailurePredictionSettings } from '@iot-timeseries/schema';
import { round, type Finding } from '../detect/finding';
import { median, robustScale, slopeOf } from '../detect/robust';
import type { DeviceWindow } from '../window/device-window';

export interface FailureEstimate {
  /** The last `trendWindows` windows are all far above the baseline and rising. */
  wearing: boolean;
  baseline: number;
  scale: number;
  /** Robust z of each recent window. */
  z: number[];
  /** Seconds until the failure level, extrapolated; undefined when not wearing or not growing. */
  timeToFailureSeconds?: number;
}

/**
 * Estimates whether a machine is wearing out, and when it fails, from one windowed feature: the
 * earlier windows give a baseline (median) and scale (1.4826 × MAD, at least `minRelativeScale` of
 * the baseline); the recent windows must all be `minRobustZ` above it and rising. The excess over
 * the baseline is extrapolated as exponential growth (a log-linear fit over the recent windows) to
 * the failure level: wear usually accelerates, so this errs towards an early warning; with one
 * window of excess it falls back to a straight line.
 */
export function estimateFailure(settings: FailurePredictionSettings, current: DeviceWindow, history: readonly DeviceWindow[]): FailureEstimate | undefined {
  const windows = [...history, current].filter((w) => w.features[settings.measure]?.[settings.feature] !== undefined);
  const value = (w: DeviceWindow) => w.features[settings.measure][settings.feature];
  const recent = windows.slice(-settings.trendWindows);
  const earlier = windows.slice(0, -settings.trendWindows);
  if (recent.length < settings.trendWindows || earlier.length < settings.minBaselineWindows || recent[recent.length - 1] !== current) return undefined;
  const baseValues = earlier.map(value);
  const baseline = median(baseValues);
  const scale = Math.max(robustScale(baseValues), Math.abs(baseline) * settings.minRelativeScale, 1e-9);
  const ys = recent.map(value);
  const z = ys.map((y) => (y - baseline) / scale);
  const times = recent.map((w) => w.start / 1000);
  const rising = slopeOf(times, ys) > 0 && ys[ys.length - 1] > ys[0];
  const wearing = rising && z.every((v) => v >= settings.minRobustZ);
  if (!wearing) return { wearing, baseline, scale, z };
  return { wearing, baseline, scale, z, timeToFailureSeconds: timeToLevel(times, ys, baseline, settings.failureLevel, current.end / 1000) };
}

function timeToLevel(times: number[], ys: number[], baseline: number, level: number, now: number): number | undefined {
  const last = ys[ys.length - 1];
  if (last >= level) return 0;
  const excess = ys.map((y) => y - baseline);
  const target = level - baseline;
  if (excess.every((e) => e > 0)) {
    const rate = slopeOf(times, excess.map(Math.log));
    if (rate > 0) {
      const fittedNow = Math.log(excess[excess.length - 1]) + rate * (now - times[times.length - 1]);
      return Math.max(0, (Math.log(target) - fittedNow) / rate);
    }
  }
  const slope = slopeOf(times, ys);
  return slope > 0 ? Math.max(0, (level - last) / slope - (now - times[times.length - 1])) : undefined;
}

/** The estimate as a finding, when it calls for an alert. */
export function failureFinding(settings: FailurePredictionSettings, estimate: FailureEstimate | undefined, alertWithinSeconds: number): Finding | undefined {
  if (!estimate?.wearing || estimate.timeToFailureSeconds === undefined || estimate.timeToFailureSeconds > alertWithinSeconds) return undefined;
  return {
    kind: 'failure-predicted',
    id: `${settings.measure}-wear`,
    severity: settings.severity,
    timeToFailureSeconds: Math.round(estimate.timeToFailureSeconds),
    evidence: {
      measure: settings.measure,
      feature: settings.feature,
      baseline: round(estimate.baseline),
      scale: round(estimate.scale, 6),
      z: estimate.z.map((v) => v.toFixed(1)).join(','),
      failureLevel: settings.failureLevel,
    },
  };
}
