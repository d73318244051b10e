import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { QueryCommand, ValidationException, type QueryCommandOutput, type TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { WriteRecordsCommand, type _Record } from '@aws-sdk/client-timestream-write';
import { DuckDBInstance } from '@duckdb/node-api';
import { LOCAL_EXPORTS_BUCKET, timestreamSettings } from '@iot-timeseries/schema';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { countStaleDevices, localS3Client, startChildTimestream, startLocalCloud, type LocalCloud } from '../src';
import { directConfig } from './support/direct-config';
import { localQueryClient, localWriteClient } from '../src/timestream/clients';

jest.setTimeout(120_000);
const TABLE = `"${timestreamSettings.databaseName}"."${timestreamSettings.tableName}"`;
const DEVICES = ['sensor-001', 'sensor-002', 'sensor-003'];
const PER_DEVICE = 40;
const T0 = Date.now() - 3_600_000;


/** The readings written, as `device|epoch ms|temperature` (temperatures with a comma-free, pipe-free text). */
const written: string[] = [];
function records(device: string, d: number): _Record[] {
  return Array.from({ length: PER_DEVICE }, (_, i) => {
    const time = T0 + i * 1000;
    const temperature = 20 + d + i / 8;
    written.push(`${device}|${time}|${temperature}`);
    return {
      Dimensions: [{ Name: 'device_id', Value: device }, { Name: 'location', Value: `hall "${d}", east` }],
      MeasureName: timestreamSettings.multiMeasureName,
      MeasureValueType: 'MULTI',
      MeasureValues: [{ Name: 'temperature', Value: String(temperature), Type: 'DOUBLE' }, { Name: 'humidity', Value: String(40 + i), Type: 'DOUBLE' }],
      Time: String(time),
    };
  });
}

const s3Uri = (uri: string) => {
  const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri) ?? [];
  return { Bucket: bucket, Key: key };
};

