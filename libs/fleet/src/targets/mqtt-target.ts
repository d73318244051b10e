import { MQTT_TOPIC } from '@iot-timeseries/schema';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { TargetError } from '../errors';
import type { DeviceSpec } from '../fleet/devices';
import type { SensorMessage } from '../fleet/sensor-message';
import type { Target } from './target';

export interface MqttTargetOptions {
  /** mqtt://127.0.0.1:1883 for the local broker; mqtts://<endpoint>:8883 for IoT Core. */
  url: string;
  /**
   * Brokers to fail over to, in order, when the one a device is connected to stops answering (for example the
   * disaster-recovery region's IoT endpoint). A device stays where it reconnected: failing back is a decision.
   */
  failover?: readonly string[];
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
  /** The broker first, then those to fail over to. */
  readonly brokerUrls: readonly string[];
  private readonly clients = new Map<string, MqttClient>();
  private readonly brokers: readonly BrokerAddress[];

  constructor(private readonly options: MqttTargetOptions) {
    const failover = options.failover ?? [];
    this.description = `MQTT ${options.url}${failover.length > 0 ? ` (failover ${failover.join(', ')})` : ''} topic ${options.topic ?? MQTT_TOPIC}`;
    this.brokerUrls = [options.url, ...failover];
    this.brokers = this.brokerUrls.map((url, i) => brokerAddress(url, i === 0 ? 'url' : `failover[${i - 1}]`));
  }

  /** How many devices are connected to each broker (host:port) now. */
  connections(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const client of this.clients.values()) {
      if (!client.connected) continue;
      const at = `${client.options.host}:${client.options.port}`;
      counts[at] = (counts[at] ?? 0) + 1;
    }
    return counts;
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

  /** The first broker in order that takes the device; later reconnects go on round the list from there. */
  private async connect(clientId: string): Promise<MqttClient> {
    const tls = this.options.tls;
    const base: IClientOptions = {
      clientId,
      clean: true,
      reconnectPeriod: 1000,
      connectTimeout: this.options.connectTimeoutMs ?? 10_000,
      ...(tls ? { cert: tls.cert, key: tls.key, ca: tls.ca, rejectUnauthorized: true, protocol: 'mqtts' as const } : {}),
    };
    const failures: string[] = [];
    for (let i = 0; i < this.brokers.length; i++) {
      const broker = this.brokers[i];
      // mqtt.js takes the next of `servers` on each reconnect: starting from this broker, a lost connection moves on.
      const servers = this.brokers.length > 1 ? [...this.brokers.slice(i), ...this.brokers.slice(0, i)].map((b) => ({ host: b.host, port: b.port, protocol: b.protocol })) : undefined;
      try {
        return await mqtt.connectAsync(broker.url, { ...base, ...(servers ? { servers } : {}) }, false);
      } catch (cause) {
        failures.push(`${broker.url}: ${(cause as Error).message}`);
        if (i === this.brokers.length - 1) throw new TargetError(`${clientId} could not connect to ${failures.join('; ')}`, { cause });
      }
    }
    throw new TargetError(`${clientId} has no broker to connect to`);
  }
}

interface BrokerAddress {
  url: string;
  host: string;
  port: number;
  protocol: 'mqtt' | 'mqtts';
}

function brokerAddress(url: string, field: string): BrokerAddress {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new TargetError(`${field} ${JSON.stringify(url)} is not a broker URL (mqtt://host:port or mqtts://host:port)`, { cause });
  }
  const protocol = parsed.protocol.slice(0, -1);
  if (protocol !== 'mqtt' && protocol !== 'mqtts') throw new TargetError(`${field} ${JSON.stringify(url)} must use mqtt:// or mqtts://, got ${parsed.protocol}`);
  return { url, host: parsed.hostname, protocol, port: parsed.port ? Number(parsed.port) : protocol === 'mqtts' ? 8883 : 1883 };
}
