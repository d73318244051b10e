import type { Datum, TimestreamConfiguration } from '@aws-sdk/client-timestream-query';
import type { ResultType, ScalarTypeName } from '../../src/query/result-types';
import { mapResultRows, timestampToNanos } from '../../src/scheduled/row-mapper';

const s = (scalar: ScalarTypeName): ResultType => ({ kind: 'scalar', scalar });
const v = (text: string): Datum => ({ ScalarValue: text });
const NULL: Datum = { NullValue: true };
const T0 = '2026-03-01 12:00:00.000000000';
const T0_NS = `${BigInt(Date.parse('2026-03-01T12:00:00Z')) * 1_000_000n}`;

const columns = [
  { name: 'site', type: s('VARCHAR') },
  { name: 'metric', type: s('VARCHAR') },
  { name: 't', type: s('TIMESTAMP') },
  { name: 'value', type: s('DOUBLE') },
  { name: 'n', type: s('BIGINT') },
  { name: 'last_seen', type: s('TIMESTAMP') },
];
const base: TimestreamConfiguration = { DatabaseName: 'db', TableName: 't', TimeColumn: 't', DimensionMappings: [{ Name: 'site', DimensionValueType: 'VARCHAR' }] };

describe('mapping result rows onto records', () => {
  it('reads result timestamps as nanoseconds', () => {
    expect(timestampToNanos(T0)).toBe(T0_NS);
    expect(timestampToNanos('2026-03-01 12:00:00.123456789')).toBe(`${BigInt(Date.parse('2026-03-01T12:00:00Z')) * 1_000_000n + 123_456_789n}`);
    expect(timestampToNanos('2026-03-01 12:00:00')).toBe(T0_NS);
    expect(timestampToNanos('yesterday')).toBeUndefined();
  });

  it('MultiMeasureMappings: one MULTI record per row, null values left out, TIMESTAMP attributes in nanoseconds; MeasureNameColumn names it', () => {
    const target: TimestreamConfiguration = {
      ...base,
      MultiMeasureMappings: {
        TargetMultiMeasureName: 'stats',
        MultiMeasureAttributeMappings: [
          { SourceColumn: 'value', MeasureValueType: 'DOUBLE', TargetMultiMeasureAttributeName: 'avg_value' },
          { SourceColumn: 'n', MeasureValueType: 'BIGINT' },
          { SourceColumn: 'last_seen', MeasureValueType: 'TIMESTAMP' },
        ],
      },
    };
    const rows = [
      [v('s1'), v('m'), v(T0), v('1.5'), v('3'), v(T0)],
      [NULL, v('m'), v(T0), NULL, v('4'), NULL],
      [v('s3'), v('m'), v(T0), NULL, NULL, NULL],
    ];
    const { records, rowErrors } = mapResultRows(target, columns, rows, 7);
    expect(rowErrors).toEqual([]);
    expect(records).toEqual([
      {
        row: 0,
        record: {
          MeasureName: 'stats',
          MeasureValueType: 'MULTI',
          MeasureValues: [
            { Name: 'avg_value', Type: 'DOUBLE', Value: '1.5' },
            { Name: 'n', Type: 'BIGINT', Value: '3' },
            { Name: 'last_seen', Type: 'TIMESTAMP', Value: T0_NS },
          ],
          Dimensions: [{ Name: 'site', Value: 's1', DimensionValueType: 'VARCHAR' }],
          Time: T0_NS,
          TimeUnit: 'NANOSECONDS',
          Version: 7,
        },
      },
      { row: 1, record: expect.objectContaining({ Dimensions: [], MeasureValues: [{ Name: 'n', Type: 'BIGINT', Value: '4' }] }) },
    ]);
    const named = mapResultRows({ ...target, MeasureNameColumn: 'metric' }, columns, [rows[0]], 1);
    expect(named.records[0].record.MeasureName).toBe('m');
  });

  it('MixedMeasureMappings with MeasureNameColumn: each row gets the mappings of its measure name (single values and MULTI)', () => {
    const target: TimestreamConfiguration = {
      ...base,
      MeasureNameColumn: 'metric',
      MixedMeasureMappings: [
        { MeasureName: 'temp', SourceColumn: 'value', MeasureValueType: 'DOUBLE' },
        { MeasureName: 'temp', SourceColumn: 'n', TargetMeasureName: 'temp_count', MeasureValueType: 'BIGINT' },
        { MeasureName: 'door', MeasureValueType: 'MULTI', TargetMeasureName: 'door_stats', MultiMeasureAttributeMappings: [{ SourceColumn: 'n', MeasureValueType: 'BIGINT', TargetMultiMeasureAttributeName: 'openings' }] },
      ],
    };
    const rows = [
      [v('s1'), v('temp'), v(T0), v('21.5'), v('12'), NULL],
      [v('s1'), v('door'), v(T0), NULL, v('2'), NULL],
      [v('s1'), v('humidity'), v(T0), v('40.0'), v('1'), NULL],
      [v('s1'), NULL, v(T0), v('1.0'), v('1'), NULL],
      [v('s2'), v('temp'), NULL, v('1.0'), v('1'), NULL],
    ];
    const { records, rowErrors } = mapResultRows(target, columns, rows, 1);
    expect(records.map((r) => [r.row, r.record.MeasureName, r.record.MeasureValueType, r.record.MeasureValue ?? r.record.MeasureValues])).toEqual([
      [0, 'temp', 'DOUBLE', '21.5'],
      [0, 'temp_count', 'BIGINT', '12'],
      [1, 'door_stats', 'MULTI', [{ Name: 'openings', Type: 'BIGINT', Value: '2' }]],
    ]);
    expect(rowErrors.map((e) => [e.row, e.reason])).toEqual([
      [2, 'No MixedMeasureMapping has the MeasureName humidity of column metric.'],
      [3, 'The measure name column metric is null or empty.'],
      [4, 'The time column t is null.'],
    ]);
    expect(JSON.parse(rowErrors[2].rawLine)).toEqual({ site: 's2', metric: 'temp', t: null, value: '1.0', n: '1', last_seen: null });
  });

  it('MixedMeasureMappings without MeasureNameColumn apply to every row; the measure name defaults to the source column', () => {
    const target: TimestreamConfiguration = { ...base, MixedMeasureMappings: [{ SourceColumn: 'value', MeasureValueType: 'DOUBLE' }, { SourceColumn: 'n', MeasureName: 'count', MeasureValueType: 'BIGINT' }] };
    const { records } = mapResultRows(target, columns, [[v('s1'), v('x'), v(T0), v('2.0'), v('5'), NULL]], 1);
    expect(records.map((r) => r.record.MeasureName)).toEqual(['value', 'count']);
  });
});
