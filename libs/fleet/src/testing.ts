import type { DeviceSpec } from './fleet/devices';
import type { SensorMessage } from './fleet/sensor-message';
import type { Target } from './targets/target';

/** A target that keeps every message it is sent (a copy), for tests of a fleet. */
export class MemoryTarget implements Target {
  readonly description = 'memory';
  readonly received: SensorMessage[] = [];
  opened = 0;
  closed = 0;
  async open() {
    this.opened++;
  }
  async send(_device: DeviceSpec, message: SensorMessage) {
    this.received.push(JSON.parse(JSON.stringify(message)));
  }
  async close() {
    this.closed++;
  }
}
