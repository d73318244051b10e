import { MQTT_TOPIC } from '@iot-timeseries/schema';
import mqtt from 'mqtt';

export interface AckedPublisherOptions {
  url: string;
  devices: number;
  /** Messages per second over all devices. */
  ratePerSecond: number;
  /** How many messages in all (bounded). */
  messages: number;
}

/**
 * Devices publishing valid readings at QoS 1 with automatic reconnection (as a device does), each
 * reading with its own timestamp; it records which messages the broker acknowledged (PUBACK). While
 * the local cloud is down the client queues, and resends what was not acknowledged once it is back.
 */
export class AckedPublisher {
  /** `device|epoch ms` of every message that got its PUBACK. */
  readonly acked = new Set<string>();
  sent = 0;
  private readonly clients: mqtt.MqttClient[];
  private readonly last = new Map<string, number>();

  constructor(private readonly options: AckedPublisherOptions) {
    this.clients = Array.from({ length: options.devices }, (_, i) =>
      mqtt.connect(options.url, { clientId: deviceId(i), reconnectPeriod: 200, connectTimeout: 2_000, keepalive: 5 }),
    );
  }

  /** Publishes every message, then waits (bounded) for the acknowledgements still out. */
  async run(settleMs: number): Promise<void> {
    const pending: Array<Promise<unknown>> = [];
    const started = Date.now();
    while (this.sent < this.options.messages) {
      const due = Math.min(this.options.messages, Math.floor(((Date.now() - started) / 1000) * this.options.ratePerSecond));
      while (this.sent < due) pending.push(this.publish(this.sent++));
      await new Promise((r) => setTimeout(r, 5));
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled(pending), new Promise((r) => (timer = setTimeout(r, settleMs)))]);
    clearTimeout(timer);
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.endAsync(true).catch(() => undefined)));
  }

  private publish(n: number): Promise<void> {
    const i = n % this.options.devices;
    const device = deviceId(i);
    // Strictly increasing per device, so each message is its own Timestream record.
    const time = Math.max(Date.now(), (this.last.get(device) ?? 0) + 1);
    this.last.set(device, time);
    const message = { device_id: device, location: 'fault-hall', timestamp: new Date(time).toISOString(), sensors: { temperature: 20 + (n % 50) / 10, humidity: 40 + (n % 30) } };
    return this.clients[i].publishAsync(MQTT_TOPIC, JSON.stringify(message), { qos: 1 }).then(
      () => void this.acked.add(`${device}|${time}`),
      () => undefined,
    );
  }
}

const deviceId = (i: number) => `fault-${String(i).padStart(3, '0')}`;
