import { LambdaClient } from '@aws-sdk/client-lambda';
import { TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import { LambdaTarget, MqttTarget, TimestreamTarget, type Target } from '@iot-timeseries/fleet';
import { LOCAL_PLACEHOLDER_CREDENTIALS } from '@iot-timeseries/schema';
import { readFileSync } from 'node:fs';
import type { SimulatorConfig } from '../config';
import { ConfigError } from '../errors';

export function createTarget(config: SimulatorConfig): Target {
  switch (config.target) {
    case 'local':
      return new MqttTarget({ url: config.mqttUrl, failover: config.mqttFailover });
    case 'iot-core': {
      const iot = config.iotCore;
      if (!iot) throw new ConfigError('--target iot-core needs the IoT Core endpoint, certificate and key');
      return new MqttTarget({
        url: `mqtts://${iot.endpoint}:8883`,
        failover: iot.failoverEndpoints.map((e) => `mqtts://${e}:8883`),
        tls: { cert: readFileSync(iot.certFile), key: readFileSync(iot.keyFile), ca: iot.caFile ? readFileSync(iot.caFile) : undefined },
      });
    }
    case 'lambda':
      if (!config.functionName) throw new ConfigError('--target lambda needs --function-name (or LAMBDA_FUNCTION_NAME)');
      return new LambdaTarget(new LambdaClient({ region: config.region }), config.functionName);
    case 'timestream': {
      const local = config.timestreamEndpoint !== undefined;
      const client = new TimestreamWriteClient({ region: config.region, ...(local ? { endpoint: config.timestreamEndpoint, credentials: LOCAL_PLACEHOLDER_CREDENTIALS } : {}) });
      return new TimestreamTarget(client);
    }
  }
}

/** The target as the dashboard shows it; with brokers to fail over to, how many devices are on each now. */
export function describeTarget(target: Target): string {
  if (!(target instanceof MqttTarget) || target.brokerUrls.length < 2) return target.description;
  const on = Object.entries(target.connections()).map(([broker, n]) => `${broker} ×${n}`);
  return `${target.description} · connected: ${on.join(', ') || 'none'}`;
}
