import type { AlertSeverity } from '@iot-timeseries/schema';
import { featuresOf, type WindowFeatures } from './accumulator';
import type { WindowState } from './window-state';

/** An alert that is open for a device: since when, how severe, and windows seen without its condition. */
export interface Episode {
  since: number;
  severity: AlertSeverity;
  quiet: number;
}

/** A device's features in one window, as the windows table keeps them. */
export interface DeviceWindow {
  deviceId: string;
  location: string;
  /** Window start and end, epoch ms. */
  start: number;
  end: number;
  readings: number;
  features: Record<string, WindowFeatures>;
  /** Alerts open after this window (keyed `<kind>:<id>`). */
  episodes: Record<string, Episode>;
}

/** The windows of every device in the state, for the window [start, end). */
export function deviceWindows(state: WindowState, start: number, end: number): DeviceWindow[] {
  return Object.entries(state.devices)
    .map(([deviceId, device]) => {
      const features: Record<string, WindowFeatures> = {};
      for (const [measure, acc] of Object.entries(device.measures)) {
        const f = featuresOf(acc);
        if (f) features[measure] = f;
      }
      return { deviceId, location: device.location, start, end, readings: device.readings, features, episodes: {} };
    })
    .sort((a, b) => a.deviceId.localeCompare(b.deviceId));
}
