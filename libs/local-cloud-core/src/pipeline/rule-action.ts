import type { TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import { timestreamSettings, windowConsumerSettings } from '@iot-timeseries/schema';
import path from 'node:path';
import { createTimestreamAction } from '../actions/timestream-action';
import type { MetricStore } from '../alarms/metric-store';
import { storedPayload } from '../dead-letters/dead-letter-entry';
import type { PutAside } from '../dead-letters/put-aside';
import { ingestFunctionSettings } from '../lambda/ingest-function';
import { LambdaRunner } from '../lambda/lambda-runner';
import { DEFAULT_WINDOW_BACKLOG_BYTES, type LocalCloudConfig } from '../local-cloud-config';
import type { KinesisBuffer } from '../stream/kinesis-buffer';
import type { StreamLog } from '../stream/stream-log';
import type { TumblingWindowMapping } from '../stream/tumbling-window-mapping';
import { windowFunctionSettings } from '../lambda/window-function';
import { windowMapping } from './window-pipeline';
import { deviceIdOf, type Delivery } from './delivery';
import { createDirectDelivery } from './direct-delivery';
import { openKinesisPipeline } from './kinesis-pipeline';
import { recordEmf } from './lambda-metrics';
import type { PipelineStats } from './pipeline-stats';
import { createStreamDelivery } from './stream-delivery';

export interface RuleAction {
  delivery: Delivery;
  /** The stream, on the Kinesis path. */
  stream?: KinesisBuffer;
  /** The window function's tumbling-window mapping, when it runs. */
  windows?: TumblingWindowMapping;
  close(): Promise<void>;
}

export interface RuleActionContext {
  config: LocalCloudConfig;
  timestreamEndpoint: string;
  writeClient: TimestreamWriteClient;
  deadLetterDir: string;
  /** Where the window function appends its alerts (the local SNS topic). */
  alertDir: string;
  stats: PipelineStats;
  metrics: MetricStore;
  putAside: PutAside;
  log: (line: string) => void;
}

/** The topic rule's action as configured: the durable stream feeding the Lambda runner, or the direct Timestream action. */
export async function openRuleAction(ctx: RuleActionContext): Promise<RuleAction> {
  const { config, stats, metrics, putAside, log } = ctx;
  if (config.action === 'timestream') {
    const action = createTimestreamAction({ client: ctx.writeClient, settings: timestreamSettings, stats, putAside });
    const delivery = createDirectDelivery(action, (error, message, _receivedAt, origin = {}) =>
      putAside({
        kind: 'write-failed',
        stage: 'timestream-action',
        reason: `the Timestream action failed: ${(error as Error).message}`,
        deviceId: deviceIdOf(message),
        origin: { ...origin, acknowledged: true },
        payload: storedPayload(Buffer.from(JSON.stringify(message))),
        message,
      }),
    );
    return { delivery, close: () => delivery.close() };
  }
  const runner = new LambdaRunner(ingestFunctionSettings(config, { timestreamEndpoint: ctx.timestreamEndpoint, deadLetterDir: ctx.deadLetterDir }), {
    onLog: config.echoLambdaLogs ? (line) => log(`[lambda] ${line}`) : undefined,
    onMetrics: (data) => recordEmf(data, metrics, stats),
  });
  const windowRunner = config.windows
    ? new LambdaRunner(windowFunctionSettings(config, config.windows, { timestreamEndpoint: ctx.timestreamEndpoint, alertDir: ctx.alertDir }), {
        onLog: config.echoLambdaLogs ? (line) => log(`[windows] ${line}`) : undefined,
        onMetrics: (data) => recordEmf(data, metrics, stats),
      })
    : undefined;
  const identity = { streamName: config.streamName, region: config.region, accountId: config.accountId, functionRoleName: `${config.functionName}-role` };
  let windows: TumblingWindowMapping | undefined;
  try {
    await runner.warm();
    await windowRunner?.warm();
    const consumers =
      windowRunner && config.windows
        ? [
            (streamLog: StreamLog) =>
              (windows = windowMapping({
                runner: windowRunner,
                identity: { ...identity, functionRoleName: `${windowRunner.settings.functionName}-role` },
                shardCount: config.shardCount,
                windowSeconds: config.windows?.windowSeconds ?? 60,
                // The mapping as infra deploys it (libs/schema): batches of up to 1,000 records, at most 5 s to fill one.
                batchSize: windowConsumerSettings.batchSize,
                batchingWindowMs: windowConsumerSettings.maximumBatchingWindowSeconds * 1000,
                maxRetryAttempts: windowConsumerSettings.maximumRetryAttempts,
                // Its own retention: MaximumRecordAge (within the stream's), and a bound on what it holds in memory.
                maxRecordAgeMs: Math.min(windowConsumerSettings.maximumRecordAgeSeconds, config.streamRetentionHours * 3600) * 1000,
                maxBacklogBytes: config.windows?.maxBacklogBytes ?? DEFAULT_WINDOW_BACKLOG_BYTES,
                metrics,
                onPutAside: (items) => log(`windows: ${items.length} record(s) given up by the window function: ${items[0]?.reason ?? ''}`),
              })(streamLog)),
          ]
        : [];
    const stream = await openKinesisPipeline({
      dir: path.join(config.dataDir, 'stream', config.streamName),
      durability: config.durability,
      buffer: {
        shardCount: config.shardCount,
        parallelizationFactor: config.parallelizationFactor,
        batchSize: config.batchSize,
        batchingWindowMs: config.batchingWindowMs,
        maxRecordsPerShard: config.maxRecordsPerShard,
        maxRetryAttempts: config.maxRetryAttempts,
        retryDelayMs: 500,
        retentionMs: config.streamRetentionHours * 3_600_000,
        name: config.functionName,
      },
      runner,
      identity,
      metrics,
      consumers,
      stats,
      putAside,
    });
    stream.notes.forEach((note) => log(`stream: ${note}`));
    if (stream.buffer.stats.recordsRecovered > 0) log(`stream: ${stream.buffer.stats.recordsRecovered} record(s) found after the checkpoints are handed to the function again`);
    const delivery = createStreamDelivery(stream.buffer, stats, putAside);
    return {
      delivery,
      stream: stream.buffer,
      windows,
      async close() {
        await delivery.close();
        await stream.close();
        await runner.close();
        await windowRunner?.close();
      },
    };
  } catch (error) {
    await runner.close();
    await windowRunner?.close();
    throw error;
  }
}
