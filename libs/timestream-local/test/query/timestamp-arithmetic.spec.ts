import { FROM, readings } from './fixture';
import { useSensorServer } from './sdk-datasets';

/** timestamp ± interval keeps the timestamp's nanoseconds (the service's timestamps are nanosecond ones), through the SDK. */
const { run, answers } = useSensorServer();

describe('timestamp ± interval', () => {
  answers([
    ["TIMESTAMP '2024-01-31 00:00:00.123456789' + INTERVAL '1' MONTH", 'TIMESTAMP', '2024-02-29 00:00:00.123456789'],
    ["TIMESTAMP '2024-01-01 00:00:00.123456789' - 1h", 'TIMESTAMP', '2023-12-31 23:00:00.123456789'],
    ["1d + TIMESTAMP '2024-01-01 00:00:00.000000001'", 'TIMESTAMP', '2024-01-02 00:00:00.000000001'],
    ["TIMESTAMP '2024-03-01 10:00:00.999999999' + INTERVAL '1-2' YEAR TO MONTH", 'TIMESTAMP', '2025-05-01 10:00:00.999999999'],
    ["TIMESTAMP '2024-03-01 10:00:00.000000500' + 1500us", 'TIMESTAMP', '2024-03-01 10:00:00.001500500'],
    ['CAST(NULL AS timestamp) + 1h', 'TIMESTAMP', undefined],
  ]);

  it("shifts the query's now, ago() and bin() exactly, also one after another", async () => {
    const { rows } = await run(`SELECT
      to_milliseconds(bin(now() - 7m, 1h) + 5m) - to_milliseconds(bin(now() - 7m, 1h)),
      date_diff('nanosecond', ago(1h) - 90s, now()),
      date_format(bin(bin(now() - 7m, 1h) + 5m, 1h) + 5m, '%i:%s.%f'),
      to_milliseconds(bin(now(), 1d) + 1d) % 86400000,
      (bin(now(), 1h) + 30m) - bin(now(), 1h)`);
    expect(rows[0].map((d) => d.ScalarValue)).toEqual(['300000', '3690000000000', '05:00.000000', '0', '0 00:30:00.000000000']);
  });

  it('shifts a column as date_add does', async () => {
    const { rows } = await run(`SELECT count(*), count_if(time + 90s = date_add('second', 90, time)), count_if(time - 1h < time) FROM ${FROM}`);
    expect(rows[0].map((d) => d.ScalarValue)).toEqual([String(readings().length), String(readings().length), String(readings().length)]);
  });
});

describe('differences of timestamps to the nanosecond', () => {
  const a = "TIMESTAMP '2024-01-01 00:00:00.000000001'";
  const b = "TIMESTAMP '2024-01-01 00:00:01.000000003'";
  answers([
    [`date_diff('nanosecond', ${a}, ${b})`, 'BIGINT', '1000000002'],
    [`date_diff('nanosecond', ${b}, ${a})`, 'BIGINT', '-1000000002'],
    [`to_nanoseconds(${b} - ${a})`, 'BIGINT', '1000000002'],
    [`to_milliseconds(${b} - ${a})`, 'BIGINT', '1000'],
    // a timestamp shifted by a difference lands on the other timestamp, nanoseconds and all
    [`${a} + (${b} - ${a})`, 'TIMESTAMP', '2024-01-01 00:00:01.000000003'],
    [`${b} - (${b} - ${a})`, 'TIMESTAMP', '2024-01-01 00:00:00.000000001'],
    [`to_nanoseconds((${b} - ${a}) - (${b} - ${b}))`, 'BIGINT', '1000000002'],
    // 1 ns apart: equal to the microsecond, not to the nanosecond
    [`(${b} - ${a}) > (TIMESTAMP '2024-01-01 00:00:01.000000002' - ${a})`, 'BOOLEAN', 'true'],
    [`date_diff('nanosecond', CAST(NULL AS timestamp), ${a})`, 'BIGINT', undefined],
  ]);

  it('of columns, row by row', async () => {
    const { rows } = await run(`SELECT date_diff('nanosecond', s, e), to_nanoseconds(e - s) FROM (VALUES
      (TIMESTAMP '2024-01-01 00:00:00.000000100', TIMESTAMP '2024-01-01 00:00:00.000000350'),
      (TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-01-02 00:00:00.000000001')) AS t(s, e)`);
    expect(rows.map((r) => r.map((d) => d.ScalarValue))).toEqual([['250', '250'], ['86400000000001', '86400000000001']]);
  });
});

