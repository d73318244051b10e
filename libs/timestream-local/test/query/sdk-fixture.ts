import { QueryCommand, TimestreamQueryClient, type Datum, type QueryCommandOutput } from '@aws-sdk/client-timestream-query';
import { CreateDatabaseCommand, CreateTableCommand, TimestreamWriteClient, WriteRecordsCommand, type _Record } from '@aws-sdk/client-timestream-write';
import { startTimestreamLocal, type RunningTimestreamLocal, type StartOptions } from '../../src/start';

/** A server on 127.0.0.1:0 and real SDK clients pointed at it. */
export interface SdkFixture {
  server: RunningTimestreamLocal;
  write: TimestreamWriteClient;
  query: TimestreamQueryClient;
  close(): Promise<void>;
}

const credentials = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };

export async function startSdkFixture(options: StartOptions = {}): Promise<SdkFixture> {
  const server = await startTimestreamLocal({ retentionSweepMs: 0, ...options });
  const config = { endpoint: server.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 };
  const write = new TimestreamWriteClient(config);
  const query = new TimestreamQueryClient(config);
  return {
    server,
    write,
    query,
    close: async () => {
      write.destroy();
      query.destroy();
      await server.close();
    },
  };
}

export async function createTable(fixture: SdkFixture, db: string, table: string): Promise<void> {
  await fixture.write.send(new CreateDatabaseCommand({ DatabaseName: db })).catch((error: { name?: string }) => {
    if (error.name !== 'ConflictException') throw error;
  });
  await fixture.write.send(new CreateTableCommand({
    DatabaseName: db,
    TableName: table,
    RetentionProperties: { MemoryStoreRetentionPeriodInHours: 48, MagneticStoreRetentionPeriodInDays: 30 },
  }));
}

export async function writeAll(fixture: SdkFixture, db: string, table: string, records: _Record[]): Promise<void> {
  for (let i = 0; i < records.length; i += 100) {
    await fixture.write.send(new WriteRecordsCommand({ DatabaseName: db, TableName: table, Records: records.slice(i, i + 100) }));
  }
}

/** Every page of a query, as the SDK returns them. */
export async function allPages(fixture: SdkFixture, sql: string, maxRows?: number): Promise<QueryCommandOutput[]> {
  const pages: QueryCommandOutput[] = [];
  let nextToken: string | undefined;
  for (let i = 0; i < 1000; i++) {
    const page = await fixture.query.send(new QueryCommand({ QueryString: sql, MaxRows: maxRows, NextToken: nextToken }));
    pages.push(page);
    nextToken = page.NextToken;
    if (!nextToken) break;
  }
  return pages;
}

export async function sdkRows(fixture: SdkFixture, sql: string): Promise<Datum[][]> {
  return (await allPages(fixture, sql)).flatMap((p) => (p.Rows ?? []).map((r) => r.Data ?? []));
}
