import { existsSync } from 'node:fs';
import path from 'node:path';
import { ExecuteScheduledQueryCommand } from '@aws-sdk/client-timestream-query';
import { DeleteTableCommand } from '@aws-sdk/client-timestream-write';
import { BUCKET, create, describe as describeQuery, messages, readReport, rows, startSeeded, targetRows, type SchedulerFixture } from './fixture';

/** d2's bins land a day ahead (outside the memory store: rejected), d1's are fine, and one row has no time. */
const PARTLY_BAD_SQL = `SELECT device_id, CASE WHEN device_id = 'd2' THEN bin(time, 5m) + 1d ELSE bin(time, 5m) END AS bin_time,
  avg(temperature) AS avg_temperature, max(humidity) AS max_humidity, count(*) AS readings
FROM iot.readings WHERE time >= @scheduled_runtime - 15m AND time < @scheduled_runtime GROUP BY device_id, bin(time, 5m)
UNION ALL SELECT 'd3', CAST(NULL AS TIMESTAMP), 1.5, 2.5, 7`;

describe('failed runs', () => {
  let f: SchedulerFixture;
  beforeEach(async () => {
    f = await startSeeded();
  });
  afterEach(() => f.close());

  it('rows the target refuses are set aside in the error report, the others are written, and the run fails', async () => {
    const arn = await create(f, { QueryString: PARTLY_BAD_SQL });
    await f.clock.advanceTo('2026-03-01T12:05:00Z');
    const sq = await describeQuery(f, arn);
    const run = sq.LastRunSummary;
    expect(run?.RunStatus).toBe('AUTO_TRIGGER_FAILURE');
    expect(run?.ExecutionStats).toMatchObject({ QueryResultRows: 7, RecordsIngested: 3 });
    const key = `reports/${arn.split('/')[1]}/${Date.parse('2026-03-01T12:05:00Z') / 1000}/Auto/${Date.parse('2026-03-01T12:05:00Z')}`;
    expect(run?.ErrorReportLocation).toEqual({ S3ReportLocation: { BucketName: BUCKET, ObjectKey: key } });
    expect(run?.FailureReason).toBe(`3 of 6 records and 1 of 7 result rows could not be written to rollups.readings_5m; see the error report at s3://${BUCKET}/${key}.`);
    expect(sq.State).toBe('ENABLED');
    expect(sq.RecentlyFailedRuns).toEqual([run]);

    const report = readReport(f, BUCKET, key);
    expect(report.reportId).toMatch(/^[0-9A-F]{32}$/);
    expect(report.errors).toHaveLength(2);
    expect(report.errors[0].reason).toBe('The record timestamp is outside the time range [2026-02-27T12:05:00.000Z, 2026-03-01T12:20:00.000Z) of the memory store.');
    const rejected = report.errors[0].records as Array<Record<string, unknown>>;
    expect(rejected.map((r) => r.time)).toEqual(['11:50', '11:55', '12:00'].map((t) => `${BigInt(Date.parse(`2026-03-02T${t}:00Z`)) * 1_000_000n}`));
    expect(rejected[0]).toMatchObject({
      dimensions: [{ name: 'device_id', value: 'd2', dimensionValueType: 'VARCHAR' }],
      measureName: 'rollup',
      measureValue: null,
      measureValueType: 'MULTI',
      timeUnit: 'NANOSECONDS',
    });
    expect((rejected[0].measureValues as Array<{ name: string }>).map((v) => v.name)).toEqual(['avg_temperature', 'max_humidity', 'readings']);
    expect(report.errors[1]).toEqual({
      reason: 'The time column bin_time is null.',
      rawLine: JSON.stringify({ device_id: 'd3', bin_time: null, avg_temperature: '1.5', max_humidity: '2.5', readings: '7' }),
    });
    expect((await targetRows(f)).map((r) => r[0])).toEqual(['d1', 'd1', 'd1']);

    const failure = messages(f).find((m) => m.type === 'AUTO_TRIGGER_FAILURE');
    expect(failure).toMatchObject({ arn, scheduledQueryRunSummary: { failureReason: run?.FailureReason, errorReportLocation: { s3ReportLocation: { bucketName: BUCKET, objectKey: key } } } });
    expect(failure).not.toHaveProperty('nextInvocationEpochSecond');
  });

  it('RecentlyFailedRuns keeps the last five failures, newest first', async () => {
    const arn = await create(f, { QueryString: PARTLY_BAD_SQL });
    const client = f.ts.queryClient();
    const times = ['11:35', '11:40', '11:45', '11:50', '11:55', '12:00'].map((t) => new Date(`2026-03-01T${t}:00Z`));
    for (const t of times) await client.send(new ExecuteScheduledQueryCommand({ ScheduledQueryArn: arn, InvocationTime: t }));
    const sq = await describeQuery(f, arn);
    expect(sq.RecentlyFailedRuns?.map((r) => r.InvocationTime)).toEqual(times.slice(1).reverse());
    expect(sq.RecentlyFailedRuns?.every((r) => r.RunStatus === 'MANUAL_TRIGGER_FAILURE' && r.ErrorReportLocation?.S3ReportLocation?.ObjectKey?.includes('/Manual/'))).toBe(true);
  });

  it('a query that no longer runs fails the run without an error report and disables the scheduled query', async () => {
    const arn = await create(f);
    await f.ts.writeClient().send(new DeleteTableCommand({ DatabaseName: 'iot', TableName: 'readings' }));
    await f.clock.advanceTo('2026-03-01T12:05:00Z');
    const sq = await describeQuery(f, arn);
    expect(sq.State).toBe('DISABLED');
    expect(sq.NextInvocationTime).toBeUndefined();
    expect(sq.LastRunSummary).toMatchObject({ RunStatus: 'AUTO_TRIGGER_FAILURE', FailureReason: "line 2:6: Table 'iot.readings' does not exist" });
    expect(sq.LastRunSummary?.ErrorReportLocation).toBeUndefined();
    expect(existsSync(path.join(f.dataDir, 's3', BUCKET))).toBe(false);
    expect(messages(f).slice(-2)).toEqual([
      expect.objectContaining({ type: 'AUTO_TRIGGER_FAILURE', arn }),
      { type: 'SCHEDULED_QUERY_UPDATED', arn, state: 'DISABLED' },
    ]);
    await f.clock.advanceTo('2026-03-01T12:30:00Z');
    expect((await describeQuery(f, arn)).LastRunSummary?.InvocationTime).toEqual(new Date('2026-03-01T12:05:00Z'));
  });

  it('a target table that was deleted fails the run (nothing written) and disables the scheduled query', async () => {
    const arn = await create(f);
    await f.ts.writeClient().send(new DeleteTableCommand({ DatabaseName: 'rollups', TableName: 'readings_5m' }));
    await f.clock.advanceTo('2026-03-01T12:05:00Z');
    const sq = await describeQuery(f, arn);
    expect(sq.LastRunSummary).toMatchObject({ RunStatus: 'AUTO_TRIGGER_FAILURE', FailureReason: 'The table readings_5m does not exist.' });
    expect(sq.LastRunSummary?.ExecutionStats).toMatchObject({ QueryResultRows: 6, RecordsIngested: 0 });
    expect(sq.State).toBe('DISABLED');
    expect(await rows(f, 'SHOW TABLES FROM rollups')).toEqual([]);
  });
});
