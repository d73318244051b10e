import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { SNSClient } from '@aws-sdk/client-sns';
import { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import { createAugursEtsForecaster } from '@iot-timeseries/analytics';
import { analyticsSettings, IngestEnvironmentError, parseWindowEnvironment, type EnvironmentSource } from '@iot-timeseries/schema';
import { ConfigError } from '../errors';
import { createAlertPublisher } from './alert-publisher';
import { createWindowHandler, type WindowEvent, type WindowResult } from './create-window-handler';

/**
 * The window function's entry: its environment is read, and its clients, logger, metrics and
 * AutoETS forecaster (WebAssembly from `wasmPath`, beside the bundle) are made, once per execution
 * environment at the first invocation, so the ingest function sharing the bundle pays nothing.
 */
export function createLazyWindowHandler(env: EnvironmentSource, wasmPath: string): (event: WindowEvent) => Promise<WindowResult> {
  let handler: ((event: WindowEvent) => Promise<WindowResult>) | undefined;
  return (event) => {
    handler ??= build(env, wasmPath);
    return handler(event);
  };
}

function build(env: EnvironmentSource, wasmPath: string): (event: WindowEvent) => Promise<WindowResult> {
  let config;
  try {
    config = parseWindowEnvironment(env);
  } catch (error) {
    if (error instanceof IngestEnvironmentError) throw new ConfigError(error.variable, error.reason, { cause: error });
    throw error;
  }
  const clientConfig = { region: config.region, ...(config.timestreamEndpoint ? { endpoint: config.timestreamEndpoint } : {}) };
  const logger = new Logger({ serviceName: config.serviceName });
  const metrics = new Metrics({ namespace: config.metricsNamespace, serviceName: config.serviceName });
  return createWindowHandler({
    writeClient: new TimestreamWriteClient(clientConfig),
    queryClient: new TimestreamQueryClient(clientConfig),
    publish: createAlertPublisher(config.alerts, { sns: config.alerts.kind === 'sns' ? new SNSClient({ region: config.region }) : undefined, log: (m, f) => logger.warn(m, { ...f }) }),
    config,
    settings: analyticsSettings,
    forecaster: createAugursEtsForecaster(wasmPath),
    logger,
    metrics,
  });
}
