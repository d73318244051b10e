import { ValidationException } from '../errors';
import { normalizeRecord } from '../operations/write/record-normalizer';
import { checkWriteRequest } from '../operations/write/write-request-check';
import { recordBytes } from '../scheduled/result-writer';
import type { RecordToStore } from '../storage/write-types';
import { mapRow, type RowPlan } from './row-mapper';

/** The table a task writes to (the names a WriteRecords call of the records would carry). */
export interface RecordTarget {
  database: string;
  table: string;
}

/**
 * The reference path of a data row: mapped to WriteRecords records (mapRow), each checked as a WriteRecords call of
 * that one record is (the request's model constraints, then normalizeRecord), so it is kept or refused for the reason
 * that call would give. Answers the row's own reason (no time, no measure value...), or its normalized records with
 * their metered bytes and the reasons of those refused.
 */
export function referenceRecords(
  plan: RowPlan,
  fields: Array<string | null>,
  target: RecordTarget,
): { rowReason: string } | { records: Array<{ record: RecordToStore; bytes: number }>; refused: string[] } {
  const mapped = mapRow(plan, fields);
  if ('reason' in mapped) return { rowReason: mapped.reason };
  const records: Array<{ record: RecordToStore; bytes: number }> = [];
  const refused: string[] = [];
  for (const record of mapped.records) {
    try {
      checkWriteRequest({ DatabaseName: target.database, TableName: target.table, Records: [record] });
    } catch (error) {
      if (!(error instanceof ValidationException)) throw error;
      refused.push(error.message);
      continue;
    }
    const normalized = normalizeRecord(0, undefined, record);
    if (typeof normalized === 'string') refused.push(normalized);
    else records.push({ record: normalized, bytes: recordBytes(record) });
  }
  return { records, refused };
}
