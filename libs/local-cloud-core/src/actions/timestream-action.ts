import { validateMessages, type TimestreamSettings } from '@iot-timeseries/schema';
import { writeReadings, type ResendPolicy, type UnstoredReading, type WriteClient } from '@iot-timeseries/timestream-writer';
import { storedPayload, type LocalDeadLetterKind } from '../dead-letters/dead-letter-entry';
import type { PutAside } from '../dead-letters/put-aside';
import type { MessageOrigin } from '../pipeline/delivery';
import type { PipelineStats } from '../pipeline/pipeline-stats';

/** The direct action's own re-sends of transient failures, on top of the client's SDK retries. */
export const DIRECT_ACTION_RESENDS: ResendPolicy = { attempts: 2, baseDelayMs: 200, maxDelayMs: 2_000 };

export interface TimestreamActionOptions {
  readonly client: WriteClient;
  readonly settings: TimestreamSettings;
  readonly stats: PipelineStats;
  /** Where invalid messages and readings Timestream did not store go, with their reasons. */
  readonly putAside: PutAside;
  /** Default DIRECT_ACTION_RESENDS. */
  readonly resend?: Partial<ResendPolicy>;
  /** How the writer waits before a re-send (tests); default a timer. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * The rule's alternative action: write the selected message straight to Timestream (IoT Core's
 * Timestream action). Locally it validates with libs/schema and writes through
 * libs/timestream-writer, the same multi-measure records the Lambda writes, so the analytics work
 * on either path. There is no event source to redeliver: what Timestream refused for good, and what
 * still failed for a transient reason after the writer's re-sends, is put aside with its reason.
 */
export function createTimestreamAction(options: TimestreamActionOptions) {
  const { client, settings, stats } = options;
  return async (message: Record<string, unknown>, receivedAt: number, origin: MessageOrigin = {}): Promise<void> => {
    const deviceId = typeof message.device_id === 'string' ? message.device_id : undefined;
    const putAside = (kind: LocalDeadLetterKind, reason: string, device = deviceId) =>
      options.putAside({ kind, stage: 'timestream-action', reason, deviceId: device, origin: { ...origin, acknowledged: true }, payload: storedPayload(Buffer.from(JSON.stringify(message))), message });
    const result = validateMessages(message, { receivedAt });
    for (const problem of result.problems) {
      stats.counters.messagesInvalid++;
      await putAside('invalid-message', problem.reason);
    }
    const readings = result.accepted.map((a) => a.reading);
    if (readings.length === 0) return;
    const report = await writeReadings(readings, {
      client,
      databaseName: settings.databaseName,
      tableName: settings.tableName,
      resend: options.resend ?? DIRECT_ACTION_RESENDS,
      sleep: options.sleep,
    });
    stats.counters.readingsWritten += report.stored.length;
    for (const unstored of [...report.refused, ...report.toRetry]) {
      stats.counters.recordsRejected++;
      await putAside(unstored.scope === 'record' ? 'rejected-record' : 'write-failed', putAsideReason(unstored), unstored.reading.deviceId);
    }
  };
}

/** A refused record keeps Timestream's reason behind a prefix; a failed call reads `WriteRecords failed: …`. */
function putAsideReason(unstored: UnstoredReading): string {
  return unstored.scope === 'record' ? `Timestream rejected the record: ${unstored.reason}` : unstored.reason;
}
