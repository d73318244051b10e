import { TimestreamQueryClient, QueryCommand } from '@aws-sdk/client-timestream-query';
import { CreateDatabaseCommand, CreateTableCommand, TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import { buildIngestEnvironment, LOCAL_PLACEHOLDER_CREDENTIALS, METRICS_NAMESPACE, timestreamSettings } from '@iot-timeseries/schema';
import { startTimestreamLocal, type RunningTimestreamLocal } from '@iot-timeseries/timestream-local';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundlePath } from '../../scripts/build';
import type { DeadLetter } from '../../src/dead-letter/dead-letter';
import { startLambdaProcess, type LambdaProcess } from './lambda-process';
import { startTimestreamProxy, type ProxyOptions, type TimestreamProxy } from './timestream-proxy';

export const credentials = LOCAL_PLACEHOLDER_CREDENTIALS;
export const region = 'us-east-1';

export interface Retention {
  memoryHours: number;
  magneticDays: number;
}

export interface LocalStack {
  server: RunningTimestreamLocal;
  proxy?: TimestreamProxy;
  write: TimestreamWriteClient;
  query: TimestreamQueryClient;
  lambda: LambdaProcess;
  databaseName: string;
  tableName: string;
  deadLetterDir: string;
  deadLetters(): Promise<DeadLetter[]>;
  rows(sql: string): Promise<Array<Record<string, string | null>>>;
  close(): Promise<void>;
}

/**
 * The local Timestream server (optionally behind a fault-injecting proxy), the database and table
 * created with the real SDK, and the BUILT bundle running in its own process, configured through
 * its environment like the Lambda service would.
 */
export async function startLocalStack(options: { proxy?: ProxyOptions; retention?: Retention; tableName?: string; env?: Record<string, string> } = {}): Promise<LocalStack> {
  const server = await startTimestreamLocal({ retentionSweepMs: 0 });
  const proxy = options.proxy ? await startTimestreamProxy(server.endpoint, options.proxy) : undefined;
  const clientConfig = { endpoint: server.endpoint, region, credentials, maxAttempts: 1 };
  const write = new TimestreamWriteClient(clientConfig);
  const query = new TimestreamQueryClient(clientConfig);
  const databaseName = timestreamSettings.databaseName;
  const tableName = options.tableName ?? timestreamSettings.tableName;
  const retention = options.retention ?? { memoryHours: timestreamSettings.retention.memoryStoreRetentionHours, magneticDays: timestreamSettings.retention.magneticStoreRetentionDays };
  await write.send(new CreateDatabaseCommand({ DatabaseName: databaseName }));
  await write.send(
    new CreateTableCommand({
      DatabaseName: databaseName,
      TableName: tableName,
      RetentionProperties: { MemoryStoreRetentionPeriodInHours: retention.memoryHours, MagneticStoreRetentionPeriodInDays: retention.magneticDays },
      MagneticStoreWriteProperties: { EnableMagneticStoreWrites: timestreamSettings.magneticStoreWrites.enabled },
    }),
  );
  const deadLetterDir = await mkdtemp(path.join(tmpdir(), 'ingest-dead-letters-'));
  const lambda = await startLambdaProcess(bundlePath, {
    ...buildIngestEnvironment({
      databaseName,
      tableName,
      timestreamEndpoint: proxy?.endpoint ?? server.endpoint,
      deadLetter: { kind: 'directory', dir: deadLetterDir },
      region,
      serviceName: 'ingest-lambda',
      metricsNamespace: METRICS_NAMESPACE,
      logLevel: 'WARN',
    }),
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    ...options.env,
  });
  return {
    server,
    proxy,
    write,
    query,
    lambda,
    databaseName,
    tableName,
    deadLetterDir,
    deadLetters: () => readDeadLetters(deadLetterDir),
    rows: (sql) => queryRows(query, sql),
    close: async () => {
      await lambda.close();
      write.destroy();
      query.destroy();
      await proxy?.close();
      await server.close();
      await rm(deadLetterDir, { recursive: true, force: true });
    },
  };
}

/** Every letter in a dead-letter directory (JSON lines), in file order. */
export async function readDeadLetters(dir: string): Promise<DeadLetter[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.jsonl')).sort();
  const letters: DeadLetter[] = [];
  for (const file of files) {
    for (const line of (await readFile(path.join(dir, file), 'utf8')).split('\n')) if (line.trim()) letters.push(JSON.parse(line));
  }
  return letters;
}

/** Runs a query with the real SDK, following NextToken to the end; rows keyed by column name. */
export async function queryRows(client: TimestreamQueryClient, sql: string): Promise<Array<Record<string, string | null>>> {
  const out: Array<Record<string, string | null>> = [];
  let nextToken: string | undefined;
  for (let page = 0; page < 10_000; page++) {
    const res = await client.send(new QueryCommand({ QueryString: sql, NextToken: nextToken }));
    const names = (res.ColumnInfo ?? []).map((c) => c.Name ?? '');
    for (const row of res.Rows ?? []) {
      out.push(Object.fromEntries((row.Data ?? []).map((d, i) => [names[i], d.NullValue ? null : (d.ScalarValue ?? null)])));
    }
    nextToken = res.NextToken;
    if (!nextToken) break;
  }
  return out;
}

/** "2026-01-01 12:00:00.000000000" (Timestream TIMESTAMP rendering, UTC) to epoch ms. */
export function timestampMs(value: string | null): number {
  return Date.parse(`${String(value).replace(' ', 'T').slice(0, 23)}Z`);
}
