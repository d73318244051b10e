import { WriteRecordsCommand } from '@aws-sdk/client-timestream-write';
import { startLocalS3, type LocalS3 } from '@iot-timeseries/local-cloud-core';
import { LOCAL_PLACEHOLDER_CREDENTIALS, timestreamSettings, toWriteRequests, type SensorReading } from '@iot-timeseries/schema';
import { startTestTimestream, type TestTimestream } from '@iot-timeseries/timestream-local/testing';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.setTimeout(120_000);

const BIN = join(__dirname, '../bin/iot-query.js');
const BUCKET = 'dr-exports';

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, IOT_QUERY_S3_ENDPOINT: '' }, timeout: 90_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('iot-query export, import and verify: a table copied to another Timestream endpoint through S3', () => {
  let dir: string;
  let s3: LocalS3;
  let source: TestTimestream;
  let target: TestTimestream;
  const now = Date.now();
  // 3 devices × 120 readings over the last 2 hours (older than nothing: all in the memory store of the source)
  const readings: SensorReading[] = ['sensor-001', 'sensor-002', 'sensor-003'].flatMap((deviceId, d) =>
    Array.from({ length: 120 }, (_, i) => ({ deviceId, location: `hall "${d}", east`, time: now - 7_200_000 + i * 60_000 + d, timeFromReceipt: false, measures: { temperature: 20 + d + i / 16, humidity: 40 + (i % 13), pressure: 1000 + i, vibration: 0.01 * (i % 5) } })),
  );
  const s3Flags = () => ['--s3-endpoint', s3.endpoint];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'iot-query-recovery-'));
    s3 = await startLocalS3({ host: '127.0.0.1', port: 0, directory: join(dir, 's3'), buckets: [BUCKET], credentials: LOCAL_PLACEHOLDER_CREDENTIALS });
    source = await startTestTimestream({ s3Endpoint: s3.endpoint, tables: [{ DatabaseName: timestreamSettings.databaseName, TableName: timestreamSettings.tableName }] });
    target = await startTestTimestream({ s3Endpoint: s3.endpoint });
    for (const plan of toWriteRequests(readings, timestreamSettings)) await source.writeClient().send(new WriteRecordsCommand(plan.input));
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
    await s3?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports, imports into a new table on another endpoint, and verifies the copy device by device', async () => {
    const exported = await cli(['export', `s3://${BUCKET}/backup-1`, '--endpoint', source.endpoint, ...s3Flags(), '--format', 'json']);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toEqual([
      { table: `${timestreamSettings.databaseName}.${timestreamSettings.tableName}`, rows: 360, export: `s3://${BUCKET}/backup-1/export.json`, results: `s3://${BUCKET}/backup-1/results/` },
    ]);

    const imported = await cli(['import', `s3://${BUCKET}/backup-1`, '--endpoint', target.endpoint, ...s3Flags(), '--database', 'restored-db', '--table', 'restored', '--format', 'json']);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain('SUCCEEDED 360 records ingested, 0 failed');
    expect(JSON.parse(imported.stdout)).toEqual([expect.objectContaining({ table: 'restored-db.restored', created: 'yes', status: 'SUCCEEDED', exported: 360, ingested: 360, failures: 0 })]);
    expect(target.storage.getTableRecord('restored-db', 'restored')?.settings.enableMagneticStoreWrites).toBe(true);

    const verified = await cli(['verify', '--source-endpoint', source.endpoint, '--source-table', timestreamSettings.tableName, '--source-database', timestreamSettings.databaseName, '--endpoint', target.endpoint, '--database', 'restored-db', '--table', 'restored', '--format', 'json']);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    const rows = JSON.parse(verified.stdout) as Array<Record<string, string | number>>;
    expect(rows.map((r) => [r.device, r.source_records, r.copy_records, r.match])).toEqual([
      ['sensor-001', 120, 120, 'yes'],
      ['sensor-002', 120, 120, 'yes'],
      ['sensor-003', 120, 120, 'yes'],
    ]);
    for (const r of rows) expect(r.source_checksum).toBe(r.copy_checksum);

    // importing the same export again rewrites identical records: still the same copy
    const again = await cli(['import', `s3://${BUCKET}/backup-1`, '--endpoint', target.endpoint, ...s3Flags(), '--database', 'restored-db', '--table', 'restored', '--format', 'json']);
    expect(JSON.parse(again.stdout)).toEqual([expect.objectContaining({ created: 'no', status: 'SUCCEEDED', ingested: 360 })]);
    expect((await cli(['verify', '--source-endpoint', source.endpoint, '--source-table', timestreamSettings.tableName, '--endpoint', target.endpoint, '--database', 'restored-db', '--table', 'restored'])).code).toBe(0);
  });

  it('verify exits 1 naming how many devices differ when the copy lost or changed a record', async () => {
    const [first] = toWriteRequests(readings.slice(0, 1), { ...timestreamSettings, tableName: 'changed' });
    await target.writeClient().send(new WriteRecordsCommand({ ...first.input, DatabaseName: 'restored-db', TableName: 'restored', Records: first.input.Records?.map((r) => ({ ...r, Version: 2, MeasureValues: r.MeasureValues?.map((v) => (v.Name === 'temperature' ? { ...v, Value: '99' } : v)) })) }));
    const verified = await cli(['verify', '--source-endpoint', source.endpoint, '--source-table', timestreamSettings.tableName, '--endpoint', target.endpoint, '--database', 'restored-db', '--table', 'restored', '--format', 'csv']);
    expect(verified.code).toBe(1);
    expect(verified.stderr).toBe('iot-query: verify: 1 of 3 devices differ between the source and the copy\n');
    expect(verified.stdout.split('\n').find((l) => l.startsWith('sensor-001'))).toMatch(/,120,120,[0-9a-f]{16},[0-9a-f]{16},NO$/);
  });

  it('import says what is wrong when the folder holds no export', async () => {
    const imported = await cli(['import', `s3://${BUCKET}/nothing-here`, '--endpoint', target.endpoint, ...s3Flags(), '--table', 'x']);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(/^iot-query: cannot read s3:\/\/dr-exports\/nothing-here\/export\.json: NoSuchKey/);
    const usage = await cli(['export', 'not-a-uri', '--endpoint', source.endpoint]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('export needs an S3 location s3://bucket/folder, got "not-a-uri"');
  });
});
