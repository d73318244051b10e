import mqtt from 'mqtt';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBroker, type BrokerMessage } from './mqtt-broker';
import { SessionPersistence } from './session-persistence';

describe('startBroker', () => {
  it('accepts MQTT publishes on 127.0.0.1 and reports topic, payload and client id', async () => {
    const seen: Array<{ topic: string; payload: string; clientId: string }> = [];
    const broker = await startBroker({
      host: '127.0.0.1',
      port: 0,
      onMessage: (m) => seen.push({ topic: m.topic, payload: m.payload.toString(), clientId: m.clientId }),
    });
    expect(broker.port).toBeGreaterThan(0);
    const client = await mqtt.connectAsync(broker.url, { clientId: 'sensor-001', reconnectPeriod: 0 });
    await client.publishAsync('topic/sensors', '{"a":1}', { qos: 1 });
    await client.publishAsync('other/topic', 'x', { qos: 1 });
    expect(broker.connectedClients()).toBe(1);
    await client.endAsync();
    await broker.close();
    expect(seen).toEqual([
      { topic: 'topic/sensors', payload: '{"a":1}', clientId: 'sensor-001' },
      { topic: 'other/topic', payload: 'x', clientId: 'sensor-001' },
    ]);
  });

  it('sends the PUBACK only once the message is kept, and none for a refused message', async () => {
    const held: Array<{ message: BrokerMessage; keep: () => void; refuse: (e: Error) => void }> = [];
    const broker = await startBroker({
      host: '127.0.0.1',
      port: 0,
      onMessage: (message) => new Promise<void>((keep, refuse) => held.push({ message, keep, refuse })),
    });
    const client = await mqtt.connectAsync(broker.url, { clientId: 'sensor-002', reconnectPeriod: 0 });
    let acked = false;
    const first = client.publishAsync('topic/sensors', 'one', { qos: 1 }).then(() => (acked = true));
    while (held.length === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 100));
    expect(acked).toBe(false);
    held[0].keep();
    await first;
    expect(acked).toBe(true);

    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    let secondAcked = false;
    void client.publishAsync('topic/sensors', 'two', { qos: 1 }).then(
      () => (secondAcked = true),
      () => undefined,
    );
    while (held.length === 1) await new Promise((r) => setTimeout(r, 5));
    held[1].refuse(new Error('the stream is full'));
    await closed;
    expect(secondAcked).toBe(false);
    expect(held[1].message).toMatchObject({ topic: 'topic/sensors', clientId: 'sensor-002', qos: 1 });
    client.end(true);
    await broker.close();
  });
});

describe('the broker with SessionPersistence', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mqtt-sessions-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const start = () => startBroker({ host: '127.0.0.1', port: 0, onMessage: () => undefined, persistence: new SessionPersistence(path.join(dir, 'sessions.jsonl'), 'fsync') });
  const received = (client: mqtt.MqttClient) => {
    const got: string[] = [];
    client.on('message', (_topic, payload) => got.push(payload.toString()));
    return got;
  };
  const until = async (check: () => boolean, ms = 5000) => {
    const deadline = Date.now() + ms;
    while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  };

  it('keeps persistent sessions across a restart: subscriptions and the QoS 1 messages queued for offline devices', async () => {
    let broker = await start();
    const device = await mqtt.connectAsync(broker.url, { clientId: 'sensor-007', clean: false, reconnectPeriod: 0 });
    await device.subscribeAsync('commands/sensor-007', { qos: 1 });
    await device.endAsync();
    const operator = await mqtt.connectAsync(broker.url, { clientId: 'operator', reconnectPeriod: 0 });
    for (const n of [1, 2, 3]) await operator.publishAsync('commands/sensor-007', `calibrate-${n}`, { qos: 1 });
    await operator.endAsync();
    await broker.close();

    broker = await start();
    const back = mqtt.connect(broker.url, { clientId: 'sensor-007', clean: false, reconnectPeriod: 0 });
    const got = received(back);
    const connack = await new Promise<mqtt.IConnackPacket>((resolve) => back.once('connect', resolve));
    expect(connack.sessionPresent).toBe(true);
    await until(() => got.length >= 3);
    expect(got).toEqual(['calibrate-1', 'calibrate-2', 'calibrate-3']);
    // The subscription itself survived: a message published after the restart arrives without a new SUBSCRIBE.
    const operator2 = await mqtt.connectAsync(broker.url, { clientId: 'operator', reconnectPeriod: 0 });
    await operator2.publishAsync('commands/sensor-007', 'calibrate-4', { qos: 1 });
    await until(() => got.length >= 4);
    expect(got).toEqual(['calibrate-1', 'calibrate-2', 'calibrate-3', 'calibrate-4']);
    await operator2.endAsync();
    await back.endAsync();
    await broker.close();

    // Delivered and acknowledged messages are not delivered again after another restart.
    broker = await start();
    const third = mqtt.connect(broker.url, { clientId: 'sensor-007', clean: false, reconnectPeriod: 0 });
    const later = received(third);
    await new Promise((resolve) => third.once('connect', resolve));
    await new Promise((r) => setTimeout(r, 300));
    expect(later).toEqual([]);
    await third.endAsync();
    await broker.close();
  });

  it('forgets a session when the device connects with a clean session', async () => {
    let broker = await start();
    const device = await mqtt.connectAsync(broker.url, { clientId: 'sensor-008', clean: false, reconnectPeriod: 0 });
    await device.subscribeAsync('commands/sensor-008', { qos: 1 });
    await device.endAsync();
    const clean = await mqtt.connectAsync(broker.url, { clientId: 'sensor-008', clean: true, reconnectPeriod: 0 });
    await clean.endAsync();
    await broker.close();
    broker = await start();
    const back = mqtt.connect(broker.url, { clientId: 'sensor-008', clean: false, reconnectPeriod: 0 });
    const connack = await new Promise<mqtt.IConnackPacket>((resolve) => back.once('connect', resolve));
    expect(connack.sessionPresent).toBe(false);
    await back.endAsync();
    await broker.close();
  });
});
