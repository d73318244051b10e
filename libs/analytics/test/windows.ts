import type { DeviceWindow } from '../src';

/** A device window with the given features per measure (`{ vibration: { trimmedMean: 0.05 } }`), window `i` of `ms` each. */
export function windowAt(i: number, features: Record<string, Record<string, number>>, ms = 60_000): DeviceWindow {
  const full: DeviceWindow['features'] = {};
  for (const [measure, f] of Object.entries(features)) {
    const v = f.mean ?? f.trimmedMean ?? 0;
    full[measure] = { mean: v, min: v, max: v, slope: 0, stddev: 0, ewma: v, trimmedMean: v, spike: 0, ...f };
  }
  return { deviceId: 'd1', location: 'site-1', start: i * ms, end: (i + 1) * ms, readings: 10, features: full, episodes: {} };
}
