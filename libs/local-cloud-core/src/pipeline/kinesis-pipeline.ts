import type { MetricStore } from '../alarms/metric-store';
import { toBatchResult, toKinesisEvent, type StreamIdentity } from '../lambda/kinesis-event';
import type { LambdaRunner } from '../lambda/lambda-runner';
import { KinesisBuffer, type KinesisBufferOptions } from '../stream/kinesis-buffer';
import type { PipelineStats } from './pipeline-stats';

/**
 * The stream half of the default rule action: the Kinesis-like buffer whose batches invoke the
 * function with Kinesis events; Lambda's own metrics (Invocations, Errors, Duration, IteratorAge)
 * go to the metric store like the Lambda service would publish them.
 */
export function createKinesisPipeline(options: {
  buffer: Omit<KinesisBufferOptions, 'consumer' | 'onBatch' | 'onPutAside'>;
  runner: LambdaRunner;
  identity: StreamIdentity;
  metrics: MetricStore;
  stats: PipelineStats;
}): KinesisBuffer {
  const { runner, identity, metrics, stats } = options;
  const dims = { FunctionName: runner.settings.functionName };
  const put = (name: string, value: number) => metrics.put({ namespace: 'AWS/Lambda', name, dimensions: dims, value, timestamp: Date.now() });
  return new KinesisBuffer({
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
    onPutAside: (items) => {
      for (const item of items) {
        let deviceId: string | undefined;
        try {
          deviceId = JSON.parse(item.record.data.toString('utf8')).device_id;
        } catch {
          deviceId = undefined;
        }
        stats.putAside('stream', item.reason, deviceId);
      }
    },
  });
}
