import type { Datum } from '@aws-sdk/client-timestream-query';
import { useSensorServer } from './sdk-datasets';
import { FROM, readings, scalar } from './fixture';

/** Array, string, bitwise, regex and aggregate functions in their Trino forms, through the SDK. */
const { run, refusal } = useSensorServer();

const text = (d: Datum): unknown => (d.ArrayValue ? d.ArrayValue.map(text) : scalar(d));
const first = async (sql: string): Promise<unknown[]> => (await run(sql)).rows[0].map(text);

describe('array functions', () => {
  it('keep the order of first appearance and one NULL', async () => {
    expect(await first('SELECT array_distinct(ARRAY[3, 1, 3, NULL, NULL]), array_union(ARRAY[1, 2], ARRAY[2, 3]), array_except(ARRAY[1, 2, 2, 4], ARRAY[4])'))
      .toEqual([['3', '1', undefined], ['1', '2', '3'], ['1', '2']]);
  });

  it('array_remove, repeat, reverse, array_join with a NULL replacement, || with an element', async () => {
    expect(await first("SELECT array_remove(ARRAY[3, NULL, 4], 4), repeat('a', 3), reverse(ARRAY[1, 2]), array_join(ARRAY[1, NULL, 3], ';', 'x'), ARRAY[1] || 2, 0 || ARRAY[1]"))
      .toEqual([['3', undefined], ['a', 'a', 'a'], ['2', '1'], '1;x;3', ['1', '2'], ['0', '1']]);
    expect(await refusal('SELECT repeat(1, -1)')).toEqual({ name: 'ValidationException', message: 'count argument of repeat function must be greater than or equal to 0' });
  });
});

describe('string and regex functions', () => {
  it('replace without a replacement, split with a limit, strpos of the n-th instance, regexp_split', async () => {
    expect(await first("SELECT replace('abcb', 'b'), split('a,b,c', ',', 2), strpos('abcb', 'b', 2), strpos('xxabab', 'ab', 2), strpos('abcb', 'b', 3), regexp_split('a1b22c', '\\d+')"))
      .toEqual(['ac', ['a', 'b,c'], '4', '5', '0', ['a', 'b', 'c']]);
    // Java's replacement syntax: $n names a group, \\ escapes; also when the replacement is not a literal
    expect(await first("SELECT regexp_replace('a1b22', '(\\d+)', '<$1>'), regexp_replace('a1b2', '\\d', '\\\\'), regexp_replace('a1b2', '(\\d)', r) FROM (SELECT '[$1]' AS r)"))
      .toEqual(['a<1>b<22>', 'a\\b\\', 'a[1]b[2]']);
    expect(await refusal("SELECT split('a', ',', 0)")).toEqual({ name: 'ValidationException', message: 'Limit must be positive' });
  });
});

describe('bitwise functions', () => {
  it('bitwise_and/or/xor/not and bit_count in two\'s complement of the bits given', async () => {
    expect(await first('SELECT bitwise_and(6, 3), bitwise_or(6, 3), bitwise_xor(6, 3), bitwise_not(0), bit_count(9, 64), bit_count(-7, 8)'))
      .toEqual(['2', '7', '5', '-1', '2', '6']);
    expect(await refusal('SELECT bit_count(200, 8)')).toEqual({ name: 'ValidationException', message: 'Number must be representable with the bits specified' });
  });

  it('bitwise_and_agg and bitwise_or_agg are BIGINT aggregates', async () => {
    const { first: page, rows } = await run('SELECT bitwise_and_agg(x), bitwise_or_agg(x) FROM (VALUES 7, 6, 12) t(x)');
    expect(page.ColumnInfo?.map((c) => c.Type?.ScalarType)).toEqual(['BIGINT', 'BIGINT']);
    expect(rows[0].map(text)).toEqual([String(7 & 6 & 12), String(7 | 6 | 12)]);
  });
});

