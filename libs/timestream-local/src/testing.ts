import { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { CreateDatabaseCommand, CreateTableCommand, TimestreamWriteClient, type CreateTableCommandInput } from '@aws-sdk/client-timestream-write';
import { startTimestreamLocal, type RunningTimestreamLocal, type StartOptions } from './start';

export { createManualClock, type ManualClock } from './scheduled/manual-clock';

/**
 * Dummy credentials for clients of a local server started without credentials: the values of
 * libs/schema's LOCAL_PLACEHOLDER_CREDENTIALS, spelled here because the emulator does not import
 * libs/schema (that edge would make schema and timestream-local a cycle in the project graph).
 */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface TestTimestream extends RunningTimestreamLocal {
  /** SDK clients pointed at the server (one attempt, no retries) */
  writeClient(): TimestreamWriteClient;
  queryClient(): TimestreamQueryClient;
}

export interface TestTimestreamOptions extends StartOptions {
  /** tables to create first, e.g. [{ DatabaseName: 'iot', TableName: 'readings' }] (databases are created as needed) */
  tables?: CreateTableCommandInput[];
}

/** A server on 127.0.0.1 with a free port (in memory unless dataDir is given), with its tables created. */
export async function startTestTimestream(options: TestTimestreamOptions = {}): Promise<TestTimestream> {
  const { tables = [], ...start } = options;
  const running = await startTimestreamLocal({ host: '127.0.0.1', port: 0, retentionSweepMs: 0, ...start });
  const credentials = start.credentials ?? LOCAL_CREDENTIALS;
  const clientConfig = { endpoint: running.endpoint, region: start.region ?? 'us-east-1', credentials, maxAttempts: 1 };
  const clients: Array<{ destroy(): void }> = [];
  const writeClient = () => {
    const client = new TimestreamWriteClient(clientConfig);
    clients.push(client);
    return client;
  };
  const queryClient = () => {
    const client = new TimestreamQueryClient(clientConfig);
    clients.push(client);
    return client;
  };
  if (tables.length > 0) {
    const setup = writeClient();
    const created = new Set<string>();
    for (const table of tables) {
      const db = table.DatabaseName as string;
      if (!created.has(db) && !running.storage.getDatabase(db)) await setup.send(new CreateDatabaseCommand({ DatabaseName: db }));
      created.add(db);
      if (!running.storage.getTableRecord(db, table.TableName as string)) await setup.send(new CreateTableCommand(table));
    }
  }
  return {
    ...running,
    writeClient,
    queryClient,
    close: async () => {
      for (const client of clients) client.destroy();
      await running.close();
    },
  };
}
