import { RejectedRecordsException, type _Record, type RejectedRecord, type WriteRecordsCommandInput } from '@aws-sdk/client-timestream-write';
import type { SensorReading } from '@iot-timeseries/schema';

/** A reading of `deviceId` at `time` (epoch ms) in `location`, with a temperature unless measures are given. */
export function sensorReading(deviceId: string, time: number, measures: Record<string, number> = { temperature: 21.5 }, location = 'hall-1'): SensorReading {
  return { deviceId, location, time, timeFromReceipt: false, measures };
}

/** A sleep for the writer's `sleep` option that returns at once and records every wait. */
export function recordingSleep(): { readonly sleep: (ms: number) => Promise<void>; readonly waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

/** A RejectedRecordsException as the SDK throws it, for the given per-record refusals. */
export function rejectedRecordsException(rejected: RejectedRecord[]): RejectedRecordsException {
  const message = 'One or more records have been rejected.';
  return new RejectedRecordsException({ message, Message: message, RejectedRecords: rejected, $metadata: { httpStatusCode: 419 } });
}

/** The records of a WriteRecords input with CommonAttributes merged in, as Timestream reads them. */
export function effectiveRecords(input: WriteRecordsCommandInput): _Record[] {
  const common = input.CommonAttributes ?? {};
  return (input.Records ?? []).map((r) => ({ ...common, ...r, Dimensions: [...(common.Dimensions ?? []), ...(r.Dimensions ?? [])] }));
}

/** The value of dimension `name` of a record. */
export function dimensionOf(record: _Record, name: string): string | undefined {
  return record.Dimensions?.find((d) => d.Name === name)?.Value;
}
