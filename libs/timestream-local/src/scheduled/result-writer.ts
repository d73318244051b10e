import type { _Record, WriteRecordsRequest, WriteRecordsResponse } from '@aws-sdk/client-timestream-write';
import { RejectedRecordsException, ServiceError, ValidationException } from '../errors';
import type { MappedRecord } from './row-mapper';

/** WriteRecords as the write service runs it (validation, retention, versions, storage). */
export type WriteRecordsFn = (request: WriteRecordsRequest) => Promise<WriteRecordsResponse>;

export interface WriteOutcome {
  /** records stored (or already there, identical) */
  ingested: number;
  /** bytes of the stored records (names and values, 8 bytes of time) */
  bytes: number;
  rejected: Array<{ reason: string; record: _Record }>;
}

/** Records per call and calls in flight; the storage commits the calls that wait together (group commit). */
export interface WriteBatching {
  batch: number;
  concurrency: number;
}

/** The WriteRecords API's shape: 100 records per call, 8 calls in flight. */
export const API_BATCHING: WriteBatching = { batch: 100, concurrency: 8 };
const ATTEMPTS = 3;

const utf8 = (s: string | undefined): number => (s ? Buffer.byteLength(s) : 0);

/** A record's size as metered: dimension names and values, measure name, value names and values, and the time. */
export function recordBytes(r: _Record): number {
  let n = 8 + utf8(r.MeasureName) + utf8(r.MeasureValue);
  for (const d of r.Dimensions ?? []) n += utf8(d.Name) + utf8(d.Value);
  for (const v of r.MeasureValues ?? []) n += utf8(v.Name) + utf8(v.Value);
  return n;
}

/**
 * Writes the records through WriteRecords, `batching.batch` per call (100 by default), `batching.concurrency` calls at
 * a time (8). Rejected records are collected with their reasons; a call
 * the service refuses as a whole (ValidationException) is retried record by record so that only the bad ones are
 * set aside; failures that are not the request's fault are retried (3 attempts) and then thrown, as are 4xx errors
 * other than these (a target table that no longer exists).
 */
export async function writeMappedRecords(write: WriteRecordsFn, database: string, table: string, mapped: MappedRecord[], batching: WriteBatching = API_BATCHING): Promise<WriteOutcome> {
  const outcome: WriteOutcome = { ingested: 0, bytes: 0, rejected: [] };
  const send = async (records: _Record[]): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await write({ DatabaseName: database, TableName: table, Records: records });
        outcome.ingested += response.RecordsIngested?.Total ?? records.length;
        for (const r of records) outcome.bytes += recordBytes(r);
        return;
      } catch (error) {
        if (error instanceof RejectedRecordsException) {
          const refused = new Map(error.rejectedRecords.map((r) => [r.RecordIndex, r.Reason]));
          records.forEach((record, i) => {
            const reason = refused.get(i);
            if (reason !== undefined) outcome.rejected.push({ reason, record });
            else {
              outcome.ingested++;
              outcome.bytes += recordBytes(record);
            }
          });
          return;
        }
        if (error instanceof ValidationException) {
          if (records.length === 1) {
            outcome.rejected.push({ reason: error.message, record: records[0] });
            return;
          }
          for (const record of records) await send([record]);
          return;
        }
        const transient = !(error instanceof ServiceError) || error.httpStatus >= 500;
        if (!transient || attempt >= ATTEMPTS) throw error;
      }
    }
  };
  let next = 0;
  const worker = async () => {
    for (let i = next; i < mapped.length; i = next) {
      next += batching.batch;
      await send(mapped.slice(i, i + batching.batch).map((m) => m.record));
    }
  };
  await Promise.all(Array.from({ length: batching.concurrency }, worker));
  return outcome;
}
