import type { ColumnInfo, Row } from '@aws-sdk/client-timestream-query';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { queryPage } from '../src/testing';
import { decodeRows, type DayToSecondInterval, type TimeSeriesPoint, type TimestampValue, type YearToMonthInterval } from '../src';

const DIR = join(__dirname, '../../../../shared/spec/timestream/captured-responses');

/** The captured files are Go structs as JSON: absent members are null. On the wire they are omitted. */
function withoutNulls<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, v) => (v === null ? undefined : v));
}
function load(file: string): { ColumnInfo: ColumnInfo[]; Rows: Row[] } {
  return withoutNulls(JSON.parse(readFileSync(join(DIR, file), 'utf8')));
}

describe('decodeRows on the captured responses', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

  it('covers every captured response', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
  });

  it.each(files)('decodes %s: one object per row, keyed by column name', (file) => {
    const { ColumnInfo, Rows } = load(file);
    const rows = decodeRows(ColumnInfo, Rows ?? []);
    expect(rows).toHaveLength((Rows ?? []).length);
    for (const row of rows) expect(Object.keys(row)).toEqual(ColumnInfo.map((c, i) => c.Name ?? `_col${i}`));
  });

  it('decodes every scalar type of select-consts.json value for value', () => {
    const { ColumnInfo, Rows } = load('select-consts.json');
    const [row] = decodeRows(ColumnInfo, Rows);
    expect(row.t_int32).toBe(1);
    expect(row.t_varchar).toBe('two');
    const ts = row.timestamp as TimestampValue;
    expect(ts.text).toBe('2020-08-08 01:00:00.000000000');
    expect(ts.date.toISOString()).toBe('2020-08-08T01:00:00.000Z');
    expect(ts.epochNanoseconds).toBe(BigInt(Date.UTC(2020, 7, 8, 1)) * 1_000_000n);
    // interval '2' day - interval '3' hour = 45 hours
    expect((row.interval_day_to_second as DayToSecondInterval).nanoseconds).toBe(45n * 3600n * 1_000_000_000n);
    // interval '3' year - interval '5' month = 31 months
    expect((row.interval_year_to_month as YearToMonthInterval).months).toBe(31);
    expect(row.time).toBe('01:00:00.000000000');
    expect(row.date).toBe('2020-08-08');
  });

  it('decodes time series into points with timestamps and numbers', () => {
    const { ColumnInfo, Rows } = load('some-timeseries.json');
    const rows = decodeRows(ColumnInfo, Rows);
    const seriesColumn = ColumnInfo.find((c) => c.Type?.TimeSeriesMeasureValueColumnInfo)?.Name as string;
    const points = rows[0][seriesColumn] as TimeSeriesPoint[];
    expect(points.length).toBeGreaterThan(0);
    for (const p of points) {
      expect(p.time.kind).toBe('timestamp');
      expect(typeof p.value).toBe('number');
    }
    const times = points.map((p) => p.time.epochNanoseconds);
    expect([...times].sort((a, b) => (a < b ? -1 : 1))).toEqual(times);
  });

  it('decodes NullValue as null, in scalar columns and in series', () => {
    const nulls = decodeRows(load('time-series-with-null-data-points.json').ColumnInfo, load('time-series-with-null-data-points.json').Rows);
    expect(nulls.some((r) => Object.values(r).includes(null))).toBe(true);
    const { ColumnInfo, Rows } = load('select-null-timestamp.json');
    const rows = decodeRows(ColumnInfo, Rows);
    expect(ColumnInfo[1].Name).toBe('_col1');
    const sourceNulls = Rows.map((r) => r.Data?.[1].NullValue === true);
    expect(sourceNulls).toContain(true);
    expect(sourceNulls).toContain(false);
    rows.forEach((r, i) => {
      if (sourceNulls[i]) expect(r._col1).toBeNull();
      else expect((r._col1 as TimestampValue).kind).toBe('timestamp');
    });
  });

  it('decodes arrays and rows', () => {
    const columns: ColumnInfo[] = [
      { Name: 'a', Type: { ArrayColumnInfo: { Type: { ScalarType: 'BIGINT' } } } },
      { Name: 'r', Type: { RowColumnInfo: [{ Name: 'x', Type: { ScalarType: 'DOUBLE' } }, { Type: { ScalarType: 'BOOLEAN' } }] } },
    ];
    const rows: Row[] = [{ Data: [{ ArrayValue: [{ ScalarValue: '9007199254740993' }, { NullValue: true }] }, { RowValue: { Data: [{ ScalarValue: '1.5' }, { ScalarValue: 'true' }] } }] }];
    expect(decodeRows(columns, rows)).toEqual([{ a: [9007199254740993n, null], r: { x: 1.5, _col1: true } }]);
  });

  it('refuses a row that does not match its columns', () => {
    expect(() => decodeRows([{ Name: 'x', Type: { ScalarType: 'DOUBLE' } }], [{ Data: [{ ScalarValue: 'abc' }] }])).toThrow('not a DOUBLE: "abc"');
    expect(() => decodeRows([{ Name: 'x', Type: { ScalarType: 'DOUBLE' } }], [{ Data: [] }])).toThrow('a row has 0 values for 1 columns');
  });
});

describe('queryPage (the testing entry)', () => {
  it('builds a page that decodes to the rows it was given, nulls included', () => {
    const page = queryPage({ columns: { device_id: 'VARCHAR', n: 'BIGINT', avg: 'DOUBLE' }, rows: [['dev-a', '3', '20.5'], ['dev-b', '0', null]] });
    expect(decodeRows(page.ColumnInfo, page.Rows)).toEqual([
      { device_id: 'dev-a', n: 3n, avg: 20.5 },
      { device_id: 'dev-b', n: 0n, avg: null },
    ]);
    expect(page.NextToken).toBeUndefined();
    expect(page.QueryStatus?.ProgressPercentage).toBe(100);
  });
});
