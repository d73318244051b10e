import { toWriteRequests, type RecordMappingOptions, type SensorReading } from '@iot-timeseries/schema';
import { dedupeReadings } from './dedupe-readings';
import { WriterOptionsError } from './errors';
import { resendDelayMs, resendPolicy, type ResendPolicy } from './resend-policy';
import { sendWriteRequests, type WriteClient, type WriteFailure } from './send-write-requests';
import type { UnstoredReading, WriteReport } from './write-report';

/** WriteRecords calls in flight at once unless told otherwise. */
export const DEFAULT_WRITE_CONCURRENCY = 8;

/** Where and how to write: the table (and mapping options of libs/schema), the client and the writer's own tuning. */
export interface ReadingWriterOptions extends RecordMappingOptions {
  readonly client: WriteClient;
  /** WriteRecords calls in flight at once (default 8). */
  readonly concurrency?: number;
  /** The writer's re-sends of transient failures (default: none). */
  readonly resend?: Partial<ResendPolicy>;
  /** How the writer waits before a re-send (tests pass a recorder); default a timer. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Writes readings to Timestream: drops exact duplicates, packs the rest with `toWriteRequests`
 * (≤100 records a request, shared attributes in CommonAttributes), sends the requests
 * `concurrency` at a time, classifies every failure, re-sends the transient ones as `resend` says,
 * and reports the outcome of every input reading. Never throws for a failed write (only for bad
 * options): what was not stored is in the report.
 */
export async function writeReadings(readings: readonly SensorReading[], options: ReadingWriterOptions): Promise<WriteReport> {
  const concurrency = options.concurrency ?? DEFAULT_WRITE_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new WriterOptionsError(`concurrency must be a whole number ≥ 1, got ${concurrency}`);
  const policy = resendPolicy(options.resend);
  const sleep = options.sleep ?? wait;
  const mapping: RecordMappingOptions = { databaseName: options.databaseName, tableName: options.tableName, measureName: options.measureName, catalogue: options.catalogue };

  const { unique, uniqueOf } = dedupeReadings(readings);
  /** By index into `unique`; a reading without an entry was stored. */
  const failures = new Map<number, { failure: WriteFailure; permanent: boolean }>();
  let pending = unique.map((_, u) => u);
  let requests = 0;
  for (let pass = 0; pending.length > 0; pass++) {
    if (pass > 0) await sleep(resendDelayMs(policy, pass - 1));
    const batch = pending;
    const plans = toWriteRequests(batch.map((u) => unique[u]), mapping);
    requests += plans.length;
    const sent = await sendWriteRequests(options.client, plans, concurrency);
    for (const i of sent.written) failures.delete(batch[i]);
    for (const failure of sent.permanent) failures.set(batch[failure.reading], { failure, permanent: true });
    for (const failure of sent.transient) failures.set(batch[failure.reading], { failure, permanent: false });
    pending = pass < policy.attempts ? sent.transient.map((f) => batch[f.reading]).sort((a, b) => a - b) : [];
  }
  return reportByInput(readings, uniqueOf, failures, requests);
}

function reportByInput(
  readings: readonly SensorReading[],
  uniqueOf: readonly number[],
  failures: ReadonlyMap<number, { failure: WriteFailure; permanent: boolean }>,
  requests: number,
): WriteReport {
  const report: WriteReport = { stored: [], refused: [], toRetry: [], requests };
  const firstOf = new Map<number, number>();
  readings.forEach((reading, index) => {
    const u = uniqueOf[index];
    const twin = firstOf.get(u);
    if (twin === undefined) firstOf.set(u, index);
    const failed = failures.get(u);
    if (!failed) return void report.stored.push(index);
    const { reason, existingVersion, scope } = failed.failure;
    const entry: UnstoredReading = {
      index,
      reading,
      reason,
      scope,
      ...(existingVersion !== undefined ? { existingVersion } : {}),
      ...(twin !== undefined ? { duplicateOf: twin } : {}),
    };
    (failed.permanent ? report.refused : report.toRetry).push(entry);
  });
  return report;
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
