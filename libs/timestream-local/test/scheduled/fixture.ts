import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreateScheduledQueryCommand,
  DescribeScheduledQueryCommand,
  QueryCommand,
  type CreateScheduledQueryCommandInput,
  type Datum,
  type ScheduledQueryDescription,
} from '@aws-sdk/client-timestream-query';
import { WriteRecordsCommand, type _Record } from '@aws-sdk/client-timestream-write';
import { createManualClock, startTestTimestream, type ManualClock, type TestTimestream } from '../../src/testing';
import type { StartOptions } from '../../src/start';

/** The clock every scheduler test starts at. */
export const START = '2026-03-01T12:00:30.000Z';
export const SOURCE = { DatabaseName: 'iot', TableName: 'readings' };
export const TARGET = { DatabaseName: 'rollups', TableName: 'readings_5m' };
export const ROLE = 'arn:aws:iam::000000000000:role/scheduled-query';
export const TOPIC = 'arn:aws:sns:us-east-1:000000000000:scheduled-query-events';
export const BUCKET = 'sq-errors';
const RETENTION = { MemoryStoreRetentionPeriodInHours: 48, MagneticStoreRetentionPeriodInDays: 30 };

/** The developer guide's rollup pattern: 5-minute bins over the 15 minutes before @scheduled_runtime. */
export const ROLLUP_SQL = `SELECT device_id, bin(time, 5m) AS bin_time, avg(temperature) AS avg_temperature, max(humidity) AS max_humidity, count(*) AS readings
FROM iot.readings
WHERE time >= @scheduled_runtime - 15m AND time < @scheduled_runtime
GROUP BY device_id, bin(time, 5m)`;

export function rollupRequest(overrides: Partial<CreateScheduledQueryCommandInput> = {}): CreateScheduledQueryCommandInput {
  return {
    Name: 'rollup-5m',
    QueryString: ROLLUP_SQL,
    ScheduleConfiguration: { ScheduleExpression: 'rate(5 minutes)' },
    NotificationConfiguration: { SnsConfiguration: { TopicArn: TOPIC } },
    TargetConfiguration: {
      TimestreamConfiguration: {
        ...TARGET,
        TimeColumn: 'bin_time',
        DimensionMappings: [{ Name: 'device_id', DimensionValueType: 'VARCHAR' }],
        MultiMeasureMappings: {
          TargetMultiMeasureName: 'rollup',
          MultiMeasureAttributeMappings: [
            { SourceColumn: 'avg_temperature', MeasureValueType: 'DOUBLE' },
            { SourceColumn: 'max_humidity', MeasureValueType: 'DOUBLE' },
            { SourceColumn: 'readings', MeasureValueType: 'BIGINT' },
          ],
        },
      },
    },
    ScheduledQueryExecutionRoleArn: ROLE,
    ErrorReportConfiguration: { S3Configuration: { BucketName: BUCKET, ObjectKeyPrefix: 'reports' } },
    ...overrides,
  };
}

export interface SchedulerFixture {
  ts: TestTimestream;
  clock: ManualClock;
  dataDir: string;
  close(): Promise<void>;
}

/** A server on a manual clock (START) with a data directory, the source table (readings) and the target table. */
export async function startScheduler({ start = START, ...options }: StartOptions & { start?: string } = {}): Promise<SchedulerFixture> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'tsl-sq-'));
  const clock = createManualClock(start);
  const ts = await startTestTimestream({
    dataDir,
    now: clock.now,
    timers: clock,
    tables: [{ ...SOURCE, RetentionProperties: RETENTION }, { ...TARGET, RetentionProperties: RETENTION }],
    ...options,
  });
  return {
    ts,
    clock,
    dataDir,
    close: async () => {
      await ts.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** startScheduler with the source readings written. */
export async function startSeeded(): Promise<SchedulerFixture> {
  const f = await startScheduler();
  await write(f, sourceReadings());
  return f;
}

/** A MULTI reading of the source table. */
export const reading = (device: string, iso: string, temperature: number, humidity: number): _Record => ({
  Dimensions: [{ Name: 'device_id', Value: device }],
  MeasureName: 'metrics',
  MeasureValueType: 'MULTI',
  MeasureValues: [
    { Name: 'temperature', Value: String(temperature), Type: 'DOUBLE' },
    { Name: 'humidity', Value: String(humidity), Type: 'DOUBLE' },
  ],
  Time: String(Date.parse(iso)),
});

/** Readings of two devices every minute from 11:30 to 12:00 (clock START). */
export function sourceReadings(): _Record[] {
  const out: _Record[] = [];
  for (let m = 0; m <= 30; m++) {
    const iso = new Date(Date.parse('2026-03-01T11:30:00Z') + m * 60_000).toISOString();
    out.push(reading('d1', iso, 20 + (m % 7) * 0.5, 40 + (m % 5)));
    out.push(reading('d2', iso, 25 - (m % 3) * 0.25, 50 - (m % 4)));
  }
  return out;
}

export async function write(f: SchedulerFixture, records: _Record[], table = SOURCE): Promise<void> {
  const client = f.ts.writeClient();
  for (let i = 0; i < records.length; i += 100) await client.send(new WriteRecordsCommand({ ...table, Records: records.slice(i, i + 100) }));
}

export async function create(f: SchedulerFixture, overrides: Partial<CreateScheduledQueryCommandInput> = {}): Promise<string> {
  return (await f.ts.queryClient().send(new CreateScheduledQueryCommand(rollupRequest(overrides)))).Arn as string;
}

export async function describe(f: SchedulerFixture, arn: string): Promise<ScheduledQueryDescription> {
  return (await f.ts.queryClient().send(new DescribeScheduledQueryCommand({ ScheduledQueryArn: arn }))).ScheduledQuery as ScheduledQueryDescription;
}

/** Every row of a query, as scalar texts (null for NULL). */
export async function rows(f: SchedulerFixture, sql: string): Promise<Array<Array<string | null>>> {
  const out: Array<Array<string | null>> = [];
  let token: string | undefined;
  do {
    const page = await f.ts.queryClient().send(new QueryCommand({ QueryString: sql, NextToken: token }));
    for (const r of page.Rows ?? []) out.push((r.Data ?? []).map((d: Datum) => (d.NullValue ? null : (d.ScalarValue ?? null))));
    token = page.NextToken;
  } while (token);
  return out;
}

/** The rollup by hand: the scheduled query's SQL with @scheduled_runtime written out. */
export const rollupByHand = (runtimeIso: string, sql = ROLLUP_SQL): string =>
  `${sql.replace(/@scheduled_runtime/g, `TIMESTAMP '${runtimeIso.replace('T', ' ').replace('Z', '')}'`)} ORDER BY device_id, bin_time`;

export const targetRows = (f: SchedulerFixture, where = ''): Promise<Array<Array<string | null>>> =>
  rows(f, `SELECT device_id, time, avg_temperature, max_humidity, readings FROM rollups.readings_5m ${where} ORDER BY device_id, time`);

/** The error report a run left under the data directory's stand-in for S3. */
export function readReport(f: SchedulerFixture, bucket: string, key: string): { reportId: string; errors: Array<Record<string, unknown>> } {
  return JSON.parse(readFileSync(path.join(f.dataDir, 's3', bucket, ...key.split('/')), 'utf8'));
}

/** The notifications' message bodies (parsed), oldest first. */
export const messages = (f: SchedulerFixture): Array<Record<string, unknown> & { type: string }> =>
  f.ts.scheduledQueries.notifications().map((n) => JSON.parse(n.Message));
