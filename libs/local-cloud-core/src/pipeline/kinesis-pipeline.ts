import { storedPayload } from '../dead-letters/dead-letter-entry';
import type { PutAside } from '../dead-letters/put-aside';
import type { MetricStore } from '../alarms/metric-store';
import { toBatchResult, toKinesisEvent, type StreamIdentity } from '../lambda/kinesis-event';
import type { LambdaRunner } from '../lambda/lambda-runner';
import type { Durability } from '../storage/durability';
import { openDurableStream, type DurableStream } from '../stream/durable-stream';
import type { KinesisBufferOptions } from '../stream/kinesis-buffer';
import type { PutAsideRecord } from '../stream/stream-types';
import type { PipelineStats } from './pipeline-stats';

/**
 * The stream half of the default rule action: the durable Kinesis-like stream whose batches invoke
 * the function with Kinesis events; Lambda's own metrics (Invocations, Errors, Duration,
 * IteratorAge) go to the metric store like the Lambda service would publish them. What the event
 * source mapping gives up on (retries exhausted, retention passed) is put aside with its bytes.
 */
export function openKinesisPipeline(options: {
  dir: string;
  durability: Durability;
  buffer: Omit<KinesisBufferOptions, 'consumer' | 'onBatch' | 'onPutAside' | 'log' | 'recovered'>;
  runner: LambdaRunner;
  identity: StreamIdentity;
  metrics: MetricStore;
  stats: PipelineStats;
  putAside: PutAside;
}): Promise<DurableStream> {
  const { runner, identity, metrics, stats, putAside } = options;
  const dims = { FunctionName: runner.settings.functionName };
  const put = (name: string, value: number) => metrics.put({ namespace: 'AWS/Lambda', name, dimensions: dims, value, timestamp: Date.now() });
  return openDurableStream(options.dir, options.durability, {
    ...options.buffer,
    consumer: async (_shardId, records) => {
      const outcome = await runner.invoke(toKinesisEvent(records, identity));
      stats.counters.lambdaInvocations++;
      put('Invocations', 1);
      put('Duration', outcome.durationMs);
      // IteratorAge: how old the last record of the batch was when the function got it.
      put('IteratorAge', Date.now() - records[records.length - 1].approximateArrivalTimestamp);
      if (!outcome.ok) {
        stats.counters.lambdaErrors++;
        put('Errors', 1);
        return { error: `${outcome.errorType}: ${outcome.errorMessage}` };
      }
      put('Errors', 0);
      return toBatchResult(outcome.result, records);
    },
    onPutAside: async (items) => {
      for (const item of items) await putAside(streamLetter(item));
    },
  });
}

function streamLetter({ record, reason }: PutAsideRecord): Parameters<PutAside>[0] {
  let message: unknown;
  try {
    message = JSON.parse(record.data.toString('utf8'));
  } catch {
    message = undefined;
  }
  const fields = message && typeof message === 'object' ? (message as Record<string, unknown>) : {};
  return {
    kind: reason.startsWith('the record expired') ? 'stream-expired' : 'retries-exhausted',
    stage: 'stream',
    reason,
    deviceId: typeof fields.device_id === 'string' ? fields.device_id : undefined,
    origin: {
      clientId: typeof fields.client_id === 'string' ? fields.client_id : undefined,
      receivedAt: new Date(typeof fields.received_at === 'number' ? fields.received_at : record.approximateArrivalTimestamp).toISOString(),
      acknowledged: true,
      shardId: record.shardId,
      sequenceNumber: record.sequenceNumber,
      partitionKey: record.partitionKey,
    },
    payload: storedPayload(record.data),
    ...(message !== undefined ? { message } : {}),
  };
}
