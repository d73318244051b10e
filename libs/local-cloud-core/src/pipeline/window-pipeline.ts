import { WINDOW_STATE_LIMIT_BYTES } from '@iot-timeseries/schema';
import type { MetricStore } from '../alarms/metric-store';
import type { StreamIdentity } from '../lambda/kinesis-event';
import type { LambdaRunner } from '../lambda/lambda-runner';
import { toWindowEvent } from '../lambda/window-event';
import type { StreamLog } from '../stream/stream-log';
import type { PutAsideRecord } from '../stream/stream-types';
import { TumblingWindowMapping } from '../stream/tumbling-window-mapping';

/**
 * The window function's event source mapping: a tumbling-window consumer of the same stream, with
 * its own checkpoints in the stream's log, invoking the function with tumbling-window events.
 * Lambda's metrics for it go to the metric store under its own FunctionName.
 */
export function windowMapping(options: {
  runner: LambdaRunner;
  identity: StreamIdentity;
  shardCount: number;
  windowSeconds: number;
  batchSize: number;
  batchingWindowMs: number;
  maxRetryAttempts: number;
  /** MaximumRecordAgeInSeconds, in ms (records older than this are skipped by this mapping). */
  maxRecordAgeMs?: number;
  /** Most bytes the mapping holds per shard for records not handed to the function yet; beyond it the oldest are skipped. */
  maxBacklogBytes?: number;
  metrics: MetricStore;
  onPutAside: (items: PutAsideRecord[]) => unknown;
}): (log: StreamLog) => TumblingWindowMapping {
  const { runner, identity, metrics } = options;
  const dims = { FunctionName: runner.settings.functionName };
  const put = (name: string, value: number) => metrics.put({ namespace: 'AWS/Lambda', name, dimensions: dims, value, timestamp: Date.now() });
  return (log) =>
    new TumblingWindowMapping({
      name: runner.settings.functionName,
      shardCount: options.shardCount,
      windowSeconds: options.windowSeconds,
      batchSize: options.batchSize,
      batchingWindowMs: options.batchingWindowMs,
      maxRetryAttempts: options.maxRetryAttempts,
      maxRecordAgeMs: options.maxRecordAgeMs,
      maxBacklogBytes: options.maxBacklogBytes,
      retryDelayMs: 500,
      stateLimitBytes: WINDOW_STATE_LIMIT_BYTES,
      log,
      onPutAside: options.onPutAside,
      invoke: async (shardId, invocation) => {
        const outcome = await runner.invoke(toWindowEvent(shardId, invocation, identity));
        put('Invocations', 1);
        put('Duration', outcome.durationMs);
        put('Errors', outcome.ok ? 0 : 1);
        return outcome.ok ? { ok: true, reply: outcome.result } : { ok: false, error: `${outcome.errorType}: ${outcome.errorMessage}` };
      },
    });
}
