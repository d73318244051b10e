import type { TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import { timestreamSettings } from '@iot-timeseries/schema';
import path from 'node:path';
import { createTimestreamAction } from '../actions/timestream-action';
import type { MetricStore } from '../alarms/metric-store';
import { storedPayload } from '../dead-letters/dead-letter-entry';
import type { PutAside } from '../dead-letters/put-aside';
import { ingestFunctionSettings } from '../lambda/ingest-function';
import { LambdaRunner } from '../lambda/lambda-runner';
import type { LocalCloudConfig } from '../local-cloud-config';
import type { KinesisBuffer } from '../stream/kinesis-buffer';
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
  close(): Promise<void>;
}

export interface RuleActionContext {
  config: LocalCloudConfig;
  timestreamEndpoint: string;
  writeClient: TimestreamWriteClient;
  deadLetterDir: string;
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
  try {
    await runner.warm();
    const stream = await openKinesisPipeline({
      dir: path.join(config.dataDir, 'stream', config.streamName),
      durability: config.durability,
      buffer: {
        shardCount: config.shardCount,
        batchSize: config.batchSize,
        batchingWindowMs: config.batchingWindowMs,
        maxRecordsPerShard: config.maxRecordsPerShard,
        maxRetryAttempts: config.maxRetryAttempts,
        retryDelayMs: 500,
        retentionMs: config.streamRetentionHours * 3_600_000,
      },
      runner,
      identity: { streamName: config.streamName, region: config.region, accountId: config.accountId, functionRoleName: `${config.functionName}-role` },
      metrics,
      stats,
      putAside,
    });
    stream.notes.forEach((note) => log(`stream: ${note}`));
    if (stream.buffer.stats.recordsRecovered > 0) log(`stream: ${stream.buffer.stats.recordsRecovered} record(s) found after the checkpoints are handed to the function again`);
    const delivery = createStreamDelivery(stream.buffer, stats, putAside);
    return {
      delivery,
      stream: stream.buffer,
      async close() {
        await delivery.close();
        await stream.close();
        await runner.close();
      },
    };
  } catch (error) {
    await runner.close();
    throw error;
  }
}
