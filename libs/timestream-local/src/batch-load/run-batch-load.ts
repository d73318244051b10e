import { BatchLoadWriteError } from '../errors';
import type { ObjectStore } from '../objects/object-store';
import { CsvParser, DEFAULT_CSV_FORMAT, type CsvFormat, type CsvRow } from './csv-parser';
import { FileErrorCollector } from './error-report';
import { RecordBatch, writeBatch, type BulkBatching, type NormalizedWriteFn } from './record-batch';
import { RecordBuilder } from './record-builder';
import { planRows } from './row-mapper';
import { addProgress, emptyProgress, type BatchLoadTaskRecord, type Progress } from './task';

export interface BatchLoadRunDeps {
  objects: ObjectStore;
  /** the write path from placement on (writeNormalizedRecords), taking BATCH_LOAD_BATCHING.batch records per call */
  write: NormalizedWriteFn;
  /** after each finished file (the task's committed progress changed): persist the task */
  checkpoint(): Promise<void>;
  /** the progress so far, the file being read included (for Describe) */
  onProgress(progress: Progress): void;
  /** aborted when the server closes: the run stops between batches */
  signal: AbortSignal;
}

/**
 * Batch load builds each record once in WriteRecords' normalized shape, with WriteRecords' validation (record-builder.ts),
 * and writes through WriteRecords' path from placement on (memory/magnetic store, versions, rejected-record reporting)
 * in internal calls of 5,000 records, 2 in flight: the API's 100-record limit is the API's, not batch load's.
 */
export const BATCH_LOAD_BATCHING: BulkBatching = { batch: 5000, concurrency: 2 };
/** Records written per flush. */
const FLUSH_RECORDS = BATCH_LOAD_BATCHING.batch * BATCH_LOAD_BATCHING.concurrency;
/** Flushes being written while the file is read on. */
const WRITES_IN_FLIGHT = 2;

export function csvFormatOf(task: BatchLoadTaskRecord): CsvFormat {
  const c = task.request.DataSourceConfiguration.CsvConfiguration ?? {};
  return {
    separator: c.ColumnSeparator ?? DEFAULT_CSV_FORMAT.separator,
    quote: c.QuoteChar ?? DEFAULT_CSV_FORMAT.quote,
    ...(c.EscapeChar !== undefined ? { escape: c.EscapeChar } : {}),
    ...(c.NullValue !== undefined ? { nullValue: c.NullValue } : {}),
    trim: c.TrimWhiteSpace ?? false,
  };
}

/**
 * Runs a task: every source object under the bucket and prefix not finished before, in key order, each streamed
 * through the CSV parser and the data model into WriteRecords. Updates `task` (progress, completed files, errors)
 * and answers 'stopped' when the signal stopped it, else 'finished' (the caller sets the final status).
 */
export async function runBatchLoad(task: BatchLoadTaskRecord, deps: BatchLoadRunDeps): Promise<'finished' | 'stopped'> {
  const source = task.request.DataSourceConfiguration.DataSourceS3Configuration;
  const bucket = source?.BucketName as string;
  let files;
  try {
    files = await deps.objects.listObjects(bucket, source?.ObjectKeyPrefix ?? '');
  } catch (error) {
    task.taskErrors.push(`The source s3://${bucket}/${source?.ObjectKeyPrefix ?? ''} could not be listed: ${(error as Error).message}`);
    return 'finished';
  }
  const todo = files.filter((f) => !f.key.endsWith('/') && !task.completedFiles.includes(f.key));
  if (files.length === 0) task.taskErrors.push(`No source files: s3://${bucket}/${source?.ObjectKeyPrefix ?? ''} holds no object.`);
  for (const file of todo) {
    if (deps.signal.aborted) return 'stopped';
    const errors = new FileErrorCollector(file.key);
    const progress = emptyProgress();
    const outcome = await loadFile(task, deps, bucket, file.key, errors, progress);
    if (outcome === 'stopped') return 'stopped';
    task.progress = addProgress(task.progress, progress);
    task.completedFiles.push(file.key);
    const fileErrors = errors.result();
    if (fileErrors) task.fileErrors.push(fileErrors);
    await deps.checkpoint();
  }
  return 'finished';
}

