import type { SdkFixture } from './sdk-fixture';
import { sdkRunner, startSensorServer, type SdkRunner } from './sdk-datasets';
import { DEVICES, FROM, NOW, POINTS, STEP_MS, readings, scalar, tsText } from './fixture';

/** Data written with WriteRecords to the server; every query through the SDK. */
let fx: SdkFixture;
let run: SdkRunner;
beforeAll(async () => {
  fx = await startSensorServer();
  run = sdkRunner(fx);
}, 30_000);
afterAll(async () => fx.close());

async function values(sql: string): Promise<Array<Array<string | undefined>>> {
  const { rows } = await run(sql);
  return rows.map((r) => r.map(scalar));
}
const first = async (sql: string): Promise<Array<string | undefined>> => (await values(sql))[0];

const data = readings();
const byDevice = (d: string) => data.filter((r) => r.device_id === d);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const close = (text: string | undefined, expected: number) => expect(Number(text)).toBeCloseTo(expected, 9);

describe('time functions', () => {
  it('ago, now and bare intervals filter relative to the query time', async () => {
    const [count] = await first(`SELECT count(*) FROM ${FROM} WHERE time > ago(5m) AND time <= now()`);
    const expected = data.filter((r) => r.time > NOW.getTime() - 5 * 60_000).length;
    expect(Number(count)).toBe(expected);
    expect(await first('SELECT now(), current_timestamp, ago(1h), current_date')).toEqual([
      tsText(NOW.getTime()), tsText(NOW.getTime()), tsText(NOW.getTime() - 3_600_000), NOW.toISOString().slice(0, 10),
    ]);
  });

  it('bin groups into buckets aligned to the epoch', async () => {
    const rows = await values(`SELECT bin(time, 5m) AS b, count(*) FROM ${FROM} WHERE device_id = 'dev-a' GROUP BY bin(time, 5m) ORDER BY b`);
    const buckets = new Map<number, number>();
    for (const r of byDevice('dev-a')) {
      const b = Math.floor(r.time / 300_000) * 300_000;
      buckets.set(b, (buckets.get(b) ?? 0) + 1);
    }
    expect(rows).toEqual([...buckets].sort((a, b) => a[0] - b[0]).map(([b, n]) => [tsText(b), String(n)]));
  });

  it('compares string timestamps with time', async () => {
    const cut = NOW.getTime() - 3 * STEP_MS;
    const iso = new Date(cut).toISOString();
    const [count] = await first(`SELECT count(*) FROM ${FROM} WHERE time >= '${iso.slice(0, 10)} ${iso.slice(11, 19)}'`);
    expect(Number(count)).toBe(data.filter((r) => r.time >= cut).length);
  });

  it('date_trunc, date_add, date_diff and the accessors', async () => {
    const t = "TIMESTAMP '2024-02-29 13:45:30.123456789'";
    expect(await first(`SELECT date_trunc('hour', ${t}), date_add('day', 1, ${t}), date_add('month', 1, TIMESTAMP '2024-01-31 00:00:00'),
      date_diff('hour', TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-01-02 05:59:00'), year(${t}), month(${t}), day(${t}),
      hour(${t}), minute(${t}), second(${t}), millisecond(${t}), day_of_week(${t}), day_of_year(${t}), extract(quarter FROM ${t})`)).toEqual([
      '2024-02-29 13:00:00.000000000', '2024-03-01 13:45:30.123456789', '2024-02-29 00:00:00.000000000', '29', '2024', '2', '29',
      '13', '45', '30', '123', '4', '60', '1',
    ]);
  });

  it('date arithmetic keeps DATE', async () => {
    const { first: response, rows } = await run("SELECT date '2020-01-31' + interval '1' month, date '2020-01-01' - interval '1' day, date_add('day', 2, date '2020-01-01')");
    expect(response.ColumnInfo?.map((c) => c.Type?.ScalarType)).toEqual(['DATE', 'DATE', 'DATE']);
    expect(rows[0].map(scalar)).toEqual(['2020-02-29', '2019-12-31', '2020-01-03']);
  });

  it('converts between epochs, ISO 8601 text and timestamps', async () => {
    const ms = 1_700_000_000_123;
    expect(await first(`SELECT from_milliseconds(${ms}), to_milliseconds(from_milliseconds(${ms})), from_nanoseconds(1700000000123456789),
      to_nanoseconds(TIMESTAMP '2023-11-14 22:13:20.123456789'), from_unixtime(1700000000), to_unixtime(TIMESTAMP '2023-11-14 22:13:20.5'),
      from_iso8601_timestamp('2023-11-14T22:13:20.123Z'), to_iso8601(TIMESTAMP '2023-11-14 22:13:20.123'),
      date_format(TIMESTAMP '2023-11-14 22:13:20', '%Y/%m/%d %H:%i:%s'), parse_duration('1.5h'), to_milliseconds(2s), to_nanoseconds(1500ms)`)).toEqual([
      tsText(ms), String(ms), '2023-11-14 22:13:20.123456789', '1700000000123456789', '2023-11-14 22:13:20.000000000', '1.7000000005E9',
      '2023-11-14 22:13:20.123000000', '2023-11-14T22:13:20.123Z', '2023/11/14 22:13:20', '0 01:30:00.000000000', '2000', '1500000000',
    ]);
  });
});

