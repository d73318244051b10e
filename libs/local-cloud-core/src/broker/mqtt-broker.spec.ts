import mqtt from 'mqtt';
import { startBroker } from './mqtt-broker';

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
});
