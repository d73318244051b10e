import { LocalCloudClient, type SpawnedLocalCloud } from '@iot-timeseries/local-cloud-client';
import { MQTT_TOPIC } from '@iot-timeseries/schema';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { countStored, freePorts, sleep } from './support/fault-harness';
import { LOCAL_CLOUD_BIN, startLocalCloudCli } from './support/local-cloud-cli';

jest.setTimeout(120_000);

const LOCATION = 'dead-letter-hall';

/** Every dead-letter line in the directory, whoever wrote it. */
function deadLetters(dataDir: string): Array<Record<string, unknown>> {
  const dir = path.join(dataDir, 'dead-letters');
  return readdirSync(dir)
    .flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n'))
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

function replayCommand(httpPort: number, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [LOCAL_CLOUD_BIN, 'replay-dead-letters', '--http-port', String(httpPort), ...args], { timeout: 60_000 }, (_e, stdout, stderr) =>
      resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

describe('dead letters for everything, kept across restarts and replayed after a fix', () => {
  let dataDir: string;
  let cloud: SpawnedLocalCloud | undefined;
  let ports: number[];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'pipeline-dead-letters-'));
    ports = await freePorts(3);
  });
  afterAll(async () => {
    await cloud?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = (extra: string[]) =>
    startLocalCloudCli(['--data-dir', dataDir, '--mqtt-port', String(ports[0]), '--timestream-port', String(ports[1]), '--http-port', String(ports[2]), '--stale-check-ms', '600000', ...extra], 90_000);

  it('keeps malformed and binary messages with their bytes and origin, and a full stream\'s refusals, on disk; replays them once the stream has room', async () => {
    // A stream so small (and a batching window so long) that the second message of a device is refused.
    cloud = await start(['--shards', '1', '--shard-capacity', '1', '--batch-window-ms', '3000']);
    const device = await mqtt.connectAsync(cloud.ready.mqtt, { clientId: 'sensor-dl1', reconnectPeriod: 0 });
    for (let i = 0; i < 40; i++) await device.publishAsync(MQTT_TOPIC, `{"device_id":"sensor-dl1", broken ${i}`, { qos: 1 });
    for (let i = 0; i < 20; i++) await device.publishAsync(MQTT_TOPIC, Buffer.from([0xff, 0xfe, i]), { qos: 1 });
    const now = Date.now();
    const readings = [0, 1, 2].map((i) => ({ device_id: 'sensor-dl1', location: LOCATION, timestamp: new Date(now - 3000 + i).toISOString(), sensors: { temperature: 21 + i } }));
    // QoS 0: a refused message cannot be sent again by the device, so its dead letter is what is left of it.
    for (const r of readings) await device.publishAsync(MQTT_TOPIC, JSON.stringify(r), { qos: 0 });
    await device.endAsync();
    const client = new LocalCloudClient(cloud.ready.health);
    for (let i = 0; i < 50 && (await client.pipeline()).deadLetters.total < 62; i++) await sleep(100);
    await cloud.stop();

    const letters = deadLetters(dataDir);
    const rule = letters.filter((l) => l.stage === 'rule');
    expect(rule).toHaveLength(60);
    expect(rule.filter((l) => (l.payload as { encoding: string }).encoding === 'utf8')).toHaveLength(40);
    const binary = rule.filter((l) => (l.payload as { encoding: string }).encoding === 'base64');
    expect(binary).toHaveLength(20);
    expect(Buffer.from((binary[5].payload as { data: string }).data, 'base64')).toEqual(Buffer.from([0xff, 0xfe, 5]));
    expect(binary[5]).toMatchObject({ kind: 'rule-error', reason: expect.stringContaining('is binary'), origin: { topic: MQTT_TOPIC, clientId: 'sensor-dl1', qos: 1, acknowledged: true } });
    const refused = letters.filter((l) => l.stage === 'stream');
    expect(refused).toHaveLength(2);
    expect(refused[0]).toMatchObject({ kind: 'stream-full', origin: { qos: 0, acknowledged: true, partitionKey: 'sensor-dl1' }, reason: expect.stringContaining('its limit') });

    // After a restart with room in the stream (the fix), /pipeline counts the letters from disk, and the command replays them.
    cloud = await start(['--batch-window-ms', '100']);
    const after = await new LocalCloudClient(cloud.ready.health).pipeline();
    expect(after.putAsideTotal).toBe(0);
    expect(after.deadLetters).toMatchObject({ total: 62, atStart: 62, byStage: { rule: 60, stream: 2 } });
    const dry = await replayCommand(ports[2], ['--reason', 'PutRecord failed', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('would replay 2 dead letter(s) (dry run: nothing changed)');
    const replay = await replayCommand(ports[2], ['--reason', 'PutRecord failed', '--since', '1h']);
    expect(replay.stdout).toContain('replayed 2 of 2 matching dead letter(s)');
    const again = await replayCommand(ports[2], ['--reason', 'PutRecord failed']);
    expect(again.stdout).toContain('2 matching letter(s) were replayed before and were left alone');

    const acked = new Set(readings.map((r) => `${r.device_id}|${Date.parse(r.timestamp)}`));
    let count = await countStored(cloud.ready.timestream, acked, LOCATION);
    for (let i = 0; i < 40 && count.lost.length > 0; i++) {
      await sleep(250);
      count = await countStored(cloud.ready.timestream, acked, LOCATION);
    }
    expect(count).toMatchObject({ foundOnce: 3, lost: [], duplicated: 0 });
    expect((await new LocalCloudClient(cloud.ready.health).pipeline()).deadLetters.replayed).toBe(2);
  });
});
