import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { MqttTarget, type DeviceSpec } from '@iot-timeseries/fleet';
import type { SpawnedLocalCloud } from '@iot-timeseries/local-cloud-client';
import { localS3Client } from '@iot-timeseries/local-cloud-core';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { countStored, killHard, type StoredCount } from './support/fault-harness';
import { startLocalCloudCli } from './support/local-cloud-cli';
import { until } from './support/until';

jest.setTimeout(300_000);

const IOT_QUERY = path.join(__dirname, '../../query-cli/bin/iot-query.js');
const LOCATION = 'dr-drill';
const EXPORT = 's3://local-exports/drill-1';
const DEVICES: DeviceSpec[] = ['sensor-001', 'sensor-002', 'sensor-003'].map((deviceId) => ({ deviceId, location: LOCATION }));

function iotQuery(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [IOT_QUERY, ...args, '--format', 'json'], { timeout: 180_000 }, (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

/** What S3 replication does on AWS: every object of the export, copied to the second region's bucket. */
async function replicate(from: string, to: string, bucket: string, prefix: string): Promise<number> {
  const [source, target] = [localS3Client(from, 'us-east-1'), localS3Client(to, 'us-east-1')];
  let copied = 0;
  let token: string | undefined;
  do {
    const page = await source.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const { Key } of page.Contents ?? []) {
      const body = await (await source.send(new GetObjectCommand({ Bucket: bucket, Key }))).Body?.transformToByteArray();
      await target.send(new PutObjectCommand({ Bucket: bucket, Key, Body: body }));
      copied += 1;
    }
    token = page.NextContinuationToken;
  } while (token);
  source.destroy();
  target.destroy();
  return copied;
}

/**
 * The recovery drill with two local clouds standing for two regions: devices write to the primary, its table
 * is exported (UNLOAD) and the export replicated; the primary is killed (kill -9) while the devices go on; they
 * fail over to the secondary, the export is imported there (batch load), and every exported reading is in the
 * secondary exactly once beside what the devices sent since. What the primary stored after the export is the
 * recovery point's loss.
 */
describe('disaster-recovery drill: export, kill -9 the primary, restore into the secondary, fail the devices over', () => {
  const dirs: string[] = [];
  let primary: SpawnedLocalCloud;
  let secondary: SpawnedLocalCloud;
  let target: MqttTarget;
  let nextTime = Date.now() - 30 * 60_000;

  const start = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dr-drill-'));
    dirs.push(dir);
    return startLocalCloudCli(['--data-dir', dir, '--mqtt-port', '0', '--timestream-port', '0', '--http-port', '0', '--s3-port', '0', '--batch-window-ms', '200'], 120_000);
  };
  /** Rounds of one reading per device, each acknowledged (PUBACK) before the next round; the keys sent. */
  const send = async (rounds: number): Promise<Set<string>> => {
    const sent = new Set<string>();
    for (let round = 0; round < rounds; round++) {
      const time = (nextTime += 1000);
      await Promise.all(
        DEVICES.map(async (d, i) => {
          await target.send(d, { device_id: d.deviceId, location: LOCATION, timestamp: new Date(time).toISOString(), sensors: { temperature: 20 + i, humidity: 40 + round % 10, pressure: 1000 + i, vibration: 0.02 } });
          sent.add(`${d.deviceId}|${time}`);
        }),
      );
    }
    return sent;
  };
  const stored = (cloud: SpawnedLocalCloud, keys: ReadonlySet<string>): Promise<StoredCount> => countStored(cloud.ready.timestream, keys, LOCATION);

  beforeAll(async () => {
    [primary, secondary] = await Promise.all([start(), start()]);
    target = new MqttTarget({ url: primary.ready.mqtt, failover: [secondary.ready.mqtt] });
    await target.open(DEVICES);
  }, 180_000);
  afterAll(async () => {
    await target?.close();
    await Promise.all([primary?.stop(), secondary?.stop()]);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('restores every exported reading exactly once, and the devices go on writing to the secondary', async () => {
    const exportedReadings = await send(20);
    await until('the primary to store the first readings', async () => ((await stored(primary, exportedReadings)).foundOnce === exportedReadings.size) || undefined, 90_000);

    const exported = await iotQuery(['export', EXPORT, '--endpoint', primary.ready.timestream, '--s3-endpoint', primary.ready.s3]);
    expect(exported.code).toBe(0);
    const [exportSummary] = JSON.parse(exported.stdout) as Array<{ rows: number }>;
    expect(exportSummary.rows).toBeGreaterThanOrEqual(exportedReadings.size);
    expect(await replicate(primary.ready.s3, secondary.ready.s3, 'local-exports', 'drill-1/')).toBeGreaterThanOrEqual(2);

    // written after the export: lost with the primary (the recovery point)
    const afterExport = await send(5);
    await until('the primary to store the readings after the export', async () => ((await stored(primary, afterExport)).foundOnce === afterExport.size) || undefined, 90_000);
    await killHard(primary.child);

    const afterFailover = await send(10);
    expect(target.connections()).toEqual({ [new URL(secondary.ready.mqtt).host]: DEVICES.length });

    const imported = await iotQuery(['import', EXPORT, '--endpoint', secondary.ready.timestream, '--s3-endpoint', secondary.ready.s3]);
    expect(imported.stderr).toContain('SUCCEEDED');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual([expect.objectContaining({ status: 'SUCCEEDED', exported: exportSummary.rows, ingested: exportSummary.rows, failures: 0 })]);

    await until('the secondary to store what the devices sent after the fail-over', async () => ((await stored(secondary, afterFailover)).foundOnce === afterFailover.size) || undefined, 90_000);
    const restored = await stored(secondary, exportedReadings);
    expect(restored.lost).toEqual([]);
    expect(restored.duplicated).toBe(0);
    const since = await stored(secondary, afterFailover);
    expect(since).toMatchObject({ lost: [], duplicated: 0 });
    // the recovery point: nothing written after the last export reached the secondary
    expect((await stored(secondary, afterExport)).foundOnce).toBe(0);
    expect(restored.rows).toBe(exportedReadings.size + afterFailover.size);
  });
});
