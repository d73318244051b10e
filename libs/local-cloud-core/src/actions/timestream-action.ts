import { RejectedRecordsException, WriteRecordsCommand, type TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import { toWriteRequests, validateMessages, type TimestreamSettings } from '@iot-timeseries/schema';
import type { PipelineStats } from '../pipeline/pipeline-stats';

/**
 * The rule's alternative action: write the selected message straight to Timestream (IoT Core's
 * Timestream action). Locally it validates with libs/schema and writes the same multi-measure
 * records the Lambda writes, so the analytics work on either path.
 */
export function createTimestreamAction(options: { client: TimestreamWriteClient; settings: TimestreamSettings; stats: PipelineStats }) {
  const { client, settings, stats } = options;
  return async (message: Record<string, unknown>, receivedAt: number): Promise<void> => {
    const deviceId = typeof message.device_id === 'string' ? message.device_id : undefined;
    const result = validateMessages(message, { receivedAt });
    for (const problem of result.problems) {
      stats.counters.messagesInvalid++;
      stats.putAside('timestream-action', problem.reason, deviceId);
    }
    const readings = result.accepted.map((a) => a.reading);
    if (readings.length === 0) return;
    for (const plan of toWriteRequests(readings, { databaseName: settings.databaseName, tableName: settings.tableName })) {
      try {
        await client.send(new WriteRecordsCommand(plan.input));
        stats.counters.readingsWritten += plan.readingIndexes.length;
      } catch (error) {
        if (error instanceof RejectedRecordsException) {
          const rejected = error.RejectedRecords ?? [];
          stats.counters.recordsRejected += rejected.length;
          stats.counters.readingsWritten += plan.readingIndexes.length - rejected.length;
          for (const r of rejected) stats.putAside('timestream-action', `Timestream rejected the record: ${r.Reason ?? 'no reason given'}`, readings[plan.readingIndexes[r.RecordIndex ?? 0]]?.deviceId);
        } else {
          stats.counters.recordsRejected += plan.readingIndexes.length;
          stats.putAside('timestream-action', `WriteRecords failed: ${(error as Error).name}: ${(error as Error).message}`, deviceId);
        }
      }
    }
  };
}