async function loadFile(task: BatchLoadTaskRecord, deps: BatchLoadRunDeps, bucket: string, key: string, errors: FileErrorCollector, progress: Progress): Promise<'done' | 'stopped'> {
  const fail = (reason: string): 'done' => {
    progress.FileFailures++;
    errors.addFileError(reason);
    return 'done';
  };
  const { TargetDatabaseName: database, TargetTableName: table } = task.request;
  const parser = new CsvParser(csvFormatOf(task));
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let pending = new RecordBatch();
  let builder: RecordBuilder | undefined;
  let fileFailure: string | undefined;
  let first = true;
  // batches are written while the next ones are parsed (the storage takes them in order); at most WRITES_IN_FLIGHT
  const writing: Array<Promise<void>> = [];

  const write = async (batch: RecordBatch) => {
    let outcome;
    try {
      outcome = await writeBatch(deps.write, database, table, batch, BATCH_LOAD_BATCHING);
    } catch (cause) {
      throw new BatchLoadWriteError(`Writing to ${database}.${table} failed: ${(cause as Error).message}`, { cause });
    }
    progress.RecordsIngested += outcome.ingested;
    progress.BytesMetered += outcome.bytes;
    progress.RecordIngestionFailures += outcome.rejected.length;
    for (const r of outcome.rejected) errors.add(r.line, r.reason);
    deps.onProgress(addProgress(task.progress, progress));
  };
  /** Waits until at most `limit` batches are being written; after a failed one, for all of them, then throws. */
  const settle = async (limit: number) => {
    while (writing.length > limit) {
      try {
        await writing.shift();
      } catch (error) {
        await Promise.allSettled(writing.splice(0));
        throw error;
      }
    }
  };
  /** Starts writing what is pending (once fewer than WRITES_IN_FLIGHT batches are being written). */
  const flush = async () => {
    await settle(WRITES_IN_FLIGHT - 1);
    if (pending.length === 0) return;
    const started = write(pending);
    started.catch(() => undefined); // awaited by settle
    writing.push(started);
    pending = new RecordBatch();
  };
  const take = (row: CsvRow) => {
    if (builder === undefined) {
      if ('error' in row) return (fileFailure = `The header line cannot be read: ${row.error}`);
      const planned = planRows(task.dataModel, row.fields, task.request.RecordVersion ?? 1);
      if ('missing' in planned) return (fileFailure = `The header line has no column ${planned.missing.join(', ')} that the data model maps.`);
      builder = new RecordBuilder(planned.plan, { database, table });
      return undefined;
    }
    progress.RecordsProcessed++;
    if ('error' in row) {
      progress.ParseFailures++;
      errors.add(row.line, row.error);
      return undefined;
    }
    const outcome = builder.add(row.fields, row.line, pending);
    if (outcome === undefined) return undefined;
    if ('rowReason' in outcome) {
      progress.ParseFailures++;
      errors.add(row.line, outcome.rowReason);
      return undefined;
    }
    progress.RecordIngestionFailures += outcome.refused.length;
    for (const reason of outcome.refused) errors.add(row.line, reason);
    return undefined;
  };

  let body: AsyncIterable<Uint8Array>;
  try {
    body = await deps.objects.getObject(bucket, key);
  } catch (error) {
    return fail(`The file could not be read: ${(error as Error).message}`);
  }
  let readFailure: string | undefined;
  try {
    for await (const chunk of body) {
      const text = decoder.decode(chunk, { stream: true });
      if (first && text.length > 0) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) return fail('The file starts with a byte order mark (BOM), which batch load does not accept: remove it.');
      }
      parser.feed(text, (row) => {
        if (fileFailure === undefined) take(row); // the rows after a file failure are not looked at
      });
      if (fileFailure) break;
      if (pending.length >= FLUSH_RECORDS) {
        if (deps.signal.aborted) break;
        await flush();
      }
    }
    if (!fileFailure && !deps.signal.aborted) {
      for (const row of parser.push(decoder.decode())) take(row);
      for (const row of parser.end()) take(row);
    }
  } catch (error) {
    if (error instanceof BatchLoadWriteError) throw error;
    readFailure = `The file could not be read to its end: ${(error as Error).message}`;
  }
  await settle(0); // the batches being written are finished before anything else (stop, failure, end)
  if (fileFailure) return fail(fileFailure);
  if (deps.signal.aborted) return 'stopped';
  await flush(); // what was read before a read failure is kept
  await settle(0);
  if (readFailure) return fail(readFailure);
  if (builder === undefined) return fail('The file is empty: batch load needs a header line naming the columns.');
  return 'done';
}
