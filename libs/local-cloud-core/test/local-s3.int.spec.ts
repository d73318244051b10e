import { GetObjectCommand, ListBucketsCommand, ListObjectsV2Command, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { LOCAL_BUCKETS, LOCAL_PLACEHOLDER_CREDENTIALS, LOCAL_REJECTED_DATA_BUCKET, MQTT_TOPIC, timestreamSettings } from '@iot-timeseries/schema';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import { countStaleDevices, localS3Client, startLocalCloud, startLocalTimestream, type LocalCloud } from '../src';
import { directConfig } from './support/direct-config';

jest.setTimeout(90_000);
const run = promisify(execFile);
const DAY_MS = 86_400_000;


/** The AWS CLI (botocore) against the local S3, with the placeholder credentials. */
async function awsS3(endpoint: string, args: string[]): Promise<string> {
  const env = { ...process.env, AWS_ACCESS_KEY_ID: LOCAL_PLACEHOLDER_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: LOCAL_PLACEHOLDER_CREDENTIALS.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1' };
  const { stdout } = await run('aws', ['s3', ...args, '--endpoint-url', endpoint], { env, timeout: 60_000 });
  return stdout;
}

async function rejectedReportKeys(s3: S3Client): Promise<string[]> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: LOCAL_REJECTED_DATA_BUCKET, Prefix: timestreamSettings.magneticStoreWrites.rejectedDataKeyPrefix }));
  return (listed.Contents ?? []).map((o) => o.Key ?? '');
}

describe('the local S3 of the local cloud', () => {
  let dataDir: string;
  let cloud: LocalCloud;
  let s3: S3Client;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'local-cloud-s3-'));
    cloud = await startLocalCloud(directConfig(dataDir, { alarmIntervalMs: 60_000, staleCheckMs: 60_000 }), { startTimestream: startLocalTimestream, countStaleDevices });
    s3 = localS3Client(cloud.endpoints.s3, 'us-east-1');
  });
  afterAll(async () => {
    s3?.destroy();
    await cloud?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and has the buckets of the settings from the start', async () => {
    expect(cloud.endpoints.s3).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const { Buckets } = await s3.send(new ListBucketsCommand({}));
    expect((Buckets ?? []).map((b) => b.Name).sort()).toEqual([...LOCAL_BUCKETS].sort());
    expect((await awsS3(cloud.endpoints.s3, ['ls'])).split('\n').filter(Boolean).map((l) => l.split(/\s+/)[2]).sort()).toEqual([...LOCAL_BUCKETS].sort());
  });

  it('holds the rejected-data report of a reading the magnetic store refused, readable with the SDK and the AWS CLI', async () => {
    const at = new Date(Date.now() - 2 * DAY_MS).toISOString(); // beyond the memory store: a magnetic-store write
    const device = await mqtt.connectAsync(cloud.endpoints.mqtt, { clientId: 'sensor-042' });
    await device.publishAsync(MQTT_TOPIC, JSON.stringify({ device_id: 'sensor-042', location: 'hall-2', timestamp: at, temperature: 20, humidity: 40 }), { qos: 1 });
    await device.publishAsync(MQTT_TOPIC, JSON.stringify({ device_id: 'sensor-042', location: 'hall-2', timestamp: at, temperature: 25, humidity: 40 }), { qos: 1 });
    await device.endAsync();
    expect(await cloud.drain(10_000)).toBe(true);

    const keys = await rejectedReportKeys(s3);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(new RegExp(`^${timestreamSettings.magneticStoreWrites.rejectedDataKeyPrefix}${timestreamSettings.databaseName}/${timestreamSettings.tableName}/\\d+-[0-9A-Z]+\\.json$`));
    const object = await s3.send(new GetObjectCommand({ Bucket: LOCAL_REJECTED_DATA_BUCKET, Key: keys[0] }));
    expect(object.ContentType).toBe('application/json');
    const report = JSON.parse(await (object.Body?.transformToString() ?? Promise.resolve('')));
    expect(report).toMatchObject({ databaseName: timestreamSettings.databaseName, tableName: timestreamSettings.tableName, bucketName: LOCAL_REJECTED_DATA_BUCKET });
    expect(report.rejectedRecords).toHaveLength(1);
    expect(report.rejectedRecords[0].reason).toMatch(/same time, dimensions, measure name, and record version/);
    expect(report.rejectedRecords[0].record.dimensions).toEqual(expect.arrayContaining([{ name: 'device_id', value: 'sensor-042' }]));

    const listed = await awsS3(cloud.endpoints.s3, ['ls', '--recursive', `s3://${LOCAL_REJECTED_DATA_BUCKET}/`]);
    expect(listed).toContain(keys[0]);
    expect(JSON.parse(await awsS3(cloud.endpoints.s3, ['cp', '--only-show-errors', `s3://${LOCAL_REJECTED_DATA_BUCKET}/${keys[0]}`, '-']))).toEqual(report);
  });

  it('refuses requests signed with a key it does not know', async () => {
    const stranger = new S3Client({ endpoint: cloud.endpoints.s3, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'stranger', secretAccessKey: 'nope' } });
    const refused = await stranger.send(new ListBucketsCommand({})).catch((e: unknown) => e);
    stranger.destroy();
    expect(refused).toBeInstanceOf(S3ServiceException);
    expect((refused as S3ServiceException).name).toBe('InvalidAccessKeyId');
  });

  it('keeps buckets and objects under the data directory across a restart', async () => {
    const before = await rejectedReportKeys(s3);
    await cloud.close();
    s3.destroy();
    cloud = await startLocalCloud(directConfig(dataDir, { alarmIntervalMs: 60_000, staleCheckMs: 60_000 }), { startTimestream: startLocalTimestream, countStaleDevices });
    s3 = localS3Client(cloud.endpoints.s3, 'us-east-1');
    expect(await rejectedReportKeys(s3)).toEqual(before);
  });
});
