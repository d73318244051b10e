import { DescribeScheduledQueryCommand } from '@aws-sdk/client-timestream-query';
import { startTestTimestream } from '../../src/testing';
import { create, rows, sourceReadings, startSeeded, write, type SchedulerFixture } from './fixture';

describe('MixedMeasureMappings with MeasureNameColumn, end to end', () => {
  let f: SchedulerFixture;
  beforeEach(async () => {
    f = await startSeeded();
  });
  afterEach(() => f.close());

  it('writes a single-measure record per mapped value and a MULTI record where the mapping says so', async () => {
    const sql = `SELECT device_id, bin(time, 15m) AS t, 'temperature' AS metric, avg(temperature) AS value, count(*) AS n FROM iot.readings
WHERE time >= @scheduled_runtime - 15m AND time < @scheduled_runtime GROUP BY device_id, bin(time, 15m)
UNION ALL SELECT device_id, bin(time, 15m), 'humidity', max(humidity), count(*) FROM iot.readings
WHERE time >= @scheduled_runtime - 15m AND time < @scheduled_runtime GROUP BY device_id, bin(time, 15m)`;
    const arn = await create(f, {
      QueryString: sql,
      TargetConfiguration: {
        TimestreamConfiguration: {
          DatabaseName: 'rollups',
          TableName: 'readings_5m',
          TimeColumn: 't',
          DimensionMappings: [{ Name: 'device_id', DimensionValueType: 'VARCHAR' }],
          MeasureNameColumn: 'metric',
          MixedMeasureMappings: [
            { MeasureName: 'temperature', SourceColumn: 'value', TargetMeasureName: 'avg_temperature', MeasureValueType: 'DOUBLE' },
            { MeasureName: 'humidity', MeasureValueType: 'MULTI', TargetMeasureName: 'humidity_stats', MultiMeasureAttributeMappings: [{ SourceColumn: 'value', MeasureValueType: 'DOUBLE', TargetMultiMeasureAttributeName: 'max_humidity' }, { SourceColumn: 'n', MeasureValueType: 'BIGINT' }] },
          ],
        },
      },
    });
    await f.clock.advanceTo('2026-03-01T12:05:00Z');
    const run = (await f.ts.queryClient().send(new DescribeScheduledQueryCommand({ ScheduledQueryArn: arn }))).ScheduledQuery?.LastRunSummary;
    expect(run?.RunStatus).toBe('AUTO_TRIGGER_SUCCESS');
    expect(run?.ExecutionStats).toMatchObject({ QueryResultRows: 8, RecordsIngested: 8 });
    const byHand = await rows(f, "SELECT device_id, bin(time, 15m), avg(temperature), max(humidity), count(*) FROM iot.readings WHERE time >= TIMESTAMP '2026-03-01 11:50:00' AND time < TIMESTAMP '2026-03-01 12:05:00' GROUP BY device_id, bin(time, 15m) ORDER BY 1, 2");
    const stored = await rows(f, 'SELECT device_id, time, measure_name, "measure_value::double", max_humidity, n FROM rollups.readings_5m ORDER BY device_id, time, measure_name');
    expect(stored).toEqual(
      byHand.flatMap(([device, t, avg, max, n]) => [
        [device, t, 'avg_temperature', avg, null, null],
        [device, t, 'humidity_stats', null, max, n],
      ]),
    );
  });
});

describe('the real timer', () => {
  it('fires at the schedule instant without a test driving it', async () => {
    // a clock 400 ms before a whole minute at creation: cron(* * * * ? *) is due 400 ms after it
    const aligned = () => 60_000 - (Date.now() % 60_000) - 400;
    let offset = aligned();
    const ts = await startTestTimestream({
      now: () => new Date(Date.now() + offset),
      tables: [{ DatabaseName: 'iot', TableName: 'readings' }, { DatabaseName: 'rollups', TableName: 'readings_5m' }],
    });
    try {
      const f = { ts } as SchedulerFixture;
      await write(f, sourceReadings().map((r) => ({ ...r, Time: String(Date.now() + offset - 120_000) })).slice(0, 1));
      offset = aligned(); // again, after the server's start and the write (slow on a loaded machine)
      const arn = await create(f, { ScheduleConfiguration: { ScheduleExpression: 'cron(* * * * ? *)' }, QueryString: 'SELECT device_id, bin(time, 1m) AS bin_time, avg(temperature) AS avg_temperature, max(humidity) AS max_humidity, count(*) AS readings FROM iot.readings GROUP BY device_id, bin(time, 1m)' });
      const describe = async () => (await ts.queryClient().send(new DescribeScheduledQueryCommand({ ScheduledQueryArn: arn }))).ScheduledQuery;
      const due = (await describe())?.NextInvocationTime?.getTime() as number;
      expect(due - (Date.now() + offset)).toBeLessThanOrEqual(400);
      let run;
      for (let i = 0; i < 100 && !run; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        run = (await describe())?.LastRunSummary;
      }
      expect(run).toMatchObject({ RunStatus: 'AUTO_TRIGGER_SUCCESS', InvocationTime: new Date(due) });
    } finally {
      await ts.close();
    }
  });
});
