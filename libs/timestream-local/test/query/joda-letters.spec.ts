import { scalar } from './fixture';
import { useSensorServer } from './sdk-datasets';

/**
 * format_datetime / parse_datetime with the Joda-Time letters strftime has no specifier for: K (hour of the half day,
 * 0-11), k (clock hour of the day, 1-24), C (century of the era) and runs of S (fraction of second), through the SDK.
 * Trino formats the timestamp rounded to the millisecond and Joda prints the fraction with at least n digits, its
 * trailing zeros dropped (`appendFractionOfSecond(n, 9)`); parsing reads up to nine digits and keeps the milliseconds.
 */
const { run, refusal } = useSensorServer();

const row = async (sql: string): Promise<unknown[]> => (await run(sql)).rows[0].map(scalar);

describe('format_datetime', () => {
  it('K, k and C, padded to the run', async () => {
    const midnight = "TIMESTAMP '2024-02-05 00:07:03.120456789'";
    const evening = "TIMESTAMP '2024-02-05 23:00:00.005'";
    expect(await row(`SELECT format_datetime(${midnight}, 'K KK k kk C CCC'), format_datetime(${evening}, 'K a, k, h')`))
      .toEqual(['0 00 24 24 20 020', '11 PM, 23, 11']);
  });

  it('runs of S: at least n digits, trailing zeros dropped, milliseconds only', async () => {
    const t = "TIMESTAMP '2024-02-05 00:07:03.120456789'";
    expect(await row(`SELECT format_datetime(${t}, 'S|SS|SSS|SSSS|SSSSSS|SSSSSSSSS'), format_datetime(TIMESTAMP '2024-02-05 23:00:00.005', 'S|SS|SSS'),
      format_datetime(TIMESTAMP '2024-02-05 23:00:00', 'S|SSS')`))
      .toEqual(['12|12|120|1200|120000|120000000', '005|005|005', '0|000']);
  });

  it('rounds the timestamp to the millisecond first, as Trino does', async () => {
    expect(await row("SELECT format_datetime(TIMESTAMP '2024-02-05 13:59:59.9996', 'HH:mm:ss.SSS K k'), format_datetime(TIMESTAMP '2024-02-05 13:59:59.9994', 'ss.SSS')"))
      .toEqual(['14:00:00.000 2 14', '59.999']);
  });

  it('of a column, NULL to NULL', async () => {
    const { rows } = await run("SELECT format_datetime(t, 'kk:mm:ss.SS') FROM (VALUES (TIMESTAMP '2024-01-01 00:30:00.25'), (NULL)) AS v(t)");
    expect(rows.map((r) => scalar(r[0]))).toEqual(['24:30:00.25', undefined]);
  });
});

describe('parse_datetime', () => {
  it('K with and without a half of the day, k with 24 as hour 0', async () => {
    expect(await row(`SELECT parse_datetime('2024-02-05 11:30 PM', 'yyyy-MM-dd KK:mm a'), parse_datetime('2024-02-05 0:15 AM', 'yyyy-MM-dd K:mm a'),
      parse_datetime('2024-02-05 7:15', 'yyyy-MM-dd K:mm'), parse_datetime('2024-02-05 24:10', 'yyyy-MM-dd kk:mm')`))
      .toEqual(['2024-02-05 23:30:00.000000000', '2024-02-05 00:15:00.000000000', '2024-02-05 07:15:00.000000000', '2024-02-05 00:10:00.000000000']);
  });

  it('S reads up to nine digits and keeps the milliseconds', async () => {
    expect(await row(`SELECT parse_datetime('10:11:12.5', 'HH:mm:ss.S'), parse_datetime('10:11:12.123456789', 'HH:mm:ss.SSSSSSSSS'),
      parse_datetime('20240205101112987', 'yyyyMMddHHmmssSS')`))
      .toEqual(['1970-01-01 10:11:12.500000000', '1970-01-01 10:11:12.123000000', '2024-02-05 10:11:12.987000000']);
  });

  it("without a year field, Joda's default year 1970", async () => {
    expect(await row("SELECT parse_datetime('10:11', 'HH:mm'), parse_datetime('03-01 1:02 pm', 'MM-dd h:mm a')"))
      .toEqual(['1970-01-01 10:11:00.000000000', '1970-03-01 13:02:00.000000000']);
  });

  it('C sets the hundreds of the year (a year field wins)', async () => {
    expect(await row("SELECT parse_datetime('20', 'C'), parse_datetime('19 2024-03-01', 'C yyyy-MM-dd')"))
      .toEqual(['2070-01-01 00:00:00.000000000', '2024-03-01 00:00:00.000000000']);
  });

  it('of a column, NULL to NULL', async () => {
    const { rows } = await run("SELECT parse_datetime(s, 'yyyy-MM-dd kk:mm') FROM (VALUES ('2024-01-01 24:30'), (NULL)) AS v(s)");
    expect(rows.map((r) => scalar(r[0]))).toEqual(['2024-01-01 00:30:00.000000000', undefined]);
  });

  it('refuses text that does not match, and hours out of their range, as Joda does', async () => {
    expect(await refusal("SELECT parse_datetime('x', 'KK')")).toEqual({ name: 'ValidationException', message: 'Invalid format: "x"' });
    expect(await refusal("SELECT parse_datetime('12:00 AM', 'KK:mm a')"))
      .toEqual({ name: 'ValidationException', message: 'Cannot parse "12:00 AM": Value 12 for hourOfHalfday must be in the range [0,11]' });
    expect(await refusal("SELECT parse_datetime('0:00', 'k:mm')"))
      .toEqual({ name: 'ValidationException', message: 'Cannot parse "0:00": Value 0 for clockhourOfDay must be in the range [1,24]' });
  });
});
