import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateDatabaseCommand, CreateTableCommand, DescribeTableCommand, WriteRecordsCommand, type _Record } from '@aws-sdk/client-timestream-write';
import { DuckDbStorage } from '../../src/storage/duckdb-storage';
import { startCli } from './cli-process';
import { errorOf, writeClient } from './harness';

const records = (base: number, value: string): _Record[] =>
  Array.from({ length: 100 }, (_, i) => ({ Dimensions: [{ Name: 'device_id', Value: `dev-${i % 10}` }], Time: String(base - i * 10), MeasureValues: [{ Name: 'temperature', Value: value, Type: 'DOUBLE' }] }));
const common: _Record = { MeasureName: 'readings', MeasureValueType: 'MULTI' };

describe('durability (the CLI as a child process)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tsl-durable-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps acknowledged writes across kill -9 and a restart; SIGTERM stops cleanly', async () => {
    const base = Date.now() - 60_000;
    const first = await startCli(dataDir);
    let client = writeClient(first.endpoint);
    await client.send(new CreateDatabaseCommand({ DatabaseName: 'durable' }));
    await client.send(new CreateTableCommand({ DatabaseName: 'durable', TableName: 'readings' }));
    for (let k = 0; k < 3; k++) {
      const result = await client.send(new WriteRecordsCommand({ DatabaseName: 'durable', TableName: 'readings', CommonAttributes: common, Records: records(base - k * 1000, '20.5') }));
      expect(result.RecordsIngested?.Total).toBe(100);
    }
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    client.destroy();

    const second = await startCli(dataDir);
    client = writeClient(second.endpoint);
    const described = await client.send(new DescribeTableCommand({ DatabaseName: 'durable', TableName: 'readings' }));
    expect(described.Table?.TableStatus).toBe('ACTIVE');
    // the stored records are known again: identical re-writes are accepted, a different value is a conflict
    const again = await client.send(new WriteRecordsCommand({ DatabaseName: 'durable', TableName: 'readings', CommonAttributes: common, Records: records(base, '20.5') }));
    expect(again.RecordsIngested?.Total).toBe(100);
    const conflict = await errorOf(client.send(new WriteRecordsCommand({ DatabaseName: 'durable', TableName: 'readings', CommonAttributes: common, Records: records(base - 2000, '99') })));
    expect(conflict.RejectedRecords).toHaveLength(100);
    expect(conflict.RejectedRecords[0].Reason).toMatch(/A record already exists/);
    client.destroy();
    second.child.kill('SIGTERM');
    const stopped = await second.exited;
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toContain('stopped (SIGTERM)');

    const storage = await DuckDbStorage.open({ dataDir });
    try {
      const meta = await storage.getTable('durable', 'readings');
      const count = await storage.runQuery(`SELECT count(*), count(DISTINCT time), min(temperature), max(temperature) FROM ${meta?.relationSql}`);
      expect(count.rows[0]).toEqual([300n, 300n, 20.5, 20.5]);
    } finally {
      await storage.close();
    }
  }, 60_000);
});
