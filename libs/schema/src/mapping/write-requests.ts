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
  return packByDevice(readings).map((readingIndexes) => ({
    input: buildRequest(readingIndexes.map((i) => readings[i]), options),
    readingIndexes,
  }));
}

/**
 * Full requests of a single device first (their dimensions go into CommonAttributes), then the
 * remainders packed together, each device's readings still contiguous.
 */
function packByDevice(readings: readonly SensorReading[]): number[][] {
  const chunks: number[][] = [];
  const rest: number[] = [];
  for (const group of groupByDevice(readings)) {
    let start = 0;
    for (; group.length - start >= MAX_RECORDS_PER_WRITE; start += MAX_RECORDS_PER_WRITE) {
      chunks.push(group.slice(start, start + MAX_RECORDS_PER_WRITE));
    }
    rest.push(...group.slice(start));
  }
  for (let start = 0; start < rest.length; start += MAX_RECORDS_PER_WRITE) chunks.push(rest.slice(start, start + MAX_RECORDS_PER_WRITE));
  return chunks;
}

function groupByDevice(readings: readonly SensorReading[]): number[][] {
  const groups = new Map<string, number[]>();
  readings.forEach((r, i) => {
    const key = JSON.stringify([r.deviceId, r.location]);
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  return [...groups.values()];
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
