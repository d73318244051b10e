import { CreateScheduledQueryCommand, ExecuteScheduledQueryCommand, type ColumnInfo, type QueryResponse, type Row, type ScalarType, type TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { CreateTableCommand, WriteRecordsCommand, type TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import { backfillInvocations, rollupList, rollupScheduledQueries, rollupScheduledQueryInput, rollupSeedRequests, rollupTableInput, schemaSeedRecord, timestreamSettings } from '@iot-timeseries/schema';

/** A scalar cell as the Query API sends it: text, or null for NullValue. */
export type ScalarCell = string | null;

export interface QueryPageOptions {
  /** Column name -> Timestream scalar type, in result order. */
  columns: Record<string, ScalarType>;
  /** One array of cells per row, in column order. */
  rows: ScalarCell[][];
  nextToken?: string;
  queryId?: string;
}

/**
 * One page of a Query answer in the wire shape (for unit tests that mock the Query API with
 * aws-sdk-client-mock): scalar columns only, NullValue for null cells, QueryStatus filled in.
 */
export function queryPage(options: QueryPageOptions): QueryResponse & { ColumnInfo: ColumnInfo[]; Rows: Row[] } {
  const columnInfo: ColumnInfo[] = Object.entries(options.columns).map(([Name, ScalarType]) => ({ Name, Type: { ScalarType } }));
  return {
    QueryId: options.queryId ?? 'AEBQEANNWTSYL2DP',
    ColumnInfo: columnInfo,
    Rows: options.rows.map((cells) => ({ Data: cells.map((cell) => (cell === null ? { NullValue: true } : { ScalarValue: cell })) })),
    NextToken: options.nextToken,
    QueryStatus: { ProgressPercentage: options.nextToken ? 50 : 100, CumulativeBytesScanned: 100, CumulativeBytesMetered: 10_000_000 },
  };
}

export interface ProvisionedRollups {
  /** Scheduled-query ARN per rollup id. */
  arns: Record<string, string>;
}

/**
 * For tests and benches against a local server: creates the rollup tables (libs/schema's settings), writes
 * the schema seed record at `seedTimeMs` and the rollup tables' seed records at `rollupSeedTimeMs` (default the same;
 * one every rollup table still keeps: the deployment's time, for a server whose readings go back further), and creates every rollup's scheduled
 * query (environment `test` unless given). The local cloud and infra do the same for real; this is the short form for
 * a fresh server. `seeded: false` leaves the rollup tables without columns (a deployment before its rollup seed):
 * the scheduled queries that read a rollup table (the baseline's) cannot be created then, and are not.
 */
export async function provisionRollups(
  clients: { write: Pick<TimestreamWriteClient, 'send'>; query: Pick<TimestreamQueryClient, 'send'> },
  options: { seedTimeMs: number; environment?: string; seeded?: boolean; rollupSeedTimeMs?: number },
): Promise<ProvisionedRollups> {
  for (const rollup of rollupList()) await clients.write.send(new CreateTableCommand(rollupTableInput(rollup, { rejectedDataBucket: 'test-rejected-data' })));
  await clients.write.send(new WriteRecordsCommand({ DatabaseName: timestreamSettings.databaseName, TableName: timestreamSettings.tableName, Records: [schemaSeedRecord(options.seedTimeMs)] }));
  // as infra's rollup-seed function does: the rollup tables get their columns (the baseline's query reads the hourly one's)
  const seeded = options.seeded ?? true;
  if (seeded) for (const request of rollupSeedRequests(options.rollupSeedTimeMs ?? options.seedTimeMs)) await clients.write.send(new WriteRecordsCommand(request));
  const deployment = { topicArn: 'arn:aws:sns:us-east-1:000000000000:test-rollups', executionRoleArn: 'arn:aws:iam::000000000000:role/test-rollups', errorReportBucket: 'test-rollup-errors' };
  const arns: Record<string, string> = {};
  for (const query of rollupScheduledQueries({ environment: options.environment ?? 'test' })) {
    if (!seeded && query.rollup.kind === 'baseline') continue;
    const created = await clients.query.send(new CreateScheduledQueryCommand(rollupScheduledQueryInput(query, deployment)));
    arns[query.rollup.id] = created.Arn as string;
  }
  return { arns };
}

/** Runs every provisioned rollup's backfill invocations (libs/schema's `backfillInvocations`, oldest first) from `fromMs` to `toMs`. */
export async function backfillRollups(query: Pick<TimestreamQueryClient, 'send'>, provisioned: ProvisionedRollups, fromMs: number, toMs: number): Promise<number> {
  let runs = 0;
  for (const rollup of rollupList().filter((r) => provisioned.arns[r.id] !== undefined)) {
    for (const at of backfillInvocations(rollup, fromMs, toMs)) {
      await query.send(new ExecuteScheduledQueryCommand({ ScheduledQueryArn: provisioned.arns[rollup.id], InvocationTime: new Date(at) }));
      runs++;
    }
  }
  return runs;
}
