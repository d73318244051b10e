import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateDatabaseCommand, CreateTableCommand, WriteRecordsCommand, type _Record } from '@aws-sdk/client-timestream-write';
import { startTimestreamLocal } from '../../src/start';
import { errorOf, writeClient } from './harness';

describe('restart with a data directory', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tsl-restart-'));
  const running: Array<{ close(): Promise<void> }> = [];
  afterAll(async () => {
    for (const r of running) await r.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('recognises every stored value type after a restart (identical re-writes accepted, changes refused)', async () => {
    const t = Date.now() - 60_000;
    const records: _Record[] = [
      { Dimensions: [{ Name: 'device_id', Value: 'a' }], MeasureName: 'd', MeasureValue: '0.1', Time: String(t) },
      { Dimensions: [{ Name: 'device_id', Value: 'a' }], MeasureName: 'b', MeasureValueType: 'BIGINT', MeasureValue: '-9223372036854775808', Time: String(t) },
      { Dimensions: [{ Name: 'device_id', Value: 'a' }], MeasureName: 'v', MeasureValueType: 'VARCHAR', MeasureValue: 'ünïcode ✓', Time: String(t) },
      { Dimensions: [{ Name: 'device_id', Value: 'a' }, { Name: 'site', Value: 's' }], MeasureName: 'f', MeasureValueType: 'BOOLEAN', MeasureValue: 'false', Time: `${t}999999`, TimeUnit: 'NANOSECONDS' },
      {
        Dimensions: [{ Name: 'site', Value: 's' }],
        MeasureName: 'multi',
        MeasureValueType: 'MULTI',
        Time: `${t}000`,
        MeasureValues: [
          { Name: 'at', Value: `${t}123`, Type: 'TIMESTAMP' },
          { Name: 'x', Value: '1e3', Type: 'DOUBLE' },
        ],
        TimeUnit: 'MICROSECONDS',
        Version: 7,
      },
    ];
    let server = await startTimestreamLocal({ port: 0, dataDir });
    running.push(server);
    let client = writeClient(server.endpoint);
    await client.send(new CreateDatabaseCommand({ DatabaseName: 'restart' }));
    await client.send(new CreateTableCommand({ DatabaseName: 'restart', TableName: 'all_types' }));
    expect((await client.send(new WriteRecordsCommand({ DatabaseName: 'restart', TableName: 'all_types', Records: records }))).RecordsIngested?.Total).toBe(5);
    client.destroy();
    await server.close();

    server = await startTimestreamLocal({ port: 0, dataDir });
    running.push(server);
    client = writeClient(server.endpoint);
    try {
      const again = await client.send(new WriteRecordsCommand({ DatabaseName: 'restart', TableName: 'all_types', Records: records }));
      expect(again.RecordsIngested?.Total).toBe(5);
      const changed = records.map((r) => (r.MeasureValueType === 'MULTI' ? { ...r, MeasureValues: [{ Name: 'x', Value: '2', Type: 'DOUBLE' as const }] } : { ...r, MeasureValue: r.MeasureValueType === 'BOOLEAN' ? 'true' : '1' }));
      const refused = await errorOf(client.send(new WriteRecordsCommand({ DatabaseName: 'restart', TableName: 'all_types', Records: changed })));
      expect(refused.RejectedRecords.map((r: { RecordIndex: number }) => r.RecordIndex)).toEqual([0, 1, 2, 3, 4]);
      // the versions of the stored records, read from DuckDB (the restarted server holds none of them in memory)
      expect(refused.RejectedRecords.map((r: { ExistingVersion?: number }) => r.ExistingVersion)).toEqual([1, 1, 1, 1, 7]);
      const meta = await server.storage.getTable('restart', 'all_types');
      expect(meta?.columns.map((c) => c.name)).toEqual(['device_id', 'site', 'measure_name', 'time', 'measure_value::double', 'measure_value::bigint', 'measure_value::varchar', 'measure_value::boolean', 'at', 'x']);
    } finally {
      client.destroy();
      await server.close();
    }
  });
});
