import { MQTT_TOPIC } from '@iot-timeseries/schema';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { TargetError } from '../errors';
import type { DeviceSpec } from '../fleet/devices';
import type { SensorMessage } from '../fleet/sensor-message';
import type { Target } from './target';

export interface MqttTargetOptions {
  /** mqtt://127.0.0.1:1883 for the local broker; mqtts://<endpoint>:8883 for IoT Core. */
  url: string;
  topic?: string;
  /** TLS material for IoT Core (device certificate, private key, Amazon root CA). */
  tls?: { cert: Buffer; key: Buffer; ca?: Buffer };
  /** Devices connecting at once while opening. */
  connectConcurrency?: number;
  connectTimeoutMs?: number;
}

/** One MQTT connection per device, client id = device id (what the topic rule's clientid() sees). */
export class MqttTarget implements Target {
  readonly description: string;
  private readonly clients = new Map<string, MqttClient>();

  constructor(private readonly options: MqttTargetOptions) {
    this.description = `MQTT ${options.url} topic ${options.topic ?? MQTT_TOPIC}`;
  }

  async open(devices: readonly DeviceSpec[]): Promise<void> {
    const queue = [...devices];
    const worker = async () => {
      for (let device = queue.shift(); device; device = queue.shift()) {
        this.clients.set(device.deviceId, await this.connect(device.deviceId));
      }
    };
    await Promise.all(Array.from({ length: Math.min(queue.length, this.options.connectConcurrency ?? 50) }, worker));
  }

  async send(device: DeviceSpec, message: SensorMessage): Promise<void> {
    const client = this.clients.get(device.deviceId);
    if (!client) throw new TargetError(`${device.deviceId} is not connected`);
    try {
      await client.publishAsync(this.options.topic ?? MQTT_TOPIC, JSON.stringify(message), { qos: 1 });
    } catch (cause) {
      throw new TargetError(`publishing for ${device.deviceId} failed: ${(cause as Error).message}`, { cause });
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.endAsync().catch(() => undefined)));
    this.clients.clear();
  }

  private async connect(clientId: string): Promise<MqttClient> {
    const tls = this.options.tls;
    const options: IClientOptions = {
      clientId,
      clean: true,
      reconnectPeriod: 1000,
      connectTimeout: this.options.connectTimeoutMs ?? 10_000,
      ...(tls ? { cert: tls.cert, key: tls.key, ca: tls.ca, rejectUnauthorized: true, protocol: 'mqtts' as const } : {}),
    };
    try {
      return await mqtt.connectAsync(this.options.url, options, false);
    } catch (cause) {
      throw new TargetError(`${clientId} could not connect to ${this.options.url}: ${(cause as Error).message}`, { cause });
    }
  }
}
