import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateScheduledQueryCommand, DeleteScheduledQueryCommand, DescribeScheduledQueryCommand, ExecuteScheduledQueryCommand, ListScheduledQueriesCommand, QueryCommand, UpdateScheduledQueryCommand } from '@aws-sdk/client-timestream-query';
import { DescribeTableCommand, WriteRecordsCommand } from '@aws-sdk/client-timestream-write';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { LocalCloudClient, type ScheduledQueriesReport } from '@iot-timeseries/local-cloud-client';
import { LOCAL_ENVIRONMENT, localRollupDeployment, rollupList, rollupScheduledQueries, rollupScheduledQueryInput, rollupSettings, timestreamSettings, toWriteRequests } from '@iot-timeseries/schema';
import { countStaleDevices, localS3Client, startLocalCloud, startLocalTimestream, type LocalCloud } from '../src';
import { localQueryClient, localWriteClient } from '../src/timestream/clients';
import { directConfig } from './support/direct-config';

jest.setTimeout(90_000);

const names = rollupScheduledQueries({ environment: LOCAL_ENVIRONMENT }).map((q) => q.name);

describe('the rollups in the local cloud: tables, seed and scheduled queries from libs/schema', () => {
  let dataDir: string;
  let cloud: LocalCloud | undefined;
  const lines: string[] = [];
  const start = async () => {
    lines.length = 0;
    cloud = await startLocalCloud(directConfig(dataDir), { startTimestream: startLocalTimestream, countStaleDevices, log: (l) => lines.push(l) });
    return cloud;
  };
  const stop = async () => {
    await cloud?.close();
    cloud = undefined;
  };
  /** /scheduled-queries once it satisfies `done` (it is refreshed every few seconds). */
  const reportWhen = async (running: LocalCloud, done: (r: ScheduledQueriesReport) => boolean): Promise<ScheduledQueriesReport> => {
    const client = new LocalCloudClient(running.endpoints.health);
    let report = await client.scheduledQueries();
    for (let i = 0; i < 60 && !done(report); i++) {
      await new Promise((r) => setTimeout(r, 250));
      report = await client.scheduledQueries();
    }
    return report;
  };

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'local-cloud-rollups-'));
  });
  afterEach(stop);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('on a fresh data directory creates the rollup tables, seeds the table and creates every scheduled query, shown on /scheduled-queries', async () => {
    const running = await start();
    expect(lines).toEqual(expect.arrayContaining([
      ...rollupList().map((r) => `created table ${rollupSettings.databaseName}.${r.table.tableName}`),
      expect.stringMatching(/^wrote the schema seed record \(schema_seed\) for the columns the rollups read: device_id, location, temperature, .*put_aside_rejected$/),
      ...rollupList().map((r) => `wrote the schema seed record (schema_seed) into ${rollupSettings.databaseName}.${r.table.tableName}, so it can be read before its first run`),
      ...rollupScheduledQueries({ environment: LOCAL_ENVIRONMENT }).map((q) => `created scheduled query ${q.name} (${q.scheduleExpression})`),
    ]));
    const write = localWriteClient(running.endpoints.timestream, 'us-east-1');
    const table = await write.send(new DescribeTableCommand({ DatabaseName: rollupSettings.databaseName, TableName: rollupSettings.perHour.table.tableName }));
    expect(table.Table?.RetentionProperties).toEqual({ MemoryStoreRetentionPeriodInHours: 24, MagneticStoreRetentionPeriodInDays: 730 });
    expect(table.Table?.MagneticStoreWriteProperties?.EnableMagneticStoreWrites).toBe(true);
    write.destroy();
    // before any run, the readers of long ranges find the rollups' columns (and no rows)
    const reader = localQueryClient(running.endpoints.timestream, 'us-east-1');
    const hourly = await reader.send(new QueryCommand({ QueryString: `SELECT device_id, location, temperature_p95, readings FROM "${rollupSettings.databaseName}"."${rollupSettings.perHour.table.tableName}" WHERE measure_name = 'rollup'` }));
    expect(hourly.Rows).toEqual([]);
    const quality = await reader.send(new QueryCommand({ QueryString: `SELECT device_id, gaps, put_aside_rejected FROM "${rollupSettings.databaseName}"."${rollupSettings.dataQuality.table.tableName}" WHERE measure_name = 'data_quality'` }));
    expect(quality.Rows).toEqual([]);
    reader.destroy();

    const report = await new LocalCloudClient(running.endpoints.health).scheduledQueries();
    expect(report.topicArn).toBe(localRollupDeployment('us-east-1', '000000000000').topicArn);
    expect(report.scheduledQueries.map((q) => [q.name, q.rollup, q.state, q.scheduleExpression])).toEqual(
      rollupScheduledQueries({ environment: LOCAL_ENVIRONMENT }).map((q) => [q.name, q.rollup.id, 'ENABLED', q.scheduleExpression]),
    );
    const next = Date.parse(report.scheduledQueries[0].nextInvocationTime ?? '');
    expect(next % 300_000).toBe(0); // cron(0/5 ...): on a 5-minute boundary
    expect(report.notifications.filter((n) => n.type === 'SCHEDULED_QUERY_CREATED').map((n) => n.name).sort()).toEqual([...names].sort());
  });

  it('is idempotent across restarts: the same scheduled queries, nothing created, no second seed', async () => {
    const running = await start();
    const query = localQueryClient(running.endpoints.timestream, 'us-east-1');
    const listed = await query.send(new ListScheduledQueriesCommand({}));
    expect(listed.ScheduledQueries?.map((q) => q.Name).sort()).toEqual([...names].sort());
    expect(lines.filter((l) => /^(created|wrote|replacing)/.test(l))).toEqual([]);
    const seeds = await query.send(new QueryCommand({ QueryString: `SELECT count(*) FROM "${timestreamSettings.databaseName}"."${timestreamSettings.tableName}" WHERE measure_name = 'schema_seed'` }));
    expect(seeds.Rows?.[0].Data?.[0].ScalarValue).toBe('1');
    query.destroy();
  });

  it('replaces a scheduled query whose definition differs from the settings', async () => {
    let running = await start();
    const query = localQueryClient(running.endpoints.timestream, 'us-east-1');
    const [minute] = rollupScheduledQueries({ environment: LOCAL_ENVIRONMENT });
    const arn = (await new LocalCloudClient(running.endpoints.health).scheduledQueries()).scheduledQueries[0].arn;
    await query.send(new DeleteScheduledQueryCommand({ ScheduledQueryArn: arn }));
    const stale = rollupScheduledQueryInput({ ...minute, queryString: minute.queryString.replace('- 1h', '- 30m') }, localRollupDeployment('us-east-1', '000000000000'));
    await query.send(new CreateScheduledQueryCommand(stale));
    query.destroy();
    await stop();
    running = await start();
    expect(lines).toEqual(expect.arrayContaining([`replacing scheduled query ${minute.name}: its query changed`, `created scheduled query ${minute.name} (${minute.scheduleExpression})`]));
    const again = localQueryClient(running.endpoints.timestream, 'us-east-1');
    const replaced = (await new LocalCloudClient(running.endpoints.health).scheduledQueries()).scheduledQueries[0];
    const { ScheduledQuery } = await again.send(new DescribeScheduledQueryCommand({ ScheduledQueryArn: replaced.arn }));
    expect(ScheduledQuery?.QueryString).toBe(minute.queryString);
    expect(replaced.arn).not.toBe(arn);
    again.destroy();
  });

  it('shows runs and their notifications, a failed run with its reason and its error report in the local S3', async () => {
    const running = await start();
    const write = localWriteClient(running.endpoints.timestream, 'us-east-1');
    const query = localQueryClient(running.endpoints.timestream, 'us-east-1');
    // readings from 40 days ago (magnetic store) that the minute rollup, kept 31 days, must refuse
    const old = Date.now() - 40 * 86_400_000;
    const readings = [0, 1, 2].map((i) => ({ deviceId: 'sensor-009', location: 'hall-1', time: old + i * 60_000, timeFromReceipt: false, measures: { temperature: 20 + i } }));
    for (const plan of toWriteRequests(readings, timestreamSettings)) await write.send(new WriteRecordsCommand(plan.input));
    const before = await new LocalCloudClient(running.endpoints.health).scheduledQueries();
    const [minute, hour] = before.scheduledQueries;
    // their automatic runs off (the minute rollup's every 5 minutes, the hour's at :05 would otherwise land among these)
    for (const { arn } of [minute, hour]) await query.send(new UpdateScheduledQueryCommand({ ScheduledQueryArn: arn, State: 'DISABLED' }));
    await query.send(new ExecuteScheduledQueryCommand({ ScheduledQueryArn: hour.arn, InvocationTime: new Date() }));
    await query.send(new ExecuteScheduledQueryCommand({ ScheduledQueryArn: minute.arn, InvocationTime: new Date(old + 5 * 60_000) }));

    const report = await reportWhen(running, (r) => r.scheduledQueries[0].lastRun !== undefined && r.scheduledQueries[1].lastRun !== undefined);
    expect(report.scheduledQueries[1].lastRun).toMatchObject({ status: 'MANUAL_TRIGGER_SUCCESS' });
    const failed = report.scheduledQueries[0];
    expect(failed.lastRun).toMatchObject({ status: 'MANUAL_TRIGGER_FAILURE', recordsIngested: 0, failureReason: expect.stringMatching(/^3 of 3 records .*could not be written to .*sensor-data-1m/) });
    expect(failed.recentFailures).toHaveLength(1);
    expect(failed.lastRun?.errorReport).toMatch(/^s3:\/\/local-scheduled-query-errors\/scheduled-query-errors\/iot-timeseries-local-rollup-1m\//);
    const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(failed.lastRun?.errorReport ?? '') ?? [];
    const object = await localS3Client(running.endpoints.s3, 'us-east-1').send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const text = (await object.Body?.transformToString()) ?? '';
    const stored = JSON.parse(text) as { errors: Array<{ reason: string; records: Array<{ measureName: string }> }> };
    expect(stored.errors[0].reason).toMatch(/outside the time range/);
    expect(stored.errors[0].records[0].measureName).toBe(rollupSettings.measureName);
    expect(report.notifications.slice(0, 2).map((n) => [n.type, n.name])).toEqual([
      ['MANUAL_TRIGGER_FAILURE', minute.name],
      ['MANUAL_TRIGGER_SUCCESS', hour.name],
    ]);
    expect(report.notifications[0].failureReason).toBe(failed.lastRun?.failureReason);
    write.destroy();
    query.destroy();
  });
});
