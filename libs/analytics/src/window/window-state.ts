import { WindowStateError } from '../errors';
import { addReading, emptyAccumulator, type MeasureAccumulator } from './accumulator';

/** One reading as the window function folds it: the device, where it is, its time and values. */
export interface WindowReading {
  deviceId: string;
  location: string;
  time: number;
  values: Readonly<Record<string, number>>;
}

export interface DeviceAccumulator {
  location: string;
  readings: number;
  first: number;
  last: number;
  measures: Record<string, MeasureAccumulator>;
}

/** The tumbling window's state as the function returns it to Lambda (JSON, at most 1 MB per shard). */
export interface WindowState {
  v: 1;
  devices: Record<string, DeviceAccumulator>;
  /** Records that were not readings (invalid messages: the ingest function puts those aside). */
  skipped: number;
}

export const STATE_VERSION = 1;

export function emptyWindowState(): WindowState {
  return { v: STATE_VERSION, devices: {}, skipped: 0 };
}

/** The state Lambda handed over: `{}` at the start of a window, else what the last invocation returned. */
export function readWindowState(state: unknown): WindowState {
  if (state === undefined || state === null) return emptyWindowState();
  if (typeof state !== 'object') throw new WindowStateError(`state must be an object, got ${typeof state}`);
  const s = state as Partial<WindowState>;
  if (Object.keys(s).length === 0) return emptyWindowState();
  if (s.v !== STATE_VERSION || typeof s.devices !== 'object' || s.devices === null) {
    throw new WindowStateError(`state is not a version ${STATE_VERSION} window state (v: ${JSON.stringify(s.v)})`);
  }
  return { v: STATE_VERSION, devices: s.devices, skipped: typeof s.skipped === 'number' ? s.skipped : 0 };
}

/** Folds readings into the state (a new state; the one given is not changed). */
export function foldReadings(state: WindowState, readings: readonly WindowReading[], measures: readonly string[], alpha: number): WindowState {
  const devices = { ...state.devices };
  for (const reading of readings) {
    const previous = devices[reading.deviceId];
    const device: DeviceAccumulator = previous
      ? { ...previous, measures: { ...previous.measures } }
      : { location: reading.location, readings: 0, first: reading.time, last: reading.time, measures: {} };
    device.readings++;
    device.first = Math.min(device.first, reading.time);
    device.last = Math.max(device.last, reading.time);
    for (const measure of measures) {
      const value = reading.values[measure];
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      device.measures[measure] = addReading(device.measures[measure] ?? emptyAccumulator(), value, reading.time, alpha);
    }
    devices[reading.deviceId] = device;
  }
  return { ...state, devices };
}

/** Size of the state as Lambda measures it (its JSON in UTF-8). */
export function stateBytes(state: unknown): number {
  return Buffer.byteLength(JSON.stringify(state ?? {}), 'utf8');
}
