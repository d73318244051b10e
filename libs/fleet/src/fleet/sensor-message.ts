import type { Readings } from './signal-model';

/** The message a device publishes: the recipe's shape. */
export interface SensorMessage {
  device_id: string;
  location: string;
  timestamp: string;
  sensors: Record<string, number | string | null>;
}

export function buildMessage(deviceId: string, location: string, time: number, readings: Readings): SensorMessage {
  return { device_id: deviceId, location, timestamp: new Date(time).toISOString(), sensors: { ...readings } };
}
