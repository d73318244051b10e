import type { SensorReading } from '@iot-timeseries/schema';

/** A reading that was not stored, and why. */
export interface UnstoredReading {
  /** Index into the readings given to the writer. */
  readonly index: number;
  readonly reading: SensorReading;
  /** Timestream's reason for a refused record, or `WriteRecords failed: …` for a failed call. */
  readonly reason: string;
  /** The version Timestream holds, when it said so (version conflicts). */
  readonly existingVersion?: number;
  /** `record`: Timestream refused this record (RejectedRecords); `request`: the whole WriteRecords call failed. */
  readonly scope: 'record' | 'request';
  /** On an exact duplicate: the index of the earlier identical reading, whose outcome it shares. */
  readonly duplicateOf?: number;
}

/** What happened to every reading given to the writer: each index is in exactly one of the three lists, ascending. */
export interface WriteReport {
  /** Stored (an exact duplicate counts as stored with its twin). */
  readonly stored: number[];
  /** Refused for good: the data is at fault, sending it again cannot help. */
  readonly refused: UnstoredReading[];
  /** Not stored for a transient reason, after the writer's re-sends: to be retried later. */
  readonly toRetry: UnstoredReading[];
  /** WriteRecords calls made, re-sends included. */
  readonly requests: number;
}
