import { Aedes, type AedesPublishPacket, type Client } from 'aedes';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
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

  describe('with brokers to fail over to', () => {
    interface TestBroker {
      url: string;
      seen: Array<{ clientId: string; body: unknown }>;
      stop(): Promise<void>;
    }
    /** `hold`: the broker takes publishes but never acknowledges them (a broker dying with messages in flight). */
    async function startBroker(options: { hold?: boolean } = {}): Promise<TestBroker> {
      const broker = await Aedes.createBroker(options.hold ? { authorizePublish: () => undefined } : {});
      const seen: TestBroker['seen'] = [];
      broker.on('publish', (packet: AedesPublishPacket, client: Client | null) => {
        if (client) seen.push({ clientId: client.id, body: JSON.parse(packet.payload.toString()) });
      });
      const sockets = new Set<Socket>();
      const server: Server = createServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        broker.handle(socket);
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      let stopped = false;
      return {
        url: `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`,
        seen,
        // as a killed broker: its connections drop and its port refuses
        async stop() {
          if (stopped) return;
          stopped = true;
          for (const socket of sockets) socket.destroy();
          await new Promise<void>((r) => server.close(() => r()));
          await new Promise<void>((r) => broker.close(() => r()));
        },
      };
    }
    const message = (deviceId: string, n: number) => ({ device_id: deviceId, location: 'hall', timestamp: new Date(n).toISOString(), sensors: { temperature: 20 + n } });

    it('moves every device to the next broker when the one it uses stops, and delivers what it sends there', async () => {
      const [primary, secondary] = [await startBroker(), await startBroker()];
      const target = new MqttTarget({ url: primary.url, failover: [secondary.url] });
      const devices = RECIPE_DEVICES.slice(0, 3);
      try {
        expect(target.description).toBe(`MQTT ${primary.url} (failover ${secondary.url}) topic ${MQTT_TOPIC}`);
        await target.open(devices);
        expect(target.connections()).toEqual({ [primary.url.slice('mqtt://'.length)]: 3 });
        await Promise.all(devices.map((d) => target.send(d, message(d.deviceId, 1))));
        await primary.stop();
        await Promise.all(devices.map((d) => target.send(d, message(d.deviceId, 2))));
        expect(primary.seen.map((s) => s.clientId).sort()).toEqual(devices.map((d) => d.deviceId));
        expect(secondary.seen.map((s) => [s.clientId, s.body])).toEqual(expect.arrayContaining(devices.map((d) => [d.deviceId, message(d.deviceId, 2)])));
        expect(secondary.seen).toHaveLength(3);
        expect(target.connections()).toEqual({ [secondary.url.slice('mqtt://'.length)]: 3 });
      } finally {
        await target.close();
        await primary.stop();
        await secondary.stop();
      }
    }, 30_000);

    it('sends a message the broker never acknowledged again to the next broker', async () => {
      const [primary, secondary] = [await startBroker({ hold: true }), await startBroker()];
      const target = new MqttTarget({ url: primary.url, failover: [secondary.url] });
      try {
        await target.open(RECIPE_DEVICES.slice(0, 1));
        const sent = target.send(RECIPE_DEVICES[0], message('sensor-001', 7));
        await new Promise((r) => setTimeout(r, 300));
        expect(secondary.seen).toEqual([]);
        await primary.stop();
        await sent;
        expect(secondary.seen).toEqual([{ clientId: 'sensor-001', body: message('sensor-001', 7) }]);
      } finally {
        await target.close();
        await primary.stop();
        await secondary.stop();
      }
    }, 30_000);

    it('connects to the next broker when the first is down at the start', async () => {
      const secondary = await startBroker();
      const target = new MqttTarget({ url: 'mqtt://127.0.0.1:1', failover: [secondary.url], connectTimeoutMs: 2000 });
      try {
        await target.open(RECIPE_DEVICES.slice(0, 1));
        await target.send(RECIPE_DEVICES[0], message('sensor-001', 3));
        expect(secondary.seen).toEqual([{ clientId: 'sensor-001', body: message('sensor-001', 3) }]);
      } finally {
        await target.close();
        await secondary.stop();
      }
    });

    it('names every broker it tried when none takes the device, and refuses a URL that is not a broker', async () => {
      const target = new MqttTarget({ url: 'mqtt://127.0.0.1:1', failover: ['mqtt://127.0.0.1:2'], connectTimeoutMs: 500 });
      await expect(target.open(RECIPE_DEVICES.slice(0, 1))).rejects.toThrow(/sensor-001 could not connect to mqtt:\/\/127.0.0.1:1: .*; mqtt:\/\/127.0.0.1:2: /);
      await target.close();
      expect(() => new MqttTarget({ url: 'mqtt://127.0.0.1:1883', failover: ['http://127.0.0.1:8000'] })).toThrow('failover[0] "http://127.0.0.1:8000" must use mqtt:// or mqtts://, got http:');
      expect(() => new MqttTarget({ url: 'not a url' })).toThrow('url "not a url" is not a broker URL (mqtt://host:port or mqtts://host:port)');
    });
  });
});
