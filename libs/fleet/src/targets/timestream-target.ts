import { timestreamSettings, validateMessages } from '@iot-timeseries/schema';
import { writeReadings, type ResendPolicy, type WriteClient } from '@iot-timeseries/timestream-writer';
import { ReadingsNotStoredError, TargetError } from '../errors';
import type { DeviceSpec } from '../fleet/devices';
import type { SensorMessage } from '../fleet/sensor-message';
import type { Target } from './target';

/** The target's own re-sends of transient failures, on top of the client's SDK retries. */
export const TIMESTREAM_TARGET_RESENDS: ResendPolicy = { attempts: 2, baseDelayMs: 200, maxDelayMs: 2_000 };

export interface TimestreamTargetOptions {
  /** Default TIMESTREAM_TARGET_RESENDS. */
  readonly resend?: Partial<ResendPolicy>;
  /** How the writer waits before a re-send (tests); default a timer. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Writes readings straight to Timestream (no broker, no Lambda), validated and mapped by libs/schema
 * and written by libs/timestream-writer exactly as the Lambda does; invalid messages are refused
 * with the schema's reasons, and readings Timestream did not store (after the writer's re-sends)
 * with a ReadingsNotStoredError that keeps which were stored.
 */
export class TimestreamTarget implements Target {
  readonly description = `Timestream ${timestreamSettings.databaseName}.${timestreamSettings.tableName}`;

  constructor(
    private readonly client: WriteClient,
    private readonly options: TimestreamTargetOptions = {},
  ) {}

  async open(): Promise<void> {
    // nothing to connect: each send is a request of its own
  }

  async send(device: DeviceSpec, message: SensorMessage): Promise<void> {
    const { accepted, problems } = validateMessages(message, { receivedAt: Date.now() });
    if (problems.length > 0) throw new TargetError(`refused ${device.deviceId}'s message: ${problems.map((p) => p.reason).join('; ')}`);
    const readings = accepted.map((a) => a.reading);
    const report = await writeReadings(readings, {
      client: this.client,
      databaseName: timestreamSettings.databaseName,
      tableName: timestreamSettings.tableName,
      resend: this.options.resend ?? TIMESTREAM_TARGET_RESENDS,
      sleep: this.options.sleep,
    });
    if (report.refused.length > 0 || report.toRetry.length > 0) {
      throw new ReadingsNotStoredError(
        device.deviceId,
        report.stored.map((i) => readings[i]),
        report.refused,
        report.toRetry,
      );
    }
  }

  async close(): Promise<void> {
    // nothing held open
  }
}
