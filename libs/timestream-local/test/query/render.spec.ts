import { renderDayToSecond, renderDouble, renderYearToMonth } from '../../src/query/render';
import { parseDuckType } from '../../src/query/duck-type';
import { resultType, toSdkType } from '../../src/query/result-types';

describe('rendering as the service does', () => {
  it('doubles: shortest round-trip digits, .0 on whole numbers, Java E notation outside 1e-3..1e7', () => {
    expect([13.5, 40.232656725296536, 20, 0, -2, 1e7, 1.5e-4, 123456789.5, NaN, Infinity, -Infinity].map(renderDouble)).toEqual([
      '13.5', '40.232656725296536', '20.0', '0.0', '-2.0', '1.0E7', '1.5E-4', '1.234567895E8', 'NaN', 'Infinity', '-Infinity',
    ]);
    for (const x of [0.1 + 0.2, 1 / 3, 2 ** 53 + 2, 5e-324]) expect(Number(renderDouble(x))).toBe(x);
  });

  it('intervals: day-to-second normalised with nine fraction digits, year-to-month as y-m', () => {
    expect(renderDayToSecond({ months: 0, days: 2, micros: -10_800_000_000n })).toBe('1 21:00:00.000000000');
    expect(renderDayToSecond({ months: 0, days: 0, micros: 1_500_000n })).toBe('0 00:00:01.500000000');
    expect(renderDayToSecond({ months: 0, days: -1, micros: 0n })).toBe('-1 00:00:00.000000000');
    expect(renderYearToMonth({ months: 31, days: 0, micros: 0n })).toBe('2-7');
    expect(renderYearToMonth({ months: -14, days: 0, micros: 0n })).toBe('-1-2');
  });

  it('maps DuckDB result types to Timestream column types', () => {
    const sdk = (text: string) => toSdkType(resultType(parseDuckType(text)));
    expect(sdk('STRUCT("time" TIMESTAMP_NS, "value" DOUBLE)[]')).toEqual({ TimeSeriesMeasureValueColumnInfo: { Type: { ScalarType: 'DOUBLE' } } });
    expect(sdk('STRUCT("a b" INTEGER, "c" VARCHAR[])[]')).toEqual({
      ArrayColumnInfo: { Type: { RowColumnInfo: [{ Name: 'a b', Type: { ScalarType: 'INTEGER' } }, { Name: 'c', Type: { ArrayColumnInfo: { Type: { ScalarType: 'VARCHAR' } } } }] } },
    });
    expect(['HUGEINT', 'DECIMAL(18,3)', 'TIMESTAMP WITH TIME ZONE', '"NULL"', 'INTERVAL', 'UUID'].map(sdk)).toEqual([
      { ScalarType: 'BIGINT' }, { ScalarType: 'DOUBLE' }, { ScalarType: 'TIMESTAMP' }, { ScalarType: 'UNKNOWN' }, { ScalarType: 'INTERVAL_DAY_TO_SECOND' }, { ScalarType: 'VARCHAR' },
    ]);
  });
});
