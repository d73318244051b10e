import { WriteRecordsCommand, type _Record } from '@aws-sdk/client-timestream-write';
import { MAX_RECORDS_PER_WRITE, putAsideRecord } from '@iot-timeseries/schema';
import { describeError, type WriteClient } from '@iot-timeseries/timestream-writer';
import type { DeadLetter } from '../dead-letter/dead-letter';

/** A letter that was put aside, with the receive time of the message it came from. */
export interface PutAsideEntry {
  readonly letter: DeadLetter;
  readonly receivedAt: number;
}

export interface MarkerOutcome {
  /** Marker records stored. */
  readonly written: number;
  /** Letters that got no marker: no usable device id (they are only dead letters). */
  readonly unattributed: number;
  /** Markers not stored, with the first reason (the letters themselves are stored). */
  readonly failed: number;
  readonly failure?: string;
}

/** The device's location as the letter knows it: the reading's, or the message's own field. */
function locationOf(letter: DeadLetter): string | undefined {
  if (letter.reading) return letter.reading.location;
  const location = (letter.message as { location?: unknown } | null | undefined)?.location;
  return typeof location === 'string' ? location : undefined;
}

/** One marker record per letter that names a usable device (libs/schema's `putAsideRecord`). */
export function markerRecords(entries: readonly PutAsideEntry[]): { records: _Record[]; unattributed: number } {
  const records: _Record[] = [];
  let unattributed = 0;
  for (const { letter, receivedAt } of entries) {
    const record =
      letter.deviceId === undefined
        ? undefined
        : putAsideRecord({
            deviceId: letter.deviceId,
            location: locationOf(letter),
            kind: letter.kind === 'invalid-message' ? 'invalid' : 'rejected',
            receivedAtMs: receivedAt,
            identity: `${letter.source}|${letter.item}|${letter.index}|${letter.kind}`,
          });
    if (record) records.push(record);
    else unattributed++;
  }
  return { records, unattributed };
}

/**
 * Writes the put-aside markers (≤100 per call; the client's retries apply). They only count what was put
 * aside for the data-quality rollup: a marker that cannot be written is reported, not retried through the
 * event source (that would put the letters aside twice); its letter is stored all the same.
 */
export async function writePutAsideMarkers(
  entries: readonly PutAsideEntry[],
  target: { client: WriteClient; databaseName: string; tableName: string },
): Promise<MarkerOutcome> {
  const { records, unattributed } = markerRecords(entries);
  let written = 0;
  let failed = 0;
  let failure: string | undefined;
  for (let i = 0; i < records.length; i += MAX_RECORDS_PER_WRITE) {
    const batch = records.slice(i, i + MAX_RECORDS_PER_WRITE);
    try {
      await target.client.send(new WriteRecordsCommand({ DatabaseName: target.databaseName, TableName: target.tableName, Records: batch }));
      written += batch.length;
    } catch (error) {
      const refused = (error as { RejectedRecords?: unknown[] }).RejectedRecords;
      const lost = Array.isArray(refused) ? refused.length : batch.length;
      written += batch.length - lost;
      failed += lost;
      failure ??= describeError(error);
    }
  }
  return { written, unattributed, failed, ...(failure ? { failure } : {}) };
}