describe('aggregates', () => {
  it('avg, min, max, sum, count and the stddev/variance families per device', async () => {
    const rows = await values(`SELECT device_id, avg(temperature), min(temperature), max(temperature), count(humidity),
      stddev(temperature), stddev_pop(temperature), variance(temperature), var_pop(temperature)
      FROM ${FROM} GROUP BY device_id ORDER BY device_id`);
    expect(rows.map((r) => r[0])).toEqual(DEVICES);
    rows.forEach((row, i) => {
      const t = byDevice(DEVICES[i]).map((r) => r.temperature);
      const m = mean(t);
      const ss = t.reduce((a, x) => a + (x - m) ** 2, 0);
      close(row[1], m);
      expect(Number(row[2])).toBe(Math.min(...t));
      expect(Number(row[3])).toBe(Math.max(...t));
      expect(Number(row[4])).toBe(byDevice(DEVICES[i]).filter((r) => r.humidity !== null).length);
      close(row[5], Math.sqrt(ss / (t.length - 1)));
      close(row[6], Math.sqrt(ss / t.length));
      close(row[7], ss / (t.length - 1));
      close(row[8], ss / t.length);
    });
  });

  it('approx_percentile returns a value of the data at the percentile', async () => {
    const [p50, p90] = await first(`SELECT approx_percentile(temperature, 0.5), approx_percentile(temperature, 0.9) FROM ${FROM} WHERE device_id = 'dev-b'`);
    const sorted = byDevice('dev-b').map((r) => r.temperature).sort((a, b) => a - b);
    expect(Number(p50)).toBe(sorted[Math.ceil(0.5 * sorted.length) - 1]);
    expect(Number(p90)).toBe(sorted[Math.ceil(0.9 * sorted.length) - 1]);
  });

  it('max_by, min_by and arbitrary', async () => {
    const [latest, earliest, any] = await first(`SELECT max_by(temperature, time), min_by(temperature, time), arbitrary(location) FROM ${FROM} WHERE device_id = 'dev-c'`);
    const rows = byDevice('dev-c');
    expect(Number(latest)).toBe(rows[rows.length - 1].temperature);
    expect(Number(earliest)).toBe(rows[0].temperature);
    expect(any).toBe('hall');
  });

  it('sum of integers is BIGINT and integer division truncates', async () => {
    const { first: response, rows } = await run('SELECT sum(x), 7 / 2, -7 / 2, 7.0 / 2 FROM (SELECT 1 AS x UNION ALL SELECT 2)');
    expect(response.ColumnInfo?.map((c) => c.Type?.ScalarType)).toEqual(['BIGINT', 'INTEGER', 'INTEGER', 'DOUBLE']);
    expect(rows[0].map(scalar)).toEqual(['3', '3', '-3', '3.5']);
  });
});

describe('window functions', () => {
  it('lag, lead, row_number, rank and aggregates OVER', async () => {
    const rows = await values(`SELECT temperature, lag(temperature) OVER (ORDER BY time), lead(temperature, 2) OVER (ORDER BY time),
      row_number() OVER (ORDER BY time DESC), rank() OVER (ORDER BY location), avg(temperature) OVER (PARTITION BY location)
      FROM ${FROM} WHERE device_id = 'dev-a' ORDER BY time`);
    const t = byDevice('dev-a').map((r) => r.temperature);
    expect(rows.map((r) => Number(r[0]))).toEqual(t);
    expect(rows[0][1]).toBeUndefined();
    expect(rows.slice(1).map((r) => Number(r[1]))).toEqual(t.slice(0, -1));
    expect(rows.slice(0, -2).map((r) => Number(r[2]))).toEqual(t.slice(2));
    expect(rows.map((r) => Number(r[3]))).toEqual(t.map((_, i) => POINTS - i));
    expect(new Set(rows.map((r) => r[4]))).toEqual(new Set(['1']));
    close(rows[0][5], mean(t));
  });
});

