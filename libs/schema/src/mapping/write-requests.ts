import type { _Record, WriteRecordsCommandInput } from '@aws-sdk/client-timestream-write';
import { MAX_RECORDS_PER_WRITE } from '../limits';
import type { SensorReading } from '../sensor-reading';
import type { RecordMappingOptions } from './record-options';
import { RECORD_VERSION, readingDimensions, toRecord } from './to-record';

export interface WriteRequestPlan {
  input: WriteRecordsCommandInput;
  /** For each record of the request, in order, the index into the readings it came from. */
  readingIndexes: number[];
}

/**
 * Groups readings into WriteRecords inputs of at most 100 records. Readings of the same device and
 * location sit together, and what all records of a request share goes into CommonAttributes
 * (counted once by Timestream's metering).
 */
export function toWriteRequests(readings: readonly SensorReading[], options: RecordMappingOptions): WriteRequestPlan[] {
  const order = groupByDevice(readings);
  const plans: WriteRequestPlan[] = [];
  for (let start = 0; start < order.length; start += MAX_RECORDS_PER_WRITE) {
    const readingIndexes = order.slice(start, start + MAX_RECORDS_PER_WRITE);
    plans.push({ input: buildRequest(readingIndexes.map((i) => readings[i]), options), readingIndexes });
  }
  return plans;
}

function groupByDevice(readings: readonly SensorReading[]): number[] {
  const groups = new Map<string, number[]>();
  readings.forEach((r, i) => {
    const key = JSON.stringify([r.deviceId, r.location]);
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  return [...groups.values()].flat();
}

function buildRequest(readings: SensorReading[], options: RecordMappingOptions): WriteRecordsCommandInput {
  const records = readings.map((r) => toRecord(r, options));
  const first = readings[0];
  const sameDevice = readings.every((r) => r.deviceId === first.deviceId && r.location === first.location);
  const common: _Record = {
    MeasureName: records[0].MeasureName,
    MeasureValueType: 'MULTI',
    TimeUnit: 'MILLISECONDS',
    Version: RECORD_VERSION,
    ...(sameDevice ? { Dimensions: readingDimensions(first) } : {}),
  };
  return {
    DatabaseName: options.databaseName,
    TableName: options.tableName,
    CommonAttributes: common,
    Records: records.map((r) => ({
      ...(sameDevice ? {} : { Dimensions: r.Dimensions }),
      MeasureValues: r.MeasureValues,
      Time: r.Time,
    })),
  };
}
