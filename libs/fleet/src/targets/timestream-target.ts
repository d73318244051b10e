import { WriteRecordsCommand, type TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import { timestreamSettings, toWriteRequests, validateMessages, type SensorReading } from '@iot-timeseries/schema';
import { TargetError } from '../errors';
import type { DeviceSpec } from '../fleet/devices';
import type { SensorMessage } from '../fleet/sensor-message';
import type { Target } from './target';

/**
 * Writes readings straight to Timestream (no broker, no Lambda), validated and mapped by libs/schema
 * exactly as the Lambda does; invalid messages are refused with the schema's reasons.
 */
export class TimestreamTarget implements Target {
  readonly description = `Timestream ${timestreamSettings.databaseName}.${timestreamSettings.tableName}`;

  constructor(private readonly client: TimestreamWriteClient) {}

  async open(): Promise<void> {
    // nothing to connect: each send is a request of its own
  }

  async send(device: DeviceSpec, message: SensorMessage): Promise<void> {
    const { accepted, problems } = validateMessages(message, { receivedAt: Date.now() });
    if (problems.length > 0) throw new TargetError(`refused ${device.deviceId}'s message: ${problems.map((p) => p.reason).join('; ')}`);
    const readings: SensorReading[] = accepted.map((a) => a.reading);
    for (const plan of toWriteRequests(readings, { databaseName: timestreamSettings.databaseName, tableName: timestreamSettings.tableName })) {
      try {
        await this.client.send(new WriteRecordsCommand(plan.input));
      } catch (cause) {
        throw new TargetError(`WriteRecords for ${device.deviceId} failed: ${(cause as Error).message}`, { cause });
      }
    }
  }

  async close(): Promise<void> {
    // nothing held open
  }
}
