import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateDatabaseCommand, CreateTableCommand, WriteRecordsCommand, type _Record, type TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import { startTimestreamLocal, type RunningTimestreamLocal } from '../../src/start';
import { visibleRows, writeClient } from './harness';

/**
 * Rewrites of stored records after a restart get the answers they got before it, for records of every age:
 * magnetic-store records (days old), older memory-store records and recent ones. The server keeps at most 1,000
 * records in memory, a third of what the table holds, so most answers come from looking the records up in DuckDB.
 */
const DB = 'rewrites';
const TABLE = 'readings';
const MINUTE = 60_000;
const DAY = 86_400_000;
const now = Date.now();
const AGES = { magnetic: 3 * DAY, older: 50 * MINUTE, recent: 2 * MINUTE } as const;
type Age = keyof typeof AGES;

/** Record k (0..999) of an age: device k mod 20 at second k / 20; odd devices were written with version 5. */
const recordOf = (age: Age, k: number, value: string, version?: number): _Record => ({
  Dimensions: [{ Name: 'device_id', Value: `d${k % 20}` }],
  MeasureName: 'reading',
  MeasureValueType: 'MULTI',
  MeasureValues: [{ Name: 'temperature', Value: value, Type: 'DOUBLE' }],
  Time: String(now - AGES[age] + Math.floor(k / 20) * 1000),
  Version: version ?? (k % 2 === 1 ? 5 : 1),
});
const original = (k: number): string => String(k / 10);
const SAMPLE = Array.from({ length: 100 }, (_, i) => i * 10 + (i % 3)); // spread over all times, even and odd devices

interface Answer {
  ingested?: unknown;
  rejected?: Array<{ RecordIndex?: number; Reason?: string; ExistingVersion?: number }>;
  reported?: Array<{ recordIndex: number; reason: string; existingVersion?: number }>;
}

const reportDir = (dataDir: string) => path.join(dataDir, 's3', 'rejects', 'errors', DB, TABLE);
const reportFiles = (dataDir: string): string[] => {
  try {
    return readdirSync(reportDir(dataDir)).sort();
  } catch {
    return [];
  }
};

async function send(client: TimestreamWriteClient, dataDir: string, records: _Record[]): Promise<Answer> {
  const before = new Set(reportFiles(dataDir));
  const answer: Answer = {};
  try {
    answer.ingested = (await client.send(new WriteRecordsCommand({ DatabaseName: DB, TableName: TABLE, Records: records }))).RecordsIngested;
  } catch (error) {
    answer.rejected = (error as { RejectedRecords?: Answer['rejected'] }).RejectedRecords;
    if (!answer.rejected) throw error;
  }
  const added = reportFiles(dataDir).filter((f) => !before.has(f));
  if (added.length > 0) {
    answer.reported = added.flatMap((f) => JSON.parse(readFileSync(path.join(reportDir(dataDir), f), 'utf8')).rejectedRecords.map(({ recordIndex, reason, existingVersion }: NonNullable<Answer['reported']>[number]) => ({ recordIndex, reason, existingVersion })));
  }
  return answer;
}

/** The calls that change nothing stored: identical rewrites, other values with the same version, a lower version. */
const probes = (age: Age): Array<[string, _Record[]]> => [
  ['identical', SAMPLE.map((k) => recordOf(age, k, original(k)))],
  ['other values, same version', SAMPLE.map((k) => recordOf(age, k, '-1'))],
  ['other values, lower version', SAMPLE.filter((k) => k % 2 === 1).map((k) => recordOf(age, k, '-1', 2))],
];

const SAME = 'A record already exists with the same time, dimensions, measure name, and record version. A higher record version must be specified in order to update the measure value. Specifying record version is supported by the latest SDKs.';
const LOWER = 'The record version 2 is lower than the existing version 5. A higher version is required to update the measure value.';

