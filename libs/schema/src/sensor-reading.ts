import type { MeasureCatalogue } from './measures';

/** One device reading, normalized from any accepted message shape. */
export interface SensorReading {
  /** Dimension `device_id`. */
  deviceId: string;
  /** Dimension `location`. */
  location: string;
  /** Epoch milliseconds: the device's timestamp, else the receive time. */
  time: number;
  /** True when the message had no timestamp and `time` is the receive time. */
  timeFromReceipt: boolean;
  /** Measure name (from the catalogue) to value. */
  measures: Record<string, number>;
}

export interface ValidationProblem {
  /** Index of the top-level message in the input (0 for a single object). */
  index: number;
  /** Where the problem is, e.g. `[3].sensors.humidity`, `device_id`, `timestamp`. */
  path: string;
  /** A sentence a person understands, naming the field and the reason. */
  reason: string;
}

export interface AcceptedReading {
  index: number;
  reading: SensorReading;
}

export interface ValidationResult {
  accepted: AcceptedReading[];
  problems: ValidationProblem[];
}

export interface ValidateOptions {
  /** Receive time in ms for messages without a timestamp (default `Date.now()`); a message's own `received_at` wins. */
  receivedAt?: number;
  catalogue?: MeasureCatalogue;
  maxMessageBytes?: number;
}
