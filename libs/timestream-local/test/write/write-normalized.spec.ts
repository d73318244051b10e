import type { _Record } from '@aws-sdk/client-timestream-write';
import { RejectedRecordsException } from '../../src/errors';
import type { OperationContext } from '../../src/operations/shared/context';
import { createDatabase } from '../../src/operations/write/create-database';
import { createTable } from '../../src/operations/write/create-table';
import { normalizeRecord } from '../../src/operations/write/record-normalizer';
import { writeNormalizedRecords } from '../../src/operations/write/write-normalized';
import { writeRecords } from '../../src/operations/write/write-records';
import { DuckDbStorage } from '../../src/storage/duckdb-storage';
import type { RecordToStore } from '../../src/storage/write-types';

const DB = 'norm_db';
const NOW = Date.parse('2026-12-01T12:00:00Z');
const HOUR = 3_600_000;

let storage: DuckDbStorage;
let ctx: OperationContext;

beforeAll(async () => {
  storage = await DuckDbStorage.open({ now: () => NOW });
  ctx = { storage, requestHost: '', requestId: 'TEST', now: () => new Date(NOW), settings: { region: 'us-east-1', accountId: '000000000000' } };
  await createDatabase({ DatabaseName: DB }, ctx);
});
afterAll(() => storage.close());

const newTable = async (name: string, magnetic: boolean) => {
  await createTable(
    {
      DatabaseName: DB,
      TableName: name,
      RetentionProperties: { MemoryStoreRetentionPeriodInHours: 1, MagneticStoreRetentionPeriodInDays: 2 },
      MagneticStoreWriteProperties: { EnableMagneticStoreWrites: magnetic },
    },
    ctx,
  );
  return name;
};

const multi = (device: string, timeMs: number, temperature: string, version = 1, type: 'DOUBLE' | 'BIGINT' = 'DOUBLE'): _Record => ({
  Dimensions: [{ Name: 'device_id', Value: device }],
  MeasureName: 'readings',
  MeasureValueType: 'MULTI',
  MeasureValues: [{ Name: 'temperature', Type: type, Value: temperature }],
  Time: String(timeMs),
  TimeUnit: 'MILLISECONDS',
  Version: version,
});

type Outcome = { ingested: number; rejected: Array<{ index: number; reason: string }> };

/** The public path: one WriteRecords call of the records. */
async function viaWriteRecords(table: string, records: _Record[]): Promise<Outcome> {
  try {
    const response = await writeRecords({ DatabaseName: DB, TableName: table, Records: records }, ctx);
    return { ingested: response.RecordsIngested?.Total ?? 0, rejected: [] };
  } catch (error) {
    if (!(error instanceof RejectedRecordsException)) throw error;
    return { ingested: records.length - error.rejectedRecords.length, rejected: error.rejectedRecords.map((r) => ({ index: r.RecordIndex, reason: r.Reason })) };
  }
}

/** The internal path: the same records, normalized once by the caller (as batch load builds them). */
async function viaNormalized(table: string, records: _Record[]): Promise<Outcome> {
  const normalized = records.map((r, i) => normalizeRecord(i, undefined, r) as RecordToStore);
  const outcome = await writeNormalizedRecords(ctx, DB, table, normalized);
  return { ingested: outcome.ingested, rejected: outcome.rejected.map((r) => ({ index: r.RecordIndex, reason: r.Reason })).sort((a, b) => a.index - b.index) };
}

const rowsOf = async (table: string) => {
  const meta = await storage.getTable(DB, table);
  const result = await storage.runQuery(`SELECT device_id, measure_name, time, temperature FROM ${meta?.relationSql} ORDER BY device_id, time`);
  return result.rows;
};

describe('writeNormalizedRecords (the batch loader entry to the write path)', () => {
  const t = NOW - 10 * 60_000;
  const calls: _Record[][] = [
    [multi('a', t, '20'), multi('b', t, '21'), multi('a', t + 1, '22')],
    [
      multi('a', t, '20'), // the same record again: a no-op, counted as ingested
      multi('b', t, '99'), // same version, another value: refused
      multi('a', t + 1, '23', 2), // a higher version: replaces
      multi('c', NOW - 5 * HOUR, '1'), // before the memory store (magnetic store when enabled)
      multi('d', NOW - 3 * 86_400_000, '1'), // before the magnetic store too
      multi('e', NOW + HOUR, '1'), // too far in the future
      multi('a', t + 2, '5', 1, 'BIGINT'), // temperature was DOUBLE: a measure type change
      { Dimensions: [{ Name: 'device_id', Value: 'a' }], MeasureName: 'readings', MeasureValueType: 'DOUBLE', MeasureValue: '1', Time: String(t + 3) }, // readings was MULTI
    ],
    [multi('a', t + 1, '24', 1)], // lower than the stored version 2: refused
  ];

  for (const magnetic of [false, true]) {
    it(`keeps and refuses exactly what WriteRecords does, for the same reasons (magnetic store writes ${magnetic ? 'on' : 'off'})`, async () => {
      const publicTable = await newTable(`public_${magnetic}`, magnetic);
      const internalTable = await newTable(`internal_${magnetic}`, magnetic);
      for (const records of calls) {
        const expected = await viaWriteRecords(publicTable, records);
        const actual = await viaNormalized(internalTable, records);
        expect(actual).toEqual(expected);
      }
      const second = await viaNormalized(internalTable, calls[1]);
      expect(second.rejected.map((r) => r.index)).toEqual(magnetic ? [1, 4, 5, 6, 7] : [1, 3, 4, 5, 6, 7]);
      expect(second.rejected[0].reason).toMatch(/same time, dimensions, measure name, and record version/);
      expect((await viaNormalized(internalTable, calls[2])).rejected[0].reason).toBe('The record version 1 is lower than the existing version 2. A higher version is required to update the measure value.');
      expect(await rowsOf(internalTable)).toEqual(await rowsOf(publicTable));
      // the version 2 of a's second record replaced its value
      expect((await rowsOf(internalTable)).map((r) => [r[0], r[3]])).toEqual([['a', 20], ['a', 23], ['b', 21], ...(magnetic ? [['c', 1]] : [])]);
    });
  }

  it('throws ResourceNotFoundException for a table that does not exist, as WriteRecords does', async () => {
    await expect(writeNormalizedRecords(ctx, DB, 'missing', [])).rejects.toThrow('The table missing does not exist.');
  });
});