describe('Joda-Time formats', () => {
  it('format_datetime and parse_datetime', async () => {
    const t = "TIMESTAMP '2024-02-05 09:07:03.123456789'";
    expect(await first(`SELECT format_datetime(${t}, 'yyyy-MM-dd HH:mm:ss.SSS'), format_datetime(${t}, 'EEE, d MMM yy h:m a ''at'' DDD'),
      format_datetime(${t}, 'EEEE MMMM SSSSSSSSS'), parse_datetime('2024-02-05 10:11', 'yyyy-MM-dd HH:mm'),
      parse_datetime('05/Feb/2024:10:11:12 +0200', 'dd/MMM/yyyy:HH:mm:ss Z')`)).toEqual([
      // Trino prints the instant rounded to the millisecond: nine S are the milliseconds and six zeros
      '2024-02-05 09:07:03.123', 'Mon, 5 Feb 24 9:7 AM at 036', 'Monday February 123000000', '2024-02-05 10:11:00.000000000', '2024-02-05 08:11:12.000000000',
    ]);
    expect(await refusal("SELECT format_datetime(now(), 'QQ')")).toEqual({ name: 'ValidationException', message: "line 1:31: Joda pattern 'QQ' is not supported" });
  });

  it('the era, the ISO week-year, its week and the day of the week', async () => {
    expect(await first("SELECT format_datetime(TIMESTAMP '2021-01-03 10:00:00', 'G xxxx-''W''ww-e'), parse_datetime('2021-W05-3', 'xxxx-''W''ww-e')"))
      .toEqual(['AD 2020-W53-7', '2021-02-03 00:00:00.000000000']);
  });
});

describe('parse_duration of a column', () => {
  it('reads each row\'s text as the literal form does, rounded to the microsecond', async () => {
    const { first: page, rows } = await run("SELECT parse_duration(d) FROM (VALUES '42.8ms', '3.81 d', ' 5m ', '1500ns', NULL) AS t (d)");
    expect(page.ColumnInfo?.[0].Type?.ScalarType).toBe('INTERVAL_DAY_TO_SECOND');
    expect(rows.map((r) => scalar(r[0]))).toEqual(['0 00:00:00.042800000', '3 19:26:24.000000000', '0 00:05:00.000000000', '0 00:00:00.000002000', undefined]);
  });

  it('refuses text that is not a duration, naming it', async () => {
    expect(await refusal("SELECT parse_duration(d) FROM (VALUES '5 x') AS t (d)")).toEqual({ name: 'ValidationException', message: 'Invalid duration string: 5 x' });
    expect(await refusal('SELECT parse_duration(1)')).toEqual({ name: 'ValidationException', message: 'line 1:8: Unexpected parameters (integer) for function parse_duration. Expected: parse_duration(varchar)' });
  });
});

describe('other forms', () => {
  it('a timestamp cast to varchar keeps its nine fraction digits', async () => {
    expect(await first("SELECT CAST(now() AS varchar), TRY_CAST(TIMESTAMP '2024-01-01 01:02:03.123456789' AS varchar)"))
      .toEqual(['2026-03-01 12:00:00.000000000', '2024-01-01 01:02:03.123456789']);
  });

  it('try, random(n), timezone_hour and timezone_minute (UTC)', async () => {
    expect(await first("SELECT try(CAST('x' AS bigint)), random(10) BETWEEN 0 AND 9, timezone_hour(now()), timezone_minute(now())")).toEqual([undefined, 'true', '0', '0']);
  });

  it('approx_distinct with an error bound, weighted approx_percentile', async () => {
    const temperatures = readings().filter((r) => r.device_id === 'dev-b').map((r) => r.temperature);
    // weight 1 for the first ten readings, 3 for the others: the median of the expanded list
    const expanded = temperatures.flatMap((t, i) => Array<number>(i < 10 ? 1 : 3).fill(t)).sort((a, b) => a - b);
    const at = (p: number): number => expanded[Math.max(1, Math.ceil(expanded.length * p)) - 1];
    const sql = `SELECT approx_distinct(temperature, 0.01), approx_percentile(temperature, w, 0.5), approx_percentile(temperature, w, ARRAY[0.1, 0.9]),
      approx_percentile(temperature, w, 0.5, 0.01) FROM (SELECT temperature, IF(time < min(time) OVER () + 10m, 1, 3) AS w FROM ${FROM} WHERE device_id = 'dev-b')`;
    const [distinct, median, tails, withAccuracy] = await first(sql);
    // DuckDB's HyperLogLog: approximate, its own error bound (the requested one is not applied)
    expect(Math.abs(Number(distinct) - new Set(temperatures).size)).toBeLessThanOrEqual(0.15 * new Set(temperatures).size);
    expect(Number(median)).toBe(at(0.5));
    expect((tails as string[]).map(Number)).toEqual([at(0.1), at(0.9)]);
    expect(Number(withAccuracy)).toBe(at(0.5));
  });
});
