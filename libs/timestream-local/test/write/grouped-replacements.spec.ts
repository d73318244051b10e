import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { _Record } from '@aws-sdk/client-timestream-write';
import type { OperationContext } from '../../src/operations/shared/context';
import { createDatabase } from '../../src/operations/write/create-database';
import { createTable } from '../../src/operations/write/create-table';
import { writeRecords } from '../../src/operations/write/write-records';
import { planQuery } from '../../src/query/engine';
import { DuckDbStorage } from '../../src/storage/duckdb-storage';

const DB = 'grouped';
const TABLE = 'bins';
const NOW = Date.parse('2026-12-01T12:00:00Z');
const MINUTE = 60_000;

const bin = (device: string, minute: number, value: string, version: number): _Record => ({
  Dimensions: [{ Name: 'device_id', Value: device }],
  MeasureName: 'rollup',
  MeasureValueType: 'MULTI',
  MeasureValues: [{ Name: 'avg', Type: 'DOUBLE', Value: value }],
  Time: String(NOW - 60 * MINUTE + minute * MINUTE),
  Version: version,
});
const bins = (device: string, minutes: number[], value: string, version: number) => minutes.map((m) => bin(device, m, value, version));

describe('calls written as one group that replace stored records (a scheduled query re-run writes hundreds)', () => {
  let dataDir: string;
  let storage: DuckDbStorage;
  const context = (s: DuckDbStorage): OperationContext => ({ storage: s, requestHost: '', requestId: 'TEST', now: () => new Date(NOW), settings: { region: 'us-east-1', accountId: '000000000000' } });
  const write = (records: _Record[]) => writeRecords({ DatabaseName: DB, TableName: TABLE, Records: records }, context(storage));
  const rows = async (s: DuckDbStorage) => {
    const planned = await planQuery(`SELECT device_id, to_milliseconds(time) AS t, avg FROM "${DB}"."${TABLE}" ORDER BY device_id, time`, { storage: s, now: new Date(NOW) });
    return (await planned.run()).rows.map(([device, t, avg]) => `${device} ${(Number(t) - (NOW - 60 * MINUTE)) / MINUTE} ${avg}`);
  };

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'grouped-replacements-'));
    storage = await DuckDbStorage.open({ dataDir, now: () => NOW });
    await createDatabase({ DatabaseName: DB }, context(storage));
    await createTable({ DatabaseName: DB, TableName: TABLE, RetentionProperties: { MemoryStoreRetentionPeriodInHours: 24, MagneticStoreRetentionPeriodInDays: 2 } }, context(storage));
    await write(bins('d0', [0, 1, 2, 3, 4, 5], '1', 1));
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('end as the calls written one after another would leave them, and stay so after a restart', async () => {
    // made in one tick: the storage writes them as one group, in this order
    const answers = await Promise.all([
      write(bins('d0', [0, 1, 2], '1', 2)), // unchanged values: only the version rises
      write(bins('d0', [3, 4, 5], '2', 2)), // changed values: replaced
      write(bins('d1', [0, 1, 2], '5', 1)), // new records
      write(bins('d1', [0, 1], '6', 2)), // replaces records an earlier call of the group wrote
      write(bins('d0', [0], '1', 2)), // the same as a record the group already holds: unchanged
    ]);
    expect(answers.map((a) => a.RecordsIngested?.Total)).toEqual([3, 3, 3, 2, 1]);
    const expected = ['d0 0 1', 'd0 1 1', 'd0 2 1', 'd0 3 2', 'd0 4 2', 'd0 5 2', 'd1 0 6', 'd1 1 6', 'd1 2 5'];
    expect(await rows(storage)).toEqual(expected);
    // the raised versions hold: a version-2 record with other values is refused as the same version
    await expect(write([bin('d0', 0, '9', 2)])).rejects.toMatchObject({ name: 'RejectedRecordsException' });
    await storage.close();
    storage = await DuckDbStorage.open({ dataDir, now: () => NOW });
    expect(await rows(storage)).toEqual(expected);
  });
});
