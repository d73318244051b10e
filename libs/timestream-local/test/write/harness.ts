import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import { startTimestreamLocal, type RunningTimestreamLocal, type StartOptions } from '../../src/start';

export const TEST_CREDENTIALS = { accessKeyId: 'AKIDTESTLOCAL', secretAccessKey: 'test-secret-key' };

export interface Harness {
  server: RunningTimestreamLocal;
  write: TimestreamWriteClient;
  query: TimestreamQueryClient;
  dataDir?: string;
  /** moves the server's clock */
  clock: { offsetMs: number };
  close(): Promise<void>;
}

export function writeClient(endpoint: string, credentials = TEST_CREDENTIALS): TimestreamWriteClient {
  return new TimestreamWriteClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
}

/** A server on 127.0.0.1:0 (with a temporary data directory unless `inMemory`) and SDK clients pointed at it. */
export async function startHarness(options: StartOptions & { inMemory?: boolean } = {}): Promise<Harness> {
  const dataDir = options.inMemory ? undefined : (options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'tsl-test-')));
  const clock = { offsetMs: 0 };
  const server = await startTimestreamLocal({ retentionSweepMs: 0, now: () => new Date(Date.now() + clock.offsetMs), ...options, dataDir, port: 0 });
  const write = writeClient(server.endpoint);
  const query = new TimestreamQueryClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
  return {
    server,
    write,
    query,
    dataDir,
    clock,
    close: async () => {
      write.destroy();
      query.destroy();
      await server.close();
      if (dataDir && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The error a promise rejects with (fails the test when it resolves). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- error members differ per exception
export async function errorOf(promise: Promise<unknown>): Promise<Error & Record<string, any>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  }
  throw new Error('expected the call to fail, it succeeded');
}

/** Rows of a table as the query engine sees them (retention applied), via the storage interface. */
export async function visibleRows(server: RunningTimestreamLocal, db: string, table: string, orderBy = 'time'): Promise<Array<Record<string, unknown>>> {
  const meta = await server.storage.getTable(db, table);
  if (!meta) throw new Error(`no table ${db}.${table}`);
  const result = await server.storage.runQuery(`SELECT * FROM ${meta.relationSql} AS t ORDER BY ${orderBy}`);
  return result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c.name, row[i]])));
}
