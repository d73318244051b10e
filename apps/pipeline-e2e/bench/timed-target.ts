import type { DeviceSpec, SensorMessage, Target } from '@iot-timeseries/fleet';

/** The key of a reading in Timestream and in the bench: device id and reading time (ms). */
export function readingKey(deviceId: string, timeMs: number): string {
  return `${deviceId}|${timeMs}`;
}

/**
 * Wraps a target and notes when each reading was published (just before the send) and whether the
 * target took it (MQTT PUBACK), so that arrival in Timestream can be timed from the publish.
 */
export class TimedTarget implements Target {
  readonly description: string;
  /** Reading key -> publish time (ms), for readings the target acknowledged. */
  readonly published = new Map<string, number>();
  /** The acknowledged readings in the order of their acknowledgements. */
  readonly order: Array<{ key: string; timeMs: number }> = [];
  acknowledged = 0;
  /** When each acknowledgement came (ms), in order. */
  readonly acknowledgedAt: number[] = [];
  /** When the devices started to connect (ms). */
  openStartedAt?: number;
  /** When every device was connected (ms): the fleet's first publish. */
  openedAt?: number;
  /** Called when every device is connected. */
  onOpen?: () => void;
  failed = 0;

  constructor(private readonly inner: Target) {
    this.description = inner.description;
  }

  async open(devices: readonly DeviceSpec[]): Promise<void> {
    this.openStartedAt = Date.now();
    await this.inner.open(devices);
    this.openedAt = Date.now();
    this.onOpen?.();
  }

  async send(device: DeviceSpec, message: SensorMessage): Promise<void> {
    const publishedAt = Date.now();
    try {
      await this.inner.send(device, message);
    } catch (error) {
      this.failed++;
      throw error;
    }
    this.acknowledged++;
    this.acknowledgedAt.push(Date.now());
    const timeMs = Date.parse(message.timestamp);
    const key = readingKey(message.device_id, timeMs);
    this.published.set(key, publishedAt);
    this.order.push({ key, timeMs });
  }

  /** "1000 devices connected in 1.2 s" once they are. */
  describeOpen(devices: number): string {
    return this.openStartedAt !== undefined && this.openedAt !== undefined ? `${devices} devices connected in ${((this.openedAt - this.openStartedAt) / 1000).toFixed(2)} s` : 'the devices did not connect';
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
