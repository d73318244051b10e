import { DuckDBInstance } from '@duckdb/node-api';
import { Agent } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Durability } from '../src/storage/durability';
import { openDurableStream } from '../src/stream/durable-stream';
import { offerLoad, sampleMessage, type LoadResult } from './offered-load';

const key = (i: number) => `sensor-${String(i % 50).padStart(3, '0')}`;

/** The stream the benches append to: 2 shards, and a consumer that always succeeds at once. */
export const BENCH_STREAM = {
  shardCount: 2,
  batchSize: 100,
  batchingWindowMs: 100,
  maxRecordsPerShard: 1_000_000,
  maxRetryAttempts: 0,
  retryDelayMs: 1,
  consumer: async () => ({ failedSequenceNumbers: [] }),
};

/** The stream as the local cloud runs it: KinesisBuffer.appendRecord over the segment log (2 shards), consumer always succeeding. */
export async function measureStreamLog(dir: string, durability: Durability, rate: number, seconds: number): Promise<LoadResult> {
  const stream = await openDurableStream(path.join(dir, `log-${durability}-${rate}`), durability, BENCH_STREAM);
  try {
    return await offerLoad(`stream log, ${durability}`, rate, seconds, (i) => stream.buffer.appendRecord(key(i), sampleMessage(i)));
  } finally {
    await stream.close();
  }
}

/** A log table in DuckDB: appends grouped like the log's (one appender flush + commit per group). */
export async function measureDuckDb(dir: string, rate: number, seconds: number): Promise<LoadResult> {
  const instance = await DuckDBInstance.create(path.join(dir, `duckdb-${rate}.duckdb`));
  const connection = await instance.connect();
  await connection.run('CREATE TABLE stream (seq BIGINT, shard INTEGER, partition_key VARCHAR, arrival BIGINT, data BLOB)');
  let pending: Array<{ i: number; done: () => void; fail: (e: Error) => void }> = [];
  let busy = false;
  let seq = 0n;
  const flush = async (): Promise<void> => {
    if (busy || pending.length === 0) return;
    busy = true;
    const group = pending;
    pending = [];
    try {
      const appender = await connection.createAppender('stream');
      for (const { i } of group) {
        appender.appendBigInt(seq++);
        appender.appendInteger(i % 2);
        appender.appendVarchar(key(i));
        appender.appendBigInt(BigInt(Date.now()));
        appender.appendBlob(sampleMessage(i));
        appender.endRow();
      }
      appender.flushSync();
      appender.closeSync();
      group.forEach((g) => g.done());
    } catch (error) {
      group.forEach((g) => g.fail(error as Error));
    }
    busy = false;
    setImmediate(() => void flush());
  };
  try {
    return await offerLoad('DuckDB table, appender per group', rate, seconds, (i) => new Promise<void>((done, fail) => {
      pending.push({ i, done, fail });
      setImmediate(() => void flush());
    }));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

interface KinesisLike {
  send(command: unknown): Promise<{ Records?: Array<{ ErrorCode?: string }>; StreamDescription?: { StreamStatus?: string } }>;
  destroy(): void;
}

/**
 * kinesalite (Kinesis on LevelDB) through @aws-sdk/client-kinesis, when both are installed
 * (`npm install --no-save kinesalite@3.3.3 @aws-sdk/client-kinesis@3.1138.0`): one PutRecord per
 * message, and PutRecords of up to 500 grouped like the log's appends. Undefined when absent.
 */
export async function measureKinesalite(dir: string, rate: number, seconds: number): Promise<LoadResult[] | undefined> {
  const load = createRequire(__filename);
  let kinesalite: (options: { path: string; createStreamMs: number }) => import('node:http').Server;
  let sdk: Record<string, new (input: unknown) => unknown>;
  try {
    kinesalite = load('kinesalite');
    sdk = load('@aws-sdk/client-kinesis');
  } catch {
    return undefined;
  }
  const results: LoadResult[] = [];
  for (const mode of ['PutRecord per message', 'PutRecords per group'] as const) {
    const server = kinesalite({ path: path.join(dir, `kinesalite-${rate}-${mode.length}`), createStreamMs: 0 });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as import('node:net').AddressInfo).port;
    // HTTP/1.1 with keep-alive, as kinesalite speaks (the Kinesis client defaults to HTTP/2).
    const { NodeHttpHandler } = load('@smithy/node-http-handler') as { NodeHttpHandler: new (options: unknown) => unknown };
    const requestHandler = new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 64 }) });
    const client = new sdk.KinesisClient({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, requestHandler }) as KinesisLike;
    await client.send(new sdk.CreateStreamCommand({ StreamName: 's', ShardCount: 2 }));
    while ((await client.send(new sdk.DescribeStreamCommand({ StreamName: 's' }))).StreamDescription?.StreamStatus !== 'ACTIVE') await new Promise((r) => setTimeout(r, 50));
    const pending: Array<{ i: number; done: () => void; fail: (e: Error) => void }> = [];
    let busy = false;
    const flush = (): void => {
      if (busy || pending.length === 0) return;
      busy = true;
      const group = pending.splice(0, 500);
      client
        .send(new sdk.PutRecordsCommand({ StreamName: 's', Records: group.map(({ i }) => ({ PartitionKey: key(i), Data: sampleMessage(i) })) }))
        .then(
          (r) => group.forEach((g, j) => (r.Records?.[j]?.ErrorCode ? g.fail(new Error(r.Records[j].ErrorCode)) : g.done())),
          (e: Error) => group.forEach((g) => g.fail(e)),
        )
        .finally(() => {
          busy = false;
          flush();
        });
    };
    const append =
      mode === 'PutRecord per message'
        ? (i: number) => client.send(new sdk.PutRecordCommand({ StreamName: 's', PartitionKey: key(i), Data: sampleMessage(i) }))
        : (i: number) => new Promise<void>((done, fail) => {
            pending.push({ i, done, fail });
            setImmediate(flush);
          });
    results.push(await offerLoad(`kinesalite, ${mode}`, rate, seconds, append));
    client.destroy();
    await new Promise((r) => server.close(r));
  }
  return results;
}