describe('a difference of timestamps in the answer', () => {
  const a = "TIMESTAMP '2024-01-01 00:00:00.000000001'";
  const b = "TIMESTAMP '2024-01-02 03:00:01.000000003'";
  const rowsOf = async (sql: string): Promise<Array<Array<string | undefined>>> => (await run(sql)).rows.map((r) => r.map((d) => d.ScalarValue));

  answers([
    [`${b} - ${a}`, 'INTERVAL_DAY_TO_SECOND', '1 03:00:01.000000002'],
    [`${a} - ${b}`, 'INTERVAL_DAY_TO_SECOND', '-1 03:00:01.000000002'],
    [`(${b} - ${a}) + (${b} - ${b})`, 'INTERVAL_DAY_TO_SECOND', '1 03:00:01.000000002'],
    [`CAST(NULL AS timestamp) - ${a}`, 'INTERVAL_DAY_TO_SECOND', undefined],
  ]);

  it('keeps the nanoseconds of each row, also with DISTINCT, ORDER BY and a GROUP BY of columns', async () => {
    const values = `(VALUES ('x', TIMESTAMP '2024-01-01 00:00:00.000000100', TIMESTAMP '2024-01-01 00:00:00.000000350'),
      ('x', TIMESTAMP '2024-01-01 00:00:00.000000100', TIMESTAMP '2024-01-01 00:00:00.000000351'),
      ('y', TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-01-01 00:00:00.000000250')) AS t(k, s, e)`;
    expect(await rowsOf(`SELECT DISTINCT e - s AS d FROM ${values} ORDER BY d DESC`))
      .toEqual([['0 00:00:00.000000251'], ['0 00:00:00.000000250']]);
    // differences within one microsecond sort by their nanoseconds, by name and by position
    const within = `(VALUES ${Array.from({ length: 20 }, (_, i) => `(TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-01-01 00:00:00.000000${String((i * 7) % 20 + 100)}')`).join(', ')}) AS t(s, e)`;
    const descending = Array.from({ length: 20 }, (_, i) => [`0 00:00:00.000000${119 - i}`]);
    expect(await rowsOf(`SELECT DISTINCT e - s AS d FROM ${within} ORDER BY d DESC`)).toEqual(descending);
    expect(await rowsOf(`SELECT e - s FROM ${within} ORDER BY 1 DESC`)).toEqual(descending);
    expect(await rowsOf(`SELECT k, max(e) - min(s) FROM ${values} GROUP BY k ORDER BY k`))
      .toEqual([['x', '0 00:00:00.000000251'], ['y', '0 00:00:00.000000250']]);
    expect(await rowsOf(`SELECT k, max(e) - min(s) FROM ${values} GROUP BY ROLLUP (k) ORDER BY k NULLS LAST`))
      .toEqual([['x', '0 00:00:00.000000251'], ['y', '0 00:00:00.000000250'], [undefined, '0 00:00:00.000000351']]);
  });

  it('is counted in microseconds where the query reads it as a value (a derived table, a set operation, a GROUP BY position)', async () => {
    // DuckDB's INTERVAL counts microseconds (each timestamp cut to it): only the statement's own SELECT list holds the exact nanoseconds
    expect(await rowsOf(`SELECT d FROM (SELECT ${b} - ${a} AS d)`)).toEqual([['1 03:00:01.000000000']]);
    expect(await rowsOf(`SELECT ${b} - ${a} UNION ALL SELECT ${b} - ${b}`)).toEqual([['1 03:00:01.000000000'], ['0 00:00:00.000000000']]);
    expect(await rowsOf(`SELECT ${b} - ${a}, count(*) GROUP BY 1`)).toEqual([['1 03:00:01.000000000', '1']]);
  });
});
