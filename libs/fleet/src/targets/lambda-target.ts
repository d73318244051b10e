import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { TargetError } from '../errors';
import type { DeviceSpec } from '../fleet/devices';
import type { SensorMessage } from '../fleet/sensor-message';
import type { Target } from './target';

/** Invokes the ingest function directly with each message, like the recipe's generate-iot-data.py. */
export class LambdaTarget implements Target {
  readonly description: string;

  constructor(
    private readonly client: LambdaClient,
    private readonly functionName: string,
  ) {
    this.description = `Lambda function ${functionName}`;
  }

  async open(): Promise<void> {
    // nothing to connect: each send is a request of its own
  }

  async send(device: DeviceSpec, message: SensorMessage): Promise<void> {
    let response;
    try {
      response = await this.client.send(new InvokeCommand({ FunctionName: this.functionName, Payload: new TextEncoder().encode(JSON.stringify(message)) }));
    } catch (cause) {
      throw new TargetError(`invoking ${this.functionName} for ${device.deviceId} failed: ${(cause as Error).message}`, { cause });
    }
    if (response.StatusCode !== 200 || response.FunctionError) {
      const body = response.Payload ? new TextDecoder().decode(response.Payload) : '';
      throw new TargetError(`${this.functionName} returned ${response.StatusCode}${response.FunctionError ? ` (${response.FunctionError})` : ''} for ${device.deviceId}: ${body.slice(0, 300)}`);
    }
  }

  async close(): Promise<void> {
    // nothing held open
  }
}
