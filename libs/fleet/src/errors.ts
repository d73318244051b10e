import type { SensorReading } from '@iot-timeseries/schema';
import type { UnstoredReading } from '@iot-timeseries/timestream-writer';

/** Named errors of the fleet; each keeps the underlying `cause`. */
export class FleetError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A target refused or failed to take a message. */
export class TargetError extends FleetError {}

/**
 * Timestream did not store every reading of a message (after the writer's re-sends). The message
 * names what was not stored and why; the error keeps which readings were stored and which not.
 */
export class ReadingsNotStoredError extends TargetError {
  constructor(
    readonly deviceId: string,
    /** The readings Timestream stored. */
    readonly stored: readonly SensorReading[],
    /** Refused for good: the data is at fault. */
    readonly refused: readonly UnstoredReading[],
    /** Still failing for a transient reason after the writer's re-sends. */
    readonly toRetry: readonly UnstoredReading[],
  ) {
    const at = (r: UnstoredReading) => new Date(r.reading.time).toISOString();
    const reasons = [...refused.map((r) => `${at(r)} refused for good: ${r.reason}`), ...toRetry.map((r) => `${at(r)} not stored after retries: ${r.reason}`)];
    const total = stored.length + refused.length + toRetry.length;
    super(`Timestream did not store ${refused.length + toRetry.length} of ${total} reading(s) of ${deviceId}: ${reasons.join('; ')}`);
  }
}

/** A ground-truth file that is not what the fleet writes: names the line and the field. */
export class GroundTruthFileError extends FleetError {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly field: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${source}:${line}: ${field} ${reason}`, options);
  }
}
