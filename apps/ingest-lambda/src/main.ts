import path from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { loadConfig } from './config';
import { createIngestHandler } from './create-ingest-handler';
import { createDeadLetterSink } from './dead-letter/create-dead-letter-sink';
import { createRollupSeedHandler } from './rollup-seed/create-rollup-seed-handler';
import { createStaleDevicesHandler } from './stale-devices/create-stale-devices-handler';
import { createTimestreamQueryClient, createTimestreamWriteClient } from './timestream-client';
import { createLazyWindowHandler } from './windows/window-entry';

// Lambda entry (bundled to dist/apps/ingest-lambda/index.js): handler `index.handler` ingests,
// `index.staleDevicesHandler` is the scheduled stale-device probe, `index.rollupSeedHandler` seeds the rollup
// tables at deployment, `index.windowHandler` the window
// function (tumbling windows on the same stream; its clients and forecaster are made at its first call).
// Cold start: configuration, clients, logger and metrics are created once per instance.
const config = loadConfig(process.env);
const logger = new Logger({ serviceName: config.serviceName });
const metrics = new Metrics({ namespace: config.metricsNamespace, serviceName: config.serviceName });

export const handler = createIngestHandler({
  writeClient: createTimestreamWriteClient(config),
  deadLetter: createDeadLetterSink(config, logger),
  config,
  logger,
  metrics,
  putAsideMarkers: true,
});

export const staleDevicesHandler = createStaleDevicesHandler({
  queryClient: createTimestreamQueryClient(config),
  config,
  logger,
  metrics,
});

export const rollupSeedHandler = createRollupSeedHandler({ writeClient: createTimestreamWriteClient(config), config, logger });

export const windowHandler = createLazyWindowHandler(process.env, path.join(__dirname, 'ets_bg.wasm'));
