import type { DeviceSpec } from '../fleet/devices';
import type { SensorMessage } from '../fleet/sensor-message';

/** Where the fleet's messages go: the local broker, IoT Core, a Lambda function or Timestream. */
export interface Target {
  readonly description: string;
  open(devices: readonly DeviceSpec[]): Promise<void>;
  /** Resolves when the target took the message (MQTT PUBACK, Lambda 200, Timestream write); throws TargetError otherwise. */
  send(device: DeviceSpec, message: SensorMessage): Promise<void>;
  close(): Promise<void>;
}
