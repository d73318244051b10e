import type { SpawnedLocalCloud } from '@iot-timeseries/local-cloud-client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { freePorts, killHard, sleep } from './support/fault-harness';
import { startLocalCloudCli } from './support/local-cloud-cli';

jest.setTimeout(120_000);

describe('persistent MQTT sessions across a kill -9 of the local cloud', () => {
  let dataDir: string;
  let cloud: SpawnedLocalCloud | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'pipeline-sessions-'));
  });
  afterAll(async () => {
    await cloud?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives a device that reconnects with clean = false its subscription and the QoS 1 messages sent while it was away', async () => {
    const [mqttPort, timestreamPort, httpPort] = await freePorts(3);
    const start = () =>
      startLocalCloudCli(['--data-dir', dataDir, '--mqtt-port', String(mqttPort), '--timestream-port', String(timestreamPort), '--http-port', String(httpPort), '--stale-check-ms', '600000'], 90_000);
    cloud = await start();
    const device = await mqtt.connectAsync(cloud.ready.mqtt, { clientId: 'sensor-s01', clean: false, reconnectPeriod: 0 });
    await device.subscribeAsync('commands/sensor-s01', { qos: 1 });
    await device.endAsync();
    const operator = await mqtt.connectAsync(cloud.ready.mqtt, { clientId: 'operator', reconnectPeriod: 0 });
    for (const n of [1, 2, 3]) await operator.publishAsync('commands/sensor-s01', `set-point ${n}`, { qos: 1 });
    await operator.endAsync();
    await sleep(200);
    await killHard(cloud.child);

    cloud = await start();
    const back = mqtt.connect(cloud.ready.mqtt, { clientId: 'sensor-s01', clean: false, reconnectPeriod: 0 });
    const got: string[] = [];
    back.on('message', (_t, payload) => got.push(payload.toString()));
    const connack = await new Promise<mqtt.IConnackPacket>((resolve) => back.once('connect', resolve));
    for (let i = 0; i < 50 && got.length < 3; i++) await sleep(100);
    expect(connack.sessionPresent).toBe(true);
    expect(got).toEqual(['set-point 1', 'set-point 2', 'set-point 3']);
    await back.endAsync();
  });
});
