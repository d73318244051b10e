import { describeError, writeReadings, type UnstoredReading, type WriteClient } from '@iot-timeseries/timestream-writer';
import type { IngestConfig } from '../config';
import type { DeadLetter, DeadLetterKind, DeadLetterSink } from '../dead-letter/dead-letter';
import type { IncomingMessage } from '../events/incoming-message';
import type { IngestLogger } from '../observability/ingest-logger';
import { writePutAsideMarkers, type MarkerOutcome, type PutAsideEntry } from './put-aside-markers';
import { validateIncoming } from './validate-incoming';

export interface IngestDependencies {
  readonly writeClient: WriteClient;
  readonly deadLetter: DeadLetterSink;
  readonly config: Pick<IngestConfig, 'databaseName' | 'tableName' | 'writeConcurrency'>;
  readonly logger: IngestLogger;
  /** Write a put-aside marker per letter (libs/schema's PUT_ASIDE_RECORDS) for the data-quality rollup. */
  readonly putAsideMarkers?: boolean;
}

/** Something put aside, for the direct-invocation response. */
export interface PutAside {
  readonly itemId: string;
  readonly index: number;
  readonly kind: DeadLetterKind;
  readonly reason: string;
}

export interface IngestReport {
  /** Validated readings now stored (a duplicate within the batch counts as stored with its twin). */
  readonly readingsWritten: number;
  readonly readingsWithoutTimestamp: number;
  readonly messagesInvalid: number;
  /** Readings Timestream refused for good (put aside). */
  readonly recordsRejected: number;
  readonly writeRequests: number;
  readonly putAside: PutAside[];
  /** Items to deliver again (transient write failure, or the dead-letter sink failed), with reasons. */
  readonly retryItems: Map<string, string[]>;
  /** The put-aside markers, when they are on. */
  readonly markers?: MarkerOutcome;
}

/**
 * The bulk path shared by every event source: validate all messages, write all valid readings
 * together (≤100 records per request, bounded concurrency), put aside what is invalid or refused
 * for good, and name the items that must be retried.
 */
export async function ingestMessages(messages: readonly IncomingMessage[], deps: IngestDependencies, now: Date): Promise<IngestReport> {
  const { config, logger } = deps;
  const at = now.toISOString();
  const input = validateIncoming(messages, at);
  const retryItems = new Map<string, string[]>();
  const retry = (message: number, reason: string) => {
    const id = messages[message].itemId;
    const reasons = retryItems.get(id);
    if (!reasons) retryItems.set(id, [reason]);
    else if (!reasons.includes(reason)) reasons.push(reason);
  };
  for (const { letter } of input.invalid) {
    logger.warn('invalid message put aside', { item: letter.item, index: letter.index, deviceId: letter.deviceId, reason: letter.reason });
  }

  // The writer drops exact duplicates, packs, sends and sorts every failure; no re-sends of its own:
  // the event source delivers the items to retry again.
  const [outcome, invalidPutAside] = await Promise.all([
    writeReadings(input.readings, { client: deps.writeClient, databaseName: config.databaseName, tableName: config.tableName, concurrency: config.writeConcurrency }),
    putAside(deps, input.invalid, retry),
  ]);

  const unstored = new Map<number, { entry: UnstoredReading; permanent: boolean }>();
  for (const entry of outcome.refused) unstored.set(entry.index, { entry, permanent: true });
  for (const entry of outcome.toRetry) unstored.set(entry.index, { entry, permanent: false });

  let readingsWritten = 0;
  let readingsWithoutTimestamp = 0;
  const rejectedLetters: Array<{ message: number; letter: DeadLetter }> = [];
  input.readings.forEach((reading, i) => {
    const origin = input.origins[i];
    const failure = unstored.get(i);
    if (!failure) {
      readingsWritten++;
      if (reading.timeFromReceipt) readingsWithoutTimestamp++;
    } else if (!failure.permanent) {
      retry(origin.message, failure.entry.reason);
    } else if (failure.entry.duplicateOf === undefined) {
      // one letter per reading refused for good; its exact duplicates share it
      const message = messages[origin.message];
      logger.warn('record rejected by Timestream put aside', { item: message.itemId, index: origin.index, deviceId: reading.deviceId, reason: failure.entry.reason });
      rejectedLetters.push({
        message: origin.message,
        letter: {
          v: 1,
          kind: 'rejected-record',
          at,
          source: message.source,
          item: message.itemId,
          index: origin.index,
          reason: failure.entry.reason,
          details: [{ path: '', reason: failure.entry.reason }],
          deviceId: reading.deviceId,
          reading,
          ...(failure.entry.existingVersion !== undefined ? { existingVersion: failure.entry.existingVersion } : {}),
        },
      });
    }
  });
  const rejectedPutAside = await putAside(deps, rejectedLetters, retry);
  const markers = deps.putAsideMarkers ? await markPutAside(deps, [...(invalidPutAside ? input.invalid : []), ...(rejectedPutAside ? rejectedLetters : [])], messages) : undefined;
  if (retryItems.size > 0) {
    logger.error('items will be retried', { items: retryItems.size, readings: outcome.toRetry.filter((r) => r.duplicateOf === undefined).length, firstReason: [...retryItems.values()][0][0] });
  }

  const letters = [...input.invalid, ...rejectedLetters];
  return {
    readingsWritten,
    readingsWithoutTimestamp,
    messagesInvalid: input.invalid.length,
    recordsRejected: rejectedLetters.length,
    writeRequests: outcome.requests,
    putAside: letters.map(({ letter }) => ({ itemId: letter.item, index: letter.index, kind: letter.kind, reason: letter.reason })),
    retryItems,
    ...(markers ? { markers } : {}),
  };
}

/** The markers of the letters that were stored (a letter whose item is retried gets its marker on the redelivery). */
async function markPutAside(deps: IngestDependencies, stored: ReadonlyArray<{ message: number; letter: DeadLetter }>, messages: readonly IncomingMessage[]): Promise<MarkerOutcome | undefined> {
  if (stored.length === 0) return undefined;
  const entries: PutAsideEntry[] = stored.map(({ message, letter }) => ({ letter, receivedAt: messages[message].receivedAt }));
  const outcome = await writePutAsideMarkers(entries, { client: deps.writeClient, databaseName: deps.config.databaseName, tableName: deps.config.tableName });
  if (outcome.failed > 0) deps.logger.error('put-aside markers not written (the letters are stored; data quality undercounts them)', { markers: outcome.failed, reason: outcome.failure });
  return outcome;
}

/** Stores the letters; true when they were stored (else their items are named for retry). */
async function putAside(
  deps: IngestDependencies,
  letters: ReadonlyArray<{ message: number; letter: DeadLetter }>,
  retry: (message: number, reason: string) => void,
): Promise<boolean> {
  if (letters.length === 0) return true;
  try {
    await deps.deadLetter.putAside(letters.map((l) => l.letter));
    return true;
  } catch (error) {
    const reason = `could not put aside: ${describeError(error)}`;
    deps.logger.error('dead-letter sink failed', { letters: letters.length, reason });
    for (const { message } of letters) retry(message, reason);
    return false;
  }
}
