import type { _Record, WriteRecordsCommandInput } from '@aws-sdk/client-timestream-write';
import fc from 'fast-check';
import { MAX_RECORD_BYTES, MAX_RECORDS_PER_WRITE } from '../limits';
import { MEASURES } from '../measures';
import { timestreamSettings } from '../settings/timestream';
import type { SensorReading } from '../sensor-reading';
import { sensorReadingArb } from '../testing';
import { recordBytes } from './record-size';
import { toRecord } from './to-record';
import { toWriteRequests } from './write-requests';

const target = { databaseName: 'db', tableName: 'tbl' };

/** Merges CommonAttributes into a record as Timestream does, then reads the reading back. */
function readBack(input: WriteRecordsCommandInput, record: _Record): SensorReading {
  const merged: _Record = { ...input.CommonAttributes, ...record, Dimensions: [...(input.CommonAttributes?.Dimensions ?? []), ...(record.Dimensions ?? [])] };
  const dim = (name: string) => merged.Dimensions?.find((d) => d.Name === name)?.Value as string;
  expect(merged.MeasureValueType).toBe('MULTI');
  expect(merged.TimeUnit).toBe('MILLISECONDS');
  expect(merged.Version).toBe(1);
  return {
    deviceId: dim('device_id'),
    location: dim('location'),
    time: Number(merged.Time),
    timeFromReceipt: false,
    measures: Object.fromEntries((merged.MeasureValues ?? []).map((m) => [m.Name, Number(m.Value)])),
  };
}

describe('toRecord', () => {
  it('writes one MULTI record with the dimensions, the device time and typed measures', () => {
    const record = toRecord({ deviceId: 'sensor-001', location: 'hall', time: 1_700_000_000_123, timeFromReceipt: false, measures: { vibration: 0.03, temperature: 23.5 } }, target);
    expect(record).toEqual({
      Dimensions: [
        { Name: 'device_id', Value: 'sensor-001', DimensionValueType: 'VARCHAR' },
        { Name: 'location', Value: 'hall', DimensionValueType: 'VARCHAR' },
      ],
      MeasureName: timestreamSettings.multiMeasureName,
      MeasureValueType: 'MULTI',
      MeasureValues: [
        { Name: 'temperature', Value: '23.5', Type: MEASURES.temperature.valueType },
        { Name: 'vibration', Value: '0.03', Type: MEASURES.vibration.valueType },
      ],
      Time: '1700000000123',
      TimeUnit: 'MILLISECONDS',
      Version: 1,
    });
  });

  it('refuses a measure outside the catalogue', () => {
    expect(() => toRecord({ deviceId: 'a', location: 'b', time: 1, timeFromReceipt: false, measures: { rpm: 1 } }, target)).toThrow('measure rpm is not in the catalogue');
  });
});

describe('toWriteRequests', () => {
  const readings = fc.array(sensorReadingArb, { maxLength: 350 });

  it('maps every reading to exactly one record, in requests of at most 100 records', () => {
    fc.assert(
      fc.property(readings, (rs) => {
        const plans = toWriteRequests(rs, target);
        const indexes = plans.flatMap((p) => p.readingIndexes).sort((a, b) => a - b);
        expect(indexes).toEqual(rs.map((_, i) => i));
        for (const plan of plans) {
          expect(plan.input.Records?.length).toBe(plan.readingIndexes.length);
          expect(plan.input.Records?.length).toBeLessThanOrEqual(MAX_RECORDS_PER_WRITE);
          expect(plan.input.DatabaseName).toBe('db');
          expect(plan.input.TableName).toBe('tbl');
        }
        expect(plans.length).toBe(Math.ceil(rs.length / MAX_RECORDS_PER_WRITE));
      }),
      { numRuns: 60 },
    );
  });

  it('keeps every record within the 2 KB limit and round-trips values and times', () => {
    fc.assert(
      fc.property(readings, (rs) => {
        for (const plan of toWriteRequests(rs, target)) {
          plan.input.Records?.forEach((record, k) => {
            const original = rs[plan.readingIndexes[k]];
            expect(recordBytes(toRecord(original, target))).toBeLessThanOrEqual(MAX_RECORD_BYTES);
            const back = readBack(plan.input, record);
            expect(back).toEqual({ ...original, timeFromReceipt: false });
          });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('hoists the dimensions into CommonAttributes when a request holds one device', () => {
    const rs: SensorReading[] = Array.from({ length: 150 }, (_, i) => ({ deviceId: i < 100 ? 'a' : 'b', location: 'x', time: 1_700_000_000_000 + i, timeFromReceipt: false, measures: { temperature: i } }));
    const shuffled = [...rs].reverse();
    const plans = toWriteRequests(shuffled, target);
    expect(plans).toHaveLength(2);
    // 'a' fills a request on its own; the 50 readings of 'b' form the remainder request.
    expect(plans.map((p) => p.input.CommonAttributes?.Dimensions?.[0].Value)).toEqual(['a', 'b']);
    expect(plans[0].input.CommonAttributes?.Dimensions).toEqual([
      { Name: 'device_id', Value: 'a', DimensionValueType: 'VARCHAR' },
      { Name: 'location', Value: 'x', DimensionValueType: 'VARCHAR' },
    ]);
    expect(plans[0].input.Records?.[0].Dimensions).toBeUndefined();
  });

  it('keeps per-record dimensions when a request mixes devices', () => {
    const rs: SensorReading[] = ['a', 'b', 'a'].map((d, i) => ({ deviceId: d, location: 'x', time: 1_700_000_000_000 + i, timeFromReceipt: false, measures: { humidity: 50 } }));
    const [plan] = toWriteRequests(rs, target);
    expect(plan.readingIndexes).toEqual([0, 2, 1]);
    expect(plan.input.CommonAttributes?.Dimensions).toBeUndefined();
    expect(plan.input.Records?.map((r) => r.Dimensions?.[0].Value)).toEqual(['a', 'a', 'b']);
  });
});
