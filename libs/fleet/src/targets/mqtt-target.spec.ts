import { Aedes, type AedesPublishPacket, type Client } from 'aedes';
import { createServer, type AddressInfo } from 'node:net';
import { MQTT_TOPIC } from '@iot-timeseries/schema';
import { RECIPE_DEVICES } from '../fleet/devices';
import { MqttTarget } from './mqtt-target';

describe('MqttTarget', () => {
  it('connects each device with its own client id and publishes JSON to the settings topic', async () => {
    const broker = await Aedes.createBroker();
    const seen: Array<{ topic: string; clientId: string; body: unknown; qos: number }> = [];
    broker.on('publish', (packet: AedesPublishPacket, client: Client | null) => {
      if (client) seen.push({ topic: packet.topic, clientId: client.id, body: JSON.parse(packet.payload.toString()), qos: packet.qos });
    });
    const server = createServer(broker.handle);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const target = new MqttTarget({ url: `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}` });
    try {
      await target.open(RECIPE_DEVICES.slice(0, 2));
      const message = { device_id: 'sensor-002', location: 'factory-floor-1', timestamp: new Date(0).toISOString(), sensors: { temperature: 20 } };
      await target.send(RECIPE_DEVICES[1], message);
      await expect(target.send(RECIPE_DEVICES[4], message)).rejects.toThrow(/sensor-005 is not connected/);
      expect(seen).toEqual([{ topic: MQTT_TOPIC, clientId: 'sensor-002', body: message, qos: 1 }]);
    } finally {
      await target.close();
      await new Promise<void>((r) => broker.close(() => r()));
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('fails clearly when the broker is not there', async () => {
    const target = new MqttTarget({ url: 'mqtt://127.0.0.1:1', connectTimeoutMs: 500 });
    await expect(target.open(RECIPE_DEVICES.slice(0, 1))).rejects.toThrow(/sensor-001 could not connect to mqtt:\/\/127.0.0.1:1/);
    await target.close();
  });
});
