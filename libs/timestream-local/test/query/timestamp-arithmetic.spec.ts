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

  it('shifts a column as date_add does', async () => {
    const { rows } = await run(`SELECT count(*), count_if(time + 90s = date_add('second', 90, time)), count_if(time - 1h < time) FROM ${FROM}`);
    expect(rows[0].map((d) => d.ScalarValue)).toEqual([String(readings().length), String(readings().length), String(readings().length)]);
  });
});
