import { LocalCloudClient } from '@iot-timeseries/local-cloud-client';
import { runQuery } from '@iot-timeseries/queries';
import { ALARM_DEFINITIONS, MQTT_TOPIC, timestreamSettings } from '@iot-timeseries/schema';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { countStaleDevices, startLocalCloud, startLocalTimestream, type LocalCloud } from '../src';
import { directConfig } from './support/direct-config';
import { localQueryClient } from '../src/timestream/clients';

jest.setTimeout(60_000);

describe('startLocalCloud (the direct Timestream action, in this process)', () => {
  let dataDir: string;
  let cloud: LocalCloud;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'local-cloud-core-'));
    cloud = await startLocalCloud(directConfig(dataDir), { startTimestream: startLocalTimestream, countStaleDevices });
  });
  afterAll(async () => {
    await cloud?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores what devices publish, puts aside what the rule or the schema refuses, and reports it all on /pipeline', async () => {
    const now = Date.now();
    const device = await mqtt.connectAsync(cloud.endpoints.mqtt, { clientId: 'sensor-001' });
    await device.publishAsync(MQTT_TOPIC, JSON.stringify({ device_id: 'sensor-001', location: 'hall-1', timestamp: new Date(now - 1000).toISOString(), temperature: 21.5, humidity: 40 }), { qos: 1 });
    await device.publishAsync(MQTT_TOPIC, JSON.stringify({ device_id: 'sensor-001', location: 'hall-1', timestamp: new Date(now).toISOString(), temperature: 22, humidity: 140 }), { qos: 1 });
    await device.publishAsync(MQTT_TOPIC, 'not json', { qos: 1 });
    await device.endAsync();
    expect(await cloud.drain(10_000)).toBe(true);

    const client = new LocalCloudClient(cloud.endpoints.health);
    const report = await client.pipeline();
    expect(report).toMatchObject({ action: 'timestream', stream: null, directWritesInFlight: 0, messagesReceived: 3, ruleMatched: 2, ruleErrors: 1, readingsWritten: 2, messagesInvalid: 1 });
    expect(report.recentPutAside.map((p) => [p.source, p.deviceId]).sort()).toEqual([['rule', 'sensor-001'], ['timestream-action', 'sensor-001']]);
    expect(report.recentPutAside.find((p) => p.source === 'timestream-action')?.reason).toMatch(/humidity 140 is outside/);

    const query = localQueryClient(cloud.endpoints.timestream, 'us-east-1');
    const { rows } = await runQuery(query, `SELECT device_id, temperature, humidity FROM "${timestreamSettings.databaseName}"."${timestreamSettings.tableName}" WHERE measure_name = '${timestreamSettings.multiMeasureName}' ORDER BY time`);
    expect(rows).toEqual([{ device_id: 'sensor-001', temperature: 21.5, humidity: 40 }, { device_id: 'sensor-001', temperature: 22, humidity: null }]);
    query.destroy();
  });

  it('keeps what it put aside in the dead-letter directory, and counts it again after a restart', async () => {
    const before = await new LocalCloudClient(cloud.endpoints.health).pipeline();
    expect(before.deadLetters).toMatchObject({ total: 2, atStart: 0, byStage: { rule: 1, 'timestream-action': 1 } });
    await cloud.close();
    cloud = await startLocalCloud(directConfig(dataDir), { startTimestream: startLocalTimestream, countStaleDevices });
    const client = new LocalCloudClient(cloud.endpoints.health);
    const after = await client.pipeline();
    expect(after).toMatchObject({ putAsideTotal: 0, recentPutAside: [], deadLetters: { total: 2, atStart: 2, replayed: 0, byStage: { rule: 1, 'timestream-action': 1 } } });
    expect(Date.parse(after.startedAt)).toBeGreaterThan(Date.parse(before.startedAt));

    const dry = await client.replayDeadLetters({ dryRun: true });
    expect(dry.letters.map((l) => [l.stage, l.via, l.deviceId]).sort()).toEqual([['rule', 'rule', 'sensor-001'], ['timestream-action', 'action', 'sensor-001']]);
    // Replayed, both are put aside again (nothing was fixed), and marked so they are not replayed twice.
    expect(await client.replayDeadLetters({})).toMatchObject({ matched: 2, replayed: 2, failed: [] });
    expect(await client.replayDeadLetters({})).toMatchObject({ matched: 2, replayed: 2, alreadyReplayed: 2 });
    expect((await client.pipeline()).deadLetters).toMatchObject({ total: 6, replayed: 4 });
    await expect(client.replayDeadLetters({ since: 'never' })).rejects.toThrow(/answered 400: since must be an ISO 8601 time/);
  });

  it('answers health and every alarm of the settings', async () => {
    const client = new LocalCloudClient(cloud.endpoints.health);
    expect(await client.health()).toMatchObject({ status: 'ok', action: 'timestream', dataDir, database: timestreamSettings.databaseName, table: timestreamSettings.tableName });
    expect((await client.alarms()).map((a) => a.id)).toEqual(ALARM_DEFINITIONS.map((d) => d.id));
  });
});
