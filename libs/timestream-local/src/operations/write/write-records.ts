import type { WriteRecordsRequest, WriteRecordsResponse } from '@aws-sdk/client-timestream-write';
import { RejectedRecordsException, type RejectedRecordInfo } from '../../errors';
import type { NormalizedRecord, TableRecord } from '../../storage/resource-types';
import type { RejectedDataReport } from '../../storage/timestream-storage';
import type { RecordToStore } from '../../storage/write-types';
import type { OperationContext } from '../shared/context';
import { requireTable } from '../shared/resources';
import { normalizeRecord } from './record-normalizer';
import { problemReason, reasons } from './reasons';
import { checkCommonDimensions } from './common-attributes-check';
import { checkWriteRequest } from './write-request-check';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
export const FUTURE_LIMIT_MS = 15 * 60_000;

type Placement = { store: 'MEMORY' | 'MAGNETIC' } | { reason: string };
const IN_MEMORY_STORE: Placement = Object.freeze({ store: 'MEMORY' });
const IN_MAGNETIC_STORE: Placement = Object.freeze({ store: 'MAGNETIC' });

/** Memory store window [now - memory retention, now + 15 min); older records go to the magnetic store when enabled. */
export function placeRecord(timeMs: number, table: TableRecord, nowMs: number): Placement {
  const s = table.settings;
  const end = nowMs + FUTURE_LIMIT_MS;
  const memoryStart = nowMs - s.memoryStoreRetentionHours * HOUR_MS;
  if (timeMs >= memoryStart && timeMs < end) return IN_MEMORY_STORE;
  if (timeMs < memoryStart && s.enableMagneticStoreWrites) {
    const magneticStart = nowMs - s.magneticStoreRetentionDays * DAY_MS;
    if (timeMs >= magneticStart) return IN_MAGNETIC_STORE;
    return { reason: reasons.outsideMagneticStore(magneticStart, memoryStart) };
  }
  return { reason: reasons.outsideMemoryStore(memoryStart, end) };
}

export interface WriteRecordsLimits {
  /** records one call may hold: the API's 100 unless an internal writer (batch load) writes larger batches */
  maxRecords?: number;
}

/**
 * WriteRecords: validation, memory/magnetic store placement, versions and storage. The API operation calls it with the
 * API's limit; batch load calls it with larger batches and gets the same rules and the same rejected-record reporting.
 */
export async function writeRecords(input: WriteRecordsRequest, ctx: OperationContext, limits: WriteRecordsLimits = {}): Promise<WriteRecordsResponse> {
  const request = checkWriteRequest(input, limits.maxRecords);
  const table = requireTable(ctx, request.DatabaseName as string, request.TableName as string);
  const rejected: RejectedRecordInfo[] = [];
  const normalized: RecordToStore[] = [];
  const records = request.Records ?? [];
  checkCommonDimensions(request.CommonAttributes, records);
  for (let i = 0; i < records.length; i++) {
    const record = normalizeRecord(i, request.CommonAttributes, records[i]);
    if (typeof record === 'string') rejected.push({ RecordIndex: i, Reason: record });
    else normalized.push(record);
  }
  const ingested = await placeAndStore(ctx, table, normalized, rejected);
  if (rejected.length > 0) throw new RejectedRecordsException(rejected.sort((a, b) => a.RecordIndex - b.RecordIndex));
  return { RecordsIngested: ingested };
}

/**
 * What WriteRecords does with records it validated (each with its `index` in the call): memory/magnetic store
 * placement (retention), storage (versions, measure types), magnetic-store version conflicts to the table's
 * rejected-data location. Refused records are added to `rejected` (in no order); answers the counts ingested.
 */
export async function placeAndStore(ctx: OperationContext, table: TableRecord, records: RecordToStore[], rejected: RejectedRecordInfo[]): Promise<{ Total: number; MemoryStore: number; MagneticStore: number }> {
  const nowMs = ctx.now().getTime();
  const toStore: RecordToStore[] = [];
  for (const record of records) {
    const placement = placeRecord(record.timeMs, table, nowMs);
    if ('reason' in placement) rejected.push({ RecordIndex: record.index, Reason: placement.reason });
    else {
      record.store = placement.store;
      toStore.push(record);
    }
  }
  let memory = 0;
  let magnetic = 0;
  const reported: RejectedDataReport['rejectedRecords'] = [];
  if (toStore.length > 0) {
    const results = await ctx.storage.writeRecords(table.databaseName, table.name, toStore);
    results.forEach((result, k) => {
      const record = toStore[k];
      if (result.status !== 'REJECTED') {
        if (record.store === 'MEMORY') memory++;
        else magnetic++;
        return;
      }
      const { reason, existingVersion } = problemReason(result.problem);
      const versionConflict = result.problem.kind === 'VERSION_SAME' || result.problem.kind === 'VERSION_LOWER';
      if (record.store === 'MAGNETIC' && versionConflict) {
        magnetic++;
        reported.push({ recordIndex: record.index, reason, ...(existingVersion !== undefined ? { existingVersion } : {}), record: describeRecord(record) });
        return;
      }
      rejected.push({ RecordIndex: record.index, Reason: reason, ...(existingVersion !== undefined ? { ExistingVersion: existingVersion } : {}) });
    });
  }
  if (reported.length > 0) await reportMagneticRejections(ctx, table, reported);
  return { Total: memory + magnetic, MemoryStore: memory, MagneticStore: magnetic };
}

function describeRecord(record: NormalizedRecord): RejectedDataReport['rejectedRecords'][number]['record'] {
  return {
    dimensions: record.dimensions,
    measureName: record.measureName,
    measureValueType: record.kind,
    measureValues: record.values.map((v) => ({ name: v.name, type: v.type, value: String(v.value) })),
    timeNanoseconds: record.timeNs.toString(),
    version: record.version,
  };
}

/** Magnetic-store writes are asynchronous in the service: their version conflicts go to the table's S3 error location. */
async function reportMagneticRejections(ctx: OperationContext, table: TableRecord, rejectedRecords: RejectedDataReport['rejectedRecords']): Promise<void> {
  const location = table.settings.rejectedDataLocation;
  if (!location?.BucketName) return;
  await ctx.storage.saveRejectedDataReport({
    databaseName: table.databaseName,
    tableName: table.name,
    tableArn: table.arn,
    requestId: ctx.requestId,
    reportedAt: ctx.now().toISOString(),
    bucketName: location.BucketName,
    ...(location.ObjectKeyPrefix ? { objectKeyPrefix: location.ObjectKeyPrefix } : {}),
    rejectedRecords,
  });
}
