import { buildIngestEnvironment, METRICS_NAMESPACE, timestreamSettings } from '@iot-timeseries/schema';
import type { LocalCloudConfig } from '../local-cloud-config';
import type { LambdaFunctionSettings } from './lambda-context';

/** The ingest function as the local cloud runs it: the built bundle, its handler and its environment. */
export function ingestFunctionSettings(config: LocalCloudConfig, resources: { timestreamEndpoint: string; deadLetterDir: string }): LambdaFunctionSettings {
  return {
    functionName: config.functionName,
    bundlePath: config.lambdaBundle,
    handlerName: 'handler',
    timeoutMs: config.lambdaTimeoutMs,
    memorySizeMb: 256,
    region: config.region,
    accountId: config.accountId,
    concurrency: config.lambdaConcurrency,
    environment: buildIngestEnvironment({
      databaseName: timestreamSettings.databaseName,
      tableName: timestreamSettings.tableName,
      timestreamEndpoint: resources.timestreamEndpoint,
      deadLetter: { kind: 'directory', dir: resources.deadLetterDir },
      serviceName: config.functionName,
      metricsNamespace: METRICS_NAMESPACE,
    }),
  };
}
