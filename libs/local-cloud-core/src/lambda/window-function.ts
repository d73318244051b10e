import { analyticsTables, buildWindowEnvironment, METRICS_NAMESPACE, timestreamSettings } from '@iot-timeseries/schema';
import type { LocalCloudConfig, WindowFunctionConfig } from '../local-cloud-config';
import type { LambdaFunctionSettings } from './lambda-context';

/** The window function's environments' nice value (the ingest function's run at 0). */
export const WINDOW_FUNCTION_NICENESS = 10;

/** The window function as the local cloud runs it: the same bundle, handler `windowHandler`, its environment. */
export function windowFunctionSettings(config: LocalCloudConfig, windows: WindowFunctionConfig, resources: { timestreamEndpoint: string; alertDir: string }): LambdaFunctionSettings {
  return {
    functionName: windows.functionName,
    bundlePath: config.lambdaBundle,
    handlerName: 'windowHandler',
    timeoutMs: Math.max(config.lambdaTimeoutMs, 60_000),
    memorySizeMb: 512,
    region: config.region,
    accountId: config.accountId,
    concurrency: Math.max(1, config.shardCount),
    // Below the ingest function on the shared cores: the window mapping may lag (bounded, reported), the devices' PUBACKs may not.
    niceness: WINDOW_FUNCTION_NICENESS,
    environment: buildWindowEnvironment({
      databaseName: timestreamSettings.databaseName,
      tableName: timestreamSettings.tableName,
      windowsTableName: analyticsTables.windows.tableName,
      eventsTableName: analyticsTables.events.tableName,
      timestreamEndpoint: resources.timestreamEndpoint,
      alerts: { kind: 'directory', dir: resources.alertDir },
      forecastHorizonSeconds: windows.forecastHorizonSeconds,
      failureAlertWithinSeconds: windows.failureAlertWithinSeconds,
      serviceName: windows.functionName,
      metricsNamespace: METRICS_NAMESPACE,
    }),
  };
}
