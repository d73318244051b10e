import type { RejectedRecordInfo } from '../../errors';
import type { RecordToStore } from '../../storage/write-types';
import type { OperationContext } from '../shared/context';
import { requireTable } from '../shared/resources';
import { placeAndStore } from './write-records';

/** What an internal writer gets back: the records ingested and those refused (`RecordIndex` = index in the call). */
export interface NormalizedWriteOutcome {
  ingested: number;
  rejected: RejectedRecordInfo[];
}

/**
 * The write path for records an internal writer (batch load) built in their final normalized shape and validated
 * with the same rules normalizeRecord applies: they are not validated again; from memory/magnetic store placement on
 * (retention, versions, measure types, rejected-data reports) this is exactly WriteRecords' path. Records refused
 * are answered, not thrown; a missing table throws ResourceNotFoundException as WriteRecords does.
 */
export async function writeNormalizedRecords(ctx: OperationContext, database: string, table: string, records: RecordToStore[]): Promise<NormalizedWriteOutcome> {
  const target = requireTable(ctx, database, table);
  const rejected: RejectedRecordInfo[] = [];
  const ingested = await placeAndStore(ctx, target, records, rejected);
  return { ingested: ingested.Total, rejected };
}