describe('UNLOAD through the SDK, results in the local S3 (the Timestream server in its own process)', () => {
  let dataDir: string;
  let cloud: LocalCloud;
  let query: TimestreamQueryClient;
  let s3: S3Client;

  const getBytes = async (uri: string) => Buffer.from((await (await s3.send(new GetObjectCommand(s3Uri(uri)))).Body?.transformToByteArray()) ?? []);
  const getJson = async (uri: string) => JSON.parse((await getBytes(uri)).toString('utf8'));
  const unload = async (sql: string) => {
    let out: QueryCommandOutput = await query.send(new QueryCommand({ QueryString: sql }));
    while (out.NextToken && (out.Rows ?? []).length === 0) out = await query.send(new QueryCommand({ QueryString: sql, NextToken: out.NextToken }));
    return out;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'local-cloud-unload-'));
    cloud = await startLocalCloud(directConfig(dataDir, { durability: 'write', alarmIntervalMs: 60_000, staleCheckMs: 60_000 }), { startTimestream: startChildTimestream, countStaleDevices });
    query = localQueryClient(cloud.endpoints.timestream, 'us-east-1');
    s3 = localS3Client(cloud.endpoints.s3, 'us-east-1');
    const write = localWriteClient(cloud.endpoints.timestream, 'us-east-1');
    for (const [d, device] of DEVICES.entries()) {
      await write.send(new WriteRecordsCommand({ DatabaseName: timestreamSettings.databaseName, TableName: timestreamSettings.tableName, Records: records(device, d) }));
    }
    write.destroy();
  });
  afterAll(async () => {
    query?.destroy();
    s3?.destroy();
    await cloud?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes gzipped CSV per partition, with the manifest and metadata, and answers rows, metadataFile, manifestFile', async () => {
    const out = await unload(
      `UNLOAD (SELECT location, time, temperature, device_id FROM ${TABLE} WHERE measure_name <> 'schema_seed' ORDER BY time) TO 's3://${LOCAL_EXPORTS_BUCKET}/csv-export/' ` +
        `WITH (format = 'CSV', compression = 'GZIP', partitioned_by = ARRAY['device_id'], field_delimiter = '|', include_header = 'true')`,
    );
    expect(out.ColumnInfo).toEqual([
      { Name: 'rows', Type: { ScalarType: 'BIGINT' } },
      { Name: 'metadataFile', Type: { ScalarType: 'VARCHAR' } },
      { Name: 'manifestFile', Type: { ScalarType: 'VARCHAR' } },
    ]);
    const [rows, metadataFile, manifestFile] = (out.Rows?.[0]?.Data ?? []).map((d) => d.ScalarValue ?? '');
    expect(Number(rows)).toBe(DEVICES.length * PER_DEVICE);
    expect(manifestFile).toBe(`s3://${LOCAL_EXPORTS_BUCKET}/csv-export/${out.QueryId}_manifest.json`);
    expect(metadataFile).toBe(`s3://${LOCAL_EXPORTS_BUCKET}/csv-export/${out.QueryId}_metadata.json`);

    const metadata = await getJson(metadataFile);
    expect(metadata).toEqual({
      ColumnInfo: [{ Name: 'location', Type: { ScalarType: 'VARCHAR' } }, { Name: 'time', Type: { ScalarType: 'TIMESTAMP' } }, { Name: 'temperature', Type: { ScalarType: 'DOUBLE' } }],
      Author: { Name: 'Amazon Timestream', MetadataFileVersion: '1.0' },
    });
    const manifest = await getJson(manifestFile);
    expect(manifest.author).toEqual({ name: 'Amazon Timestream', manifest_file_version: '1.0' });
    expect(manifest.query_metadata).toMatchObject({ total_row_count: DEVICES.length * PER_DEVICE, result_format: 'CSV', result_version: 'Amazon Timestream version 1.0.0' });
    expect(manifest.result_files).toHaveLength(DEVICES.length);

    const exported: string[] = [];
    let totalBytes = 0;
    for (const file of manifest.result_files as Array<{ url: string; file_metadata: { content_length_in_bytes: number; row_count: number } }>) {
      const device = /\/results\/device_id=([^/]+)\/[^/]+\.csv\.gz$/.exec(file.url)?.[1];
      expect(DEVICES).toContain(device);
      const head = await s3.send(new HeadObjectCommand(s3Uri(file.url)));
      expect(head.ContentLength).toBe(file.file_metadata.content_length_in_bytes);
      totalBytes += file.file_metadata.content_length_in_bytes;
      const lines = gunzipSync(await getBytes(file.url)).toString('utf8').trimEnd().split('\n');
      expect(lines[0]).toBe('location|time|temperature');
      expect(lines.length - 1).toBe(file.file_metadata.row_count);
      for (const line of lines.slice(1)) {
        const [location, time, temperature] = line.split('|');
        expect(location).toMatch(/^"hall \\"\d\\", east"$/); // quoted, inner quotes escaped with escaped_by (\)
        expect(time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9}$/);
        exported.push(`${device}|${Date.parse(`${time.slice(0, 23).replace(' ', 'T')}Z`)}|${Number(temperature)}`);
      }
    }
    expect(manifest.query_metadata.total_content_length_in_bytes).toBe(totalBytes);
    expect(exported.sort()).toEqual([...written].sort());
  });

  it('writes Parquet that reads back to the rows written', async () => {
    const out = await unload(`UNLOAD (SELECT device_id, time, temperature, humidity FROM ${TABLE} WHERE measure_name <> 'schema_seed') TO 's3://${LOCAL_EXPORTS_BUCKET}/parquet-export' WITH (format = 'PARQUET', compression = 'NONE')`);
    const manifest = await getJson(out.Rows?.[0]?.Data?.[2]?.ScalarValue ?? '');
    expect(manifest.query_metadata).toMatchObject({ total_row_count: DEVICES.length * PER_DEVICE, result_format: 'PARQUET' });
    const work = mkdtempSync(path.join(tmpdir(), 'unload-parquet-'));
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    try {
      const files = await Promise.all(
        (manifest.result_files as Array<{ url: string }>).map(async (f, i) => {
          expect(f.url).toMatch(new RegExp(`^s3://${LOCAL_EXPORTS_BUCKET}/parquet-export/results/[^/]+\\.parquet$`));
          const file = path.join(work, `${i}.parquet`);
          writeFileSync(file, await getBytes(f.url));
          return `'${file}'`;
        }),
      );
      const read = await duck.runAndReadAll(`SELECT device_id, epoch_ms(time) AS ms, temperature, humidity FROM read_parquet([${files.join(', ')}])`);
      const back = read.getRowObjectsJS().map((r) => `${r.device_id}|${r.ms}|${r.temperature}`);
      expect(back.sort()).toEqual([...written].sort());
    } finally {
      duck.closeSync();
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('refuses bad options and a missing bucket with a ValidationException naming the cause', async () => {
    const refusal = (sql: string) => unload(sql).then(() => undefined, (e: unknown) => e);
    const badFormat = await refusal(`UNLOAD (SELECT * FROM ${TABLE}) TO 's3://${LOCAL_EXPORTS_BUCKET}/x/' WITH (format = 'JSON')`);
    expect(badFormat).toBeInstanceOf(ValidationException);
    expect((badFormat as Error).message).toBe("UNLOAD: format must be one of CSV, PARQUET, got 'JSON'.");
    const badPartition = await refusal(`UNLOAD (SELECT time, temperature FROM ${TABLE}) TO 's3://${LOCAL_EXPORTS_BUCKET}/x/' WITH (partitioned_by = ARRAY['device_id'])`);
    expect((badPartition as Error).message).toMatch(/partitioned_by column device_id is not a column of the SELECT statement/);
    const noBucket = await refusal(`UNLOAD (SELECT device_id, temperature FROM ${TABLE}) TO 's3://no-such-bucket/x/' WITH (compression = 'NONE')`);
    expect(noBucket).toBeInstanceOf(ValidationException);
    expect((noBucket as Error).message).toMatch(/UNLOAD could not write its results: could not write s3:\/\/no-such-bucket\/x\/results\/.* NoSuchBucket/);
  });
});