describe('conditional, cast, string and math functions', () => {
  it('CASE, IF, COALESCE, NULLIF, CAST and TRY_CAST', async () => {
    expect(await first(`SELECT CASE WHEN 1 > 2 THEN 'a' WHEN 2 > 1 THEN 'b' END, IF(1 = 1, 'yes', 'no'), IF(false, 1), COALESCE(NULL, 5),
      NULLIF(3, 3), CAST('42' AS bigint), CAST(1.9 AS integer), TRY_CAST('x' AS double), CAST(2 AS double), CAST(1.5 AS varchar)`)).toEqual([
      'b', 'yes', undefined, '5', undefined, '42', '2', undefined, '2.0', '1.5',
    ]);
  });

  it('string functions', async () => {
    expect(await first(`SELECT length('hello'), upper('ab'), lower('AB'), substr('timestream', 5), substr('timestream', 1, 4), concat('a', 'b', 'c'),
      'x' || 'y', replace('a-b-c', '-', '+'), trim('  t  '), strpos('hello', 'l'), split('a,b', ','), regexp_like('abc123', '[0-9]+'),
      regexp_extract('abc123', '[0-9]+'), regexp_replace('a1b2', '[0-9]', '#'), starts_with('timestream', 'time'), reverse('abc'), lpad('7', 3, '0')`)).toEqual([
      '5', 'AB', 'ab', 'stream', 'time', 'abc', 'xy', 'a+b+c', 't', '3', undefined, 'true', '123', 'a#b#', 'true', 'cba', '007',
    ]);
  });

  it('math functions', async () => {
    const row = await first('SELECT abs(-2.5), ceil(1.2), floor(-1.2), round(2.567, 2), sqrt(16), power(2, 10), ln(1), log10(1000), mod(7, 3), sign(-3), greatest(1, 5, 3), least(4, 2), pi(), exp(0)');
    expect(row.slice(0, 12)).toEqual(['2.5', '2.0', '-2.0', '2.57', '4.0', '1024.0', '0.0', '3.0', '1', '-1', '5', '2']);
    close(row[12], Math.PI);
    expect(row.slice(13)).toEqual(['1.0']);
  });

  it('arrays: constructors, cardinality, element_at, contains and lambdas', async () => {
    const { first: response, rows } = await run(`SELECT ARRAY[1, 2, 3], cardinality(ARRAY[1, 2, 3]), element_at(ARRAY[4, 5], 2), contains(ARRAY[1, 2], 2),
      filter(ARRAY[1, 2, 3, 4], x -> x > 2), transform(ARRAY[1, 2], x -> x * 10), reduce(ARRAY[1, 2, 3], 0, (s, x) -> s + x, s -> s * 2)`);
    expect(response.ColumnInfo?.[0].Type).toEqual({ ArrayColumnInfo: { Type: { ScalarType: 'INTEGER' } } });
    const [array, n, at, has, filtered, transformed, reduced] = rows[0];
    expect(array.ArrayValue?.map(scalar)).toEqual(['1', '2', '3']);
    expect([n, at, has].map(scalar)).toEqual(['3', '5', 'true']);
    expect(filtered.ArrayValue?.map(scalar)).toEqual(['3', '4']);
    expect(transformed.ArrayValue?.map(scalar)).toEqual(['10', '20']);
    expect(scalar(reduced)).toBe('12');
  });
});

describe('query shapes', () => {
  it('WITH, joins and subqueries', async () => {
    const rows = await values(`WITH latest AS (SELECT device_id, max(time) AS t FROM ${FROM} GROUP BY device_id)
      SELECT r.device_id, r.temperature FROM ${FROM} r JOIN latest l ON r.device_id = l.device_id AND r.time = l.t
      WHERE r.device_id IN (SELECT device_id FROM ${FROM} WHERE location = 'lab') ORDER BY 1`);
    expect(rows).toEqual(['dev-a', 'dev-b'].map((d) => [d, String(byDevice(d)[POINTS - 1].temperature)]));
    const [scalarSub] = await first(`SELECT (SELECT count(*) FROM ${FROM}) `);
    expect(Number(scalarSub)).toBe(data.length);
    const left = await values(`SELECT d.device_id, x.n FROM (SELECT DISTINCT device_id FROM ${FROM}) d LEFT JOIN (SELECT device_id, count(*) n FROM ${FROM} WHERE location = 'hall' GROUP BY device_id) x ON d.device_id = x.device_id ORDER BY 1`);
    expect(left).toEqual([['dev-a', undefined], ['dev-b', undefined], ['dev-c', String(POINTS)]]);
  });

  it('SELECT * over unaliased relations with clashing column names keeps every column', async () => {
    const { first: response, rows } = await run(`WITH s AS (SELECT max(time) AS time, CREATE_TIME_SERIES(time, temperature) AS ts FROM ${FROM} WHERE device_id = 'dev-a')
      SELECT * FROM (SELECT 1 AS a) CROSS JOIN (SELECT 2 AS a) CROSS JOIN s CROSS JOIN UNNEST(ts) ORDER BY 5 LIMIT 1`);
    expect(response.ColumnInfo?.map((c) => c.Name)).toEqual(['a', 'a', 'time', 'ts', 'time', 'value']);
    const devA = readings().filter((r) => r.device_id === 'dev-a');
    expect([0, 1, 2, 4].map((i) => scalar(rows[0][i]))).toEqual(['1', '2', tsText(devA[devA.length - 1].time), tsText(devA[0].time)]);
  });

  it('names unnamed expressions _col<i> and keeps aliases', async () => {
    const { first: response } = await run(`SELECT device_id, count(*), max(time) AS latest, temperature + 1 FROM ${FROM} GROUP BY device_id, temperature LIMIT 1`);
    expect(response.ColumnInfo?.map((c) => c.Name)).toEqual(['device_id', '_col1', 'latest', '_col3']);
  });
});