describe('rewrites after a restart, with 1,000 records in memory', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tsl-rewrites-'));
  let server: RunningTimestreamLocal | undefined;
  let client: TimestreamWriteClient | undefined;
  const start = async () => {
    server = await startTimestreamLocal({ port: 0, dataDir, indexedRecords: 1000, retentionSweepMs: 0 });
    client = writeClient(server.endpoint);
    return { server, client };
  };
  const stop = async () => {
    client?.destroy();
    await server?.close();
  };
  afterAll(async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers as before the restart, then applies higher versions once', async () => {
    let { client: c } = await start();
    await c.send(new CreateDatabaseCommand({ DatabaseName: DB }));
    await c.send(new CreateTableCommand({
      DatabaseName: DB,
      TableName: TABLE,
      RetentionProperties: { MemoryStoreRetentionPeriodInHours: 1, MagneticStoreRetentionPeriodInDays: 30 },
      MagneticStoreWriteProperties: { EnableMagneticStoreWrites: true, MagneticStoreRejectedDataLocation: { S3Configuration: { BucketName: 'rejects', ObjectKeyPrefix: 'errors' } } },
    }));
    for (const age of Object.keys(AGES) as Age[]) {
      for (let k = 0; k < 1000; k += 100) {
        const records = Array.from({ length: 100 }, (_, i) => recordOf(age, k + i, original(k + i)));
        expect((await send(c, dataDir, records)).ingested).toMatchObject({ Total: 100 });
      }
    }

    const before = new Map<string, Answer>();
    for (const age of Object.keys(AGES) as Age[]) for (const [what, records] of probes(age)) before.set(`${age}: ${what}`, await send(c, dataDir, records));
    // what the server answered before the restart is what the service answers
    const odd = SAMPLE.filter((k) => k % 2 === 1).length;
    for (const age of ['older', 'recent'] as const) {
      expect(before.get(`${age}: identical`)).toEqual({ ingested: { Total: 100, MemoryStore: 100, MagneticStore: 0 } });
      expect(before.get(`${age}: other values, same version`)).toEqual({ rejected: SAMPLE.map((_, i) => ({ RecordIndex: i, Reason: SAME })) });
      expect(before.get(`${age}: other values, lower version`)).toEqual({ rejected: Array.from({ length: odd }, (_, i) => ({ RecordIndex: i, Reason: LOWER, ExistingVersion: 5 })) });
    }
    expect(before.get('magnetic: identical')).toEqual({ ingested: { Total: 100, MemoryStore: 0, MagneticStore: 100 } });
    expect(before.get('magnetic: other values, same version')).toEqual({ ingested: { Total: 100, MemoryStore: 0, MagneticStore: 100 }, reported: SAMPLE.map((_, i) => ({ recordIndex: i, reason: SAME })) });
    expect(before.get('magnetic: other values, lower version')).toEqual({
      ingested: { Total: odd, MemoryStore: 0, MagneticStore: odd },
      reported: Array.from({ length: odd }, (_, i) => ({ recordIndex: i, reason: LOWER, existingVersion: 5 })),
    });

    // nothing was stored twice
    expect(await visibleRows(server as RunningTimestreamLocal, DB, TABLE)).toHaveLength(3000);

    await stop();
    ({ client: c } = await start());
    for (const age of Object.keys(AGES) as Age[]) {
      for (const [what, records] of probes(age)) expect([`${age}: ${what}`, await send(c, dataDir, records)]).toEqual([`${age}: ${what}`, before.get(`${age}: ${what}`)]);
    }
    expect(await visibleRows(server as RunningTimestreamLocal, DB, TABLE)).toHaveLength(3000);

    // a higher version replaces each sampled record, once; the same again changes nothing, a version below it is refused
    for (const age of Object.keys(AGES) as Age[]) {
      const higher = SAMPLE.map((k) => recordOf(age, k, '-7', 9));
      expect((await send(c, dataDir, higher)).ingested).toMatchObject({ Total: 100 });
      expect((await send(c, dataDir, higher)).ingested).toMatchObject({ Total: 100 });
      const lower = await send(c, dataDir, [recordOf(age, SAMPLE[0], '1', 6)]);
      if (age === 'magnetic') expect(lower.reported).toEqual([{ recordIndex: 0, reason: 'The record version 6 is lower than the existing version 9. A higher version is required to update the measure value.', existingVersion: 9 }]);
      else expect(lower.rejected).toEqual([{ RecordIndex: 0, Reason: 'The record version 6 is lower than the existing version 9. A higher version is required to update the measure value.', ExistingVersion: 9 }]);
    }
    const rows = await visibleRows(server as RunningTimestreamLocal, DB, TABLE);
    expect(rows).toHaveLength(3000);
    expect(rows.filter((r) => r.temperature === -7)).toHaveLength(300);
    expect(rows.filter((r) => r.temperature === -1)).toHaveLength(0);
  }, 60_000);
});
